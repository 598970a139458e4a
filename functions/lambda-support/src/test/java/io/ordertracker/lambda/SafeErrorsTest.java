package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class SafeErrorsTest {
    /** What SES says in its sandbox when the recipient is not verified: the message names the shopper. */
    private static final AwsServiceException SES_REFUSAL = AwsServiceException.builder()
            .message("Email address is not verified. The following identities failed the check in region US-EAST-1: "
                    + "ada@example.com")
            .statusCode(400).requestId("req-7f3a")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected").serviceName("Ses")
                    .errorMessage("Email address is not verified: ada@example.com").build())
            .build();

    @Test
    void aServiceErrorIsItsClassStatusCodeAndRequestIdWithoutItsMessage() {
        assertThat(SafeErrors.describe(SES_REFUSAL))
                .isEqualTo("AwsServiceException 400 MessageRejected requestId=req-7f3a")
                .doesNotContain("ada@example.com");
    }

    @Test
    void theCauseChainIsNamedClassByClass() {
        RuntimeException wrapped = new IllegalStateException("could not send to +15555550123",
                new UncheckedIOException("body {\"phone\":\"+15555550123\"}", new java.io.IOException("1Z5R89390357567127")));
        assertThat(SafeErrors.describe(wrapped))
                .isEqualTo("IllegalStateException <- UncheckedIOException <- IOException");
        assertThat(SafeErrors.describe(SdkClientException.create("Unable to execute HTTP request to ada@example.com")))
                .isEqualTo("SdkClientException");
    }

    @Test
    void theRedactedCopyKeepsEveryStackFrameAndNoMessage() {
        IllegalStateException outer = new IllegalStateException("job for ada@example.com failed", SES_REFUSAL);
        outer.addSuppressed(new RuntimeException("retry 1 for +15555550123"));

        Throwable copy = SafeErrors.redacted(outer);
        StringWriter printed = new StringWriter();
        copy.printStackTrace(new PrintWriter(printed));

        assertThat(printed.toString()).doesNotContain("ada@example.com", "+15555550123")
                .contains("IllegalStateException", "AwsServiceException 400 MessageRejected requestId=req-7f3a",
                        "Suppressed: RuntimeException", "theRedactedCopyKeepsEveryStackFrameAndNoMessage");
        assertThat(copy.getStackTrace()).isEqualTo(outer.getStackTrace());
        assertThat(copy.getCause().getStackTrace()).isEqualTo(SES_REFUSAL.getStackTrace());
        assertThat(copy.getSuppressed()).hasSize(1);
    }
}
