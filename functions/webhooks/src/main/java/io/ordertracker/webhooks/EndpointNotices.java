package io.ordertracker.webhooks;

import io.ordertracker.domain.webhooks.WebhookEndpoint;
import java.time.Instant;

/** Tells a merchant that one of its endpoints was disabled (the sender: an email to the support address). */
@FunctionalInterface
public interface EndpointNotices {
    void disabled(WebhookEndpoint endpoint, Instant failingSince);
}
