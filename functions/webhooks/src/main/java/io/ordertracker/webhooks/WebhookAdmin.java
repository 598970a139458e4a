package io.ordertracker.webhooks;

import io.ordertracker.domain.webhooks.WebhookDeliveries;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.domain.webhooks.WebhookEndpoint.SigningSecret;
import io.ordertracker.domain.webhooks.WebhookEndpoints;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merchant's webhook use cases behind {@code /v1/webhooks}: register (the secret is returned once), read, edit,
 * delete, rotate the secret (the previous one keeps signing for {@link #ROTATION_OVERLAP}), list deliveries, replay
 * one, send a test event. Every call names the merchant the authorizer resolved; another merchant's endpoint is
 * simply not found.
 */
public final class WebhookAdmin {
    public static final int MAX_ENDPOINTS = 10;
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    public static final int MAX_DESCRIPTION = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the merchant asks for; null fields are left as they are (PATCH) or take defaults (create). */
    public record Changes(String url, Set<String> eventTypes, Boolean enabled, String description,
                          boolean descriptionSet) {
    }

    /** The outcome of a write. */
    public sealed interface Result {
        record Done(WebhookEndpoint endpoint, String secret) implements Result {
        }

        record Invalid(String field, String message) implements Result {
        }

        record NotFound() implements Result {
        }

        record TooMany() implements Result {
        }

        record Conflict(String message) implements Result {
        }
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookProducer producer;
    private final DeliveryQueue queue;
    private final EndpointUrls urls;
    private final Clock clock;

    public WebhookAdmin(WebhookEndpoints endpoints, WebhookDeliveries deliveries, DeliveryQueue queue,
                        EndpointUrls urls, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.queue = queue;
        this.urls = urls;
        this.clock = clock;
        this.producer = new WebhookProducer(new WebhookEvents(s -> null), endpoints, deliveries, queue, clock);
    }

    public Result create(String merchantId, Changes c) {
        Optional<Result> invalid = validate(c, true);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(merchantId, "wh_" + HexFormat.of().formatHex(bytes(12)), c.url(),
                c.eventTypes() == null ? Set.of() : c.eventTypes(), c.enabled() == null || c.enabled(),
                c.description(), List.of(new SigningSecret(secret, null)), now, now, null, null, 0);
        if (!endpoints.create(endpoint, MAX_ENDPOINTS)) {
            return new Result.TooMany();
        }
        return new Result.Done(endpoint, secret);
    }

    public Optional<WebhookEndpoint> get(String merchantId, String endpointId) {
        return validId(endpointId) ? endpoints.find(merchantId, endpointId) : Optional.empty();
    }

    public List<WebhookEndpoint> list(String merchantId) {
        return endpoints.list(merchantId);
    }

    public Result update(String merchantId, String endpointId, Changes c) {
        Optional<WebhookEndpoint> current = get(merchantId, endpointId);
        if (current.isEmpty()) {
            return new Result.NotFound();
        }
        Optional<Result> invalid = validate(c, false);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        WebhookEndpoint e = current.get();
        boolean enabled = c.enabled() == null ? e.enabled() : c.enabled();
        WebhookEndpoint updated = new WebhookEndpoint(merchantId, endpointId, c.url() == null ? e.url() : c.url(),
                c.eventTypes() == null ? e.eventTypes() : c.eventTypes(), enabled,
                c.descriptionSet() ? c.description() : e.description(), e.secrets(), e.createdAt(), clock.instant(),
                enabled && !e.enabled() ? null : e.failingSince(), enabled ? null : e.disabledReason(), e.version() + 1);
        return endpoints.replace(updated, e.version()) ? new Result.Done(updated, null)
                : new Result.Conflict("The endpoint changed meanwhile; read it again and retry.");
    }

    public boolean delete(String merchantId, String endpointId) {
        return validId(endpointId) && endpoints.delete(merchantId, endpointId);
    }

    /** A new current secret; the previous one signs too until {@link #ROTATION_OVERLAP} has passed. */
    public Result rotate(String merchantId, String endpointId) {
        Optional<WebhookEndpoint> current = get(merchantId, endpointId);
        if (current.isEmpty()) {
            return new Result.NotFound();
        }
        WebhookEndpoint e = current.get();
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(secret, null));
        e.secrets().stream().filter(s -> s.expiresAt() == null).findFirst()
                .ifPresent(s -> secrets.add(new SigningSecret(s.value(), now.plus(ROTATION_OVERLAP))));
        WebhookEndpoint rotated = new WebhookEndpoint(merchantId, endpointId, e.url(), e.eventTypes(), e.enabled(),
                e.description(), secrets, e.createdAt(), now, e.failingSince(), e.disabledReason(), e.version() + 1);
        return endpoints.replace(rotated, e.version()) ? new Result.Done(rotated, secret)
                : new Result.Conflict("The endpoint changed meanwhile; rotate again.");
    }

    public Optional<List<WebhookDelivery>> deliveries(String merchantId, String endpointId, int limit) {
        return get(merchantId, endpointId).map(e -> deliveries.list(merchantId, endpointId, limit));
    }

    /** Sends one delivery again, with the same webhook-id and body; empty when endpoint or delivery is unknown. */
    public Optional<Result> replay(String merchantId, String endpointId, String deliveryId) {
        Optional<WebhookEndpoint> endpoint = get(merchantId, endpointId);
        if (endpoint.isEmpty() || deliveryId == null || !deliveryId.matches("dlv_[0-9]{13}_[0-9a-f]{16}")) {
            return Optional.empty();
        }
        Optional<WebhookDelivery> delivery = deliveries.find(merchantId, endpointId, deliveryId);
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        if (!endpoint.get().enabled()) {
            return Optional.of(new Result.Conflict("The endpoint is disabled; enable it first."));
        }
        WebhookDelivery d = delivery.get();
        queue.send(List.of(new DeliveryQueue.Entry(new DeliveryMessage(merchantId, endpointId, deliveryId, d.eventId(),
                d.eventType(), true), WebhookProducer.groupId(endpointId, d.groupKey()),
                deliveryId + "|replay|" + clock.instant().toEpochMilli())));
        return Optional.of(new Result.Done(endpoint.get(), null));
    }

    /** Queues a {@code webhook.test} event to the endpoint (whatever it subscribed to). */
    public Optional<Result> test(String merchantId, String endpointId) {
        Optional<WebhookEndpoint> endpoint = get(merchantId, endpointId);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        if (!endpoint.get().enabled()) {
            return Optional.of(new Result.Conflict("The endpoint is disabled; enable it first."));
        }
        Instant now = clock.instant();
        String id = "evt_" + HexFormat.of().formatHex(bytes(16));
        WebhookEvent event = new WebhookEvent(id, WebhookEvent.WEBHOOK_TEST, now, "test:" + id,
                Map.of("endpointId", endpointId, "message", "A test event from POST /v1/webhooks/{id}/test."));
        queue.send(List.of(producer.enqueue(endpoint.get(), event, false)));
        return Optional.of(new Result.Done(endpoint.get(), WebhookProducer.deliveryId(endpointId, event)));
    }

    private Optional<Result> validate(Changes c, boolean creating) {
        if (creating || c.url() != null) {
            String problem = urls.syntaxProblem(c.url());
            if (problem != null) {
                return Optional.of(new Result.Invalid("url", "url " + problem + "."));
            }
            EndpointUrls.Check check = urls.check(c.url());
            if (!check.ok()) {
                return Optional.of(new Result.Invalid("url", "url " + check.refusal() + "."));
            }
        }
        if (c.eventTypes() != null) {
            for (String type : c.eventTypes()) {
                if (!WebhookEvent.TYPES.contains(type)) {
                    return Optional.of(new Result.Invalid("eventTypes", "eventTypes has an unknown type; known: "
                            + String.join(", ", WebhookEvent.TYPES) + "."));
                }
            }
        }
        if (c.description() != null && (c.description().codePointCount(0, c.description().length()) > MAX_DESCRIPTION
                || c.description().chars().anyMatch(ch -> Character.isISOControl(ch)))) {
            return Optional.of(new Result.Invalid("description", "description must be at most " + MAX_DESCRIPTION
                    + " characters without control characters."));
        }
        return Optional.empty();
    }

    static boolean validId(String endpointId) {
        return endpointId != null && endpointId.matches("wh_[0-9a-f]{24}");
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
