package io.ordertracker.notify;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Which provider errors mean "slow down" rather than "this failed". */
final class ThrottlingErrors {
    /**
     * SES v1 answers {@code Throttling} (HTTP 400) for both "Maximum sending rate exceeded" and "Daily message quota
     * exceeded", and SMTP-era clients know {@code MaxSendingRateExceeded}; SNS answers {@code Throttled} (HTTP 429,
     * {@code ThrottledException}). The SDK's own list covers the common AWS codes and every HTTP 429.
     */
    private static final Set<String> CODES = Set.of("Throttling", "ThrottlingException", "MaxSendingRateExceeded",
            "Throttled", "ThrottledException");

    private ThrottlingErrors() {
    }

    static boolean isThrottling(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.isThrottlingException() || (code != null && CODES.contains(code));
    }

    /** {@code e} as {@link Gateways.Throttled} when it is throttling, else {@code e} itself, to be rethrown. */
    static RuntimeException classify(AwsServiceException e, String provider) {
        if (isThrottling(e)) {
            String code = e.awsErrorDetails() == null ? "429" : e.awsErrorDetails().errorCode();
            return new Gateways.Throttled(provider + " throttled us (" + code + ")", e);
        }
        return e;
    }
}
