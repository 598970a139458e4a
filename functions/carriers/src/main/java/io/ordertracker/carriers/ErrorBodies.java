package io.ordertracker.carriers;

/** Classifying error responses by HTTP status when the carrier's error code does not say more. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static FailureKind kindForStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400, 422 -> FailureKind.INVALID;
            case 401, 403 -> FailureKind.AUTH;
            case 404 -> FailureKind.NOT_FOUND;
            case 429 -> FailureKind.RATE_LIMITED;
            default -> httpStatus >= 500 ? FailureKind.UNAVAILABLE : FailureKind.UNKNOWN;
        };
    }

    /** What a body we cannot read at all means: a carrier malfunction (truncated, garbage), so try again later. */
    public static CarrierTrackingResult.Failure unreadable(String carrierName, int httpStatus) {
        FailureKind kind = httpStatus >= 400 && httpStatus < 500 ? kindForStatus(httpStatus) : FailureKind.UNAVAILABLE;
        return CarrierTrackingResult.Failure.of(null, kind,
                carrierName + " answered HTTP " + httpStatus + " with a body that is not readable JSON");
    }
}
