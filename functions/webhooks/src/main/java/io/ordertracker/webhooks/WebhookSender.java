package io.ordertracker.webhooks;

import io.ordertracker.domain.webhooks.WebhookDeliveries;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookDelivery.Attempt;
import io.ordertracker.domain.webhooks.WebhookDelivery.Status;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.domain.webhooks.WebhookEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one delivery: re-reads the delivery and its endpoint, checks the URL again (DNS may have changed
 * since registration), signs with every current secret, POSTs to the checked address, and records the attempt
 * (status code, latency; never the answer's body). A 2xx ends it; anything else waits {@link RetryPolicy} and is
 * tried again, for up to three days, then is dead-lettered; an endpoint that has failed for three days is disabled
 * and its merchant told. A replay is one attempt, whatever its outcome.
 */
public final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    /** What became of the message. */
    public enum Outcome { DELIVERED, RETRY_LATER, GAVE_UP, REPLAYED, SKIPPED }

    /** Sends one signed POST (the pinned client in production, a stub in tests). */
    @FunctionalInterface
    public interface Transport {
        PinnedHttpPost.Result post(EndpointUrls.Target target, Map<String, String> headers, String body);
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final EndpointUrls urls;
    private final Transport transport;
    private final DeliveryQueue queue;
    private final EndpointNotices notices;
    private final RetryPolicy retries;
    private final Clock clock;

    public WebhookSender(WebhookEndpoints endpoints, WebhookDeliveries deliveries, EndpointUrls urls,
                         Transport transport, DeliveryQueue queue, EndpointNotices notices, RetryPolicy retries,
                         Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.urls = urls;
        this.transport = transport;
        this.queue = queue;
        this.notices = notices;
        this.retries = retries;
        this.clock = clock;
    }

    public Outcome attempt(DeliveryMessage message, String receiptHandle) {
        Optional<WebhookDelivery> found = deliveries.find(message.merchantId(), message.endpointId(), message.deliveryId());
        if (found.isEmpty()) {
            LOG.info("webhook delivery {} is gone (expired or endpoint deleted)", message.deliveryId());
            return Outcome.SKIPPED;
        }
        WebhookDelivery delivery = found.get();
        Optional<WebhookEndpoint> endpoint = endpoints.find(message.merchantId(), message.endpointId());
        if (endpoint.isEmpty() || (!endpoint.get().enabled() && !message.replay())) {
            if (delivery.status() == Status.PENDING) {
                deliveries.save(with(delivery, Status.CANCELLED, delivery.attempts(), null));
            }
            LOG.info("webhook delivery {} cancelled: its endpoint is deleted or disabled", message.deliveryId());
            return Outcome.SKIPPED;
        }
        if (!message.replay() && delivery.status() != Status.PENDING) {
            LOG.info("webhook delivery {} is {} already", message.deliveryId(), delivery.status());
            return Outcome.SKIPPED;
        }
        Instant now = clock.instant();
        Attempt attempt = post(endpoint.get(), delivery, now, message.replay());
        List<Attempt> attempts = new ArrayList<>(delivery.attempts());
        attempts.add(attempt);
        LOG.info("webhook delivery {} ({}) -> {} in {} ms", message.deliveryId(), delivery.eventType(),
                attempt.statusCode() != null ? attempt.statusCode() : attempt.error(), attempt.latencyMillis());
        if (attempt.succeeded()) {
            deliveries.save(with(delivery, Status.SUCCEEDED, attempts, null));
            if (endpoint.get().failingSince() != null) {
                endpoints.markHealthy(message.merchantId(), message.endpointId());
            }
            return message.replay() ? Outcome.REPLAYED : Outcome.DELIVERED;
        }
        Instant failingSince = endpoints.markFailing(message.merchantId(), message.endpointId(), now);
        if (message.replay()) {
            deliveries.save(with(delivery, delivery.status(), attempts, delivery.nextAttemptAt()));
            return Outcome.REPLAYED;
        }
        WebhookDelivery attempted = with(delivery, Status.PENDING, attempts, null);
        Optional<Instant> next = retries.next(attempted.firstAttemptAt(), attempted.automaticAttempts(), now);
        Outcome outcome;
        if (next.isPresent()) {
            deliveries.save(with(delivery, Status.PENDING, attempts, next.get()));
            queue.retryAfter(receiptHandle, Math.max(1, Duration.between(now, next.get()).getSeconds()));
            outcome = Outcome.RETRY_LATER;
        } else {
            deliveries.save(with(delivery, Status.FAILED, attempts, null));
            queue.deadLetter(message, WebhookProducer.groupId(message.endpointId(), delivery.groupKey()),
                    "no 2xx in " + RetryPolicy.GIVE_UP_AFTER.toDays() + " days, " + attempts.size() + " attempts");
            LOG.warn("webhook delivery {} gave up after {} attempts; dead-lettered", message.deliveryId(), attempts.size());
            outcome = Outcome.GAVE_UP;
        }
        // failing for three days, or this delivery gave up and nothing succeeded since its first attempt
        boolean failedForDays = !failingSince.plus(RetryPolicy.GIVE_UP_AFTER).isAfter(now)
                || (outcome == Outcome.GAVE_UP && !failingSince.isAfter(attempted.firstAttemptAt()));
        if (failedForDays && endpoints.disable(message.merchantId(), message.endpointId(), "failing since " + failingSince, now)) {
            notices.disabled(endpoint.get(), failingSince);
        }
        return outcome;
    }

    private Attempt post(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now, boolean replay) {
        EndpointUrls.Check check = urls.check(endpoint.url());
        if (!check.ok()) {
            return new Attempt(now, null, "refused: the URL " + check.refusal(), 0, replay);
        }
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(endpoint.signingSecrets(now), delivery.eventId(),
                timestamp, delivery.payload()));
        PinnedHttpPost.Result r = transport.post(check.target().get(), headers, delivery.payload());
        String error = r.statusCode() == null ? r.error()
                : r.statusCode() >= 300 && r.statusCode() < 400 ? "redirect not followed" : null;
        return new Attempt(now, r.statusCode(), error, r.latencyMillis(), replay);
    }

    private static WebhookDelivery with(WebhookDelivery d, Status status, List<Attempt> attempts, Instant next) {
        return new WebhookDelivery(d.merchantId(), d.endpointId(), d.deliveryId(), d.eventId(), d.eventType(),
                d.payload(), d.groupKey(), d.createdAt(), status, attempts, next);
    }
}
