package io.ordertracker.carriers.http;

/** A failure worth retrying: 5xx, unreadable body. Counted by the circuit breaker. */
public final class TransientCarrierException extends Exception {

    public TransientCarrierException(String message) {
        super(message);
    }
}
