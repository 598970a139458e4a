package io.ordertracker.carriers.http;

import io.ordertracker.carriers.FailureKind;

import java.time.Duration;

/** The final outcome of a call that produced no tracking data: one kind for every number in it. */
public class CarrierCallException extends Exception {

    private final FailureKind kind;
    private final Duration retryAfter;

    public CarrierCallException(FailureKind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The carrier refused our access token (expired or revoked): worth one retry with a fresh token. */
    public static final class TokenRejected extends CarrierCallException {
        public TokenRejected(String message) {
            super(FailureKind.AUTH, message, null);
        }
    }
}
