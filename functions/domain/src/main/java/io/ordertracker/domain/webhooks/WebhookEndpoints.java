package io.ordertracker.domain.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port of a merchant's webhook endpoints. Every key embeds the merchant id: another merchant's id finds nothing. */
public interface WebhookEndpoints {

    /** Stores a new endpoint; false when the merchant already has {@code limit} endpoints. */
    boolean create(WebhookEndpoint endpoint, int limit);

    Optional<WebhookEndpoint> find(String merchantId, String endpointId);

    /** Every endpoint of the merchant, oldest first. */
    List<WebhookEndpoint> list(String merchantId);

    /** Replaces the endpoint if its stored version is still {@code expectedVersion} (the new one carries +1). */
    boolean replace(WebhookEndpoint updated, long expectedVersion);

    /** @return false when there was none */
    boolean delete(String merchantId, String endpointId);

    /** Notes the first failure of a run of failures (kept if already set); returns the run's start. */
    Instant markFailing(String merchantId, String endpointId, Instant now);

    /** Ends a run of failures (a delivery succeeded). */
    void markHealthy(String merchantId, String endpointId);

    /** Disables it for {@code reason}; true only for the call that disabled it (so the merchant is told once). */
    boolean disable(String merchantId, String endpointId, String reason, Instant now);
}
