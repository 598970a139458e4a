package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

/** The error codes SES and SNS use for "slow down", as the SDK hands them to us, and look-alikes that are not. */
class ThrottlingErrorsTest {

    static AwsErrorDetails details(String code, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("x")
                .sdkHttpResponse(software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(status).build()).build();
    }

    @Test
    void sesThrottlingAndMaxSendingRateExceededAreThrottling() {
        SesException rate = (SesException) SesException.builder().awsErrorDetails(details("Throttling", 400))
                .statusCode(400).message("Maximum sending rate exceeded.").build();
        SesException max = (SesException) SesException.builder().awsErrorDetails(details("MaxSendingRateExceeded", 400))
                .statusCode(400).build();

        assertThat(ThrottlingErrors.classify(rate, "SES")).isInstanceOf(Gateways.Throttled.class)
                .hasMessage("SES throttled us (Throttling)").hasCause(rate);
        assertThat(ThrottlingErrors.classify(max, "SES")).isInstanceOf(Gateways.Throttled.class);
    }

    @Test
    void snsThrottledIsThrottling() {
        SnsException throttled = (SnsException) ThrottledException.builder().awsErrorDetails(details("Throttled", 429))
                .statusCode(429).build();
        assertThat(ThrottlingErrors.classify(throttled, "SNS")).isInstanceOf(Gateways.Throttled.class);
    }

    @Test
    void aRejectedMessageOrAConfigurationLimitIsAFailureNotThrottling() {
        SesException rejected = (SesException) MessageRejectedException.builder()
                .awsErrorDetails(details("MessageRejected", 400)).statusCode(400).build();
        SesException limit = (SesException) LimitExceededException.builder()
                .awsErrorDetails(details("LimitExceeded", 400)).statusCode(400).build();

        assertThat(ThrottlingErrors.classify(rejected, "SES")).isSameAs(rejected);
        assertThat(ThrottlingErrors.classify(limit, "SES")).isSameAs(limit);
    }
}
