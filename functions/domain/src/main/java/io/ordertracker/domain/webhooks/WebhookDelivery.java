package io.ordertracker.domain.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event for one endpoint, and every attempt to deliver it. Its id is derived from the endpoint and the event,
 * so a source change seen twice (a redelivered stream record) is the same delivery; a replay is another attempt
 * of it, with the same {@code webhook-id}.
 *
 * @param payload  the exact body sent (the event as JSON), kept so a replay sends the same bytes
 * @param groupKey what orders it: the shipment (or order) the event is about
 */
public record WebhookDelivery(String merchantId, String endpointId, String deliveryId, String eventId,
                              String eventType, String payload, String groupKey, Instant createdAt, Status status,
                              List<Attempt> attempts, Instant nextAttemptAt) {

    public enum Status { PENDING, SUCCEEDED, FAILED, CANCELLED }

    public WebhookDelivery {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /**
     * One POST. @param statusCode null when no HTTP answer came (timeout, refused address, connection error)
     * @param error short reason without the response body (never stored or logged)
     */
    public record Attempt(Instant at, Integer statusCode, String error, long latencyMillis, boolean replay) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** When the first attempt of this delivery (replays aside) was made; null before any. */
    public Instant firstAttemptAt() {
        return attempts.stream().filter(a -> !a.replay()).map(Attempt::at).findFirst().orElse(null);
    }

    public long automaticAttempts() {
        return attempts.stream().filter(a -> !a.replay()).count();
    }
}
