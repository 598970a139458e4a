package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ordertracker.domain.webhooks.WebhookDelivery;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbWebhookDeliveries;
import io.ordertracker.storage.DynamoDbWebhookEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sender on DynamoDB Local against a real HTTP server on loopback (under the local flag), with a moved clock. */
class WebhookSenderIT {
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final String TABLE = "TrackingTable";
    static final HttpServer SERVER;
    static final AtomicInteger ANSWER = new AtomicInteger(204);
    static final List<Map<String, String>> RECEIVED = Collections.synchronizedList(new ArrayList<>());

    static {
        new LocalResources(SamTemplate.load(SamTemplate.locate().getParent().resolve("template.yaml"))).createTables(CLIENT);
        try {
            SERVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SERVER.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"), "body", body));
            int status = ANSWER.get();
            if (status == 302) {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            }
            byte[] big = new byte[200 * 1024]; // more than the sender ever reads
            exchange.sendResponseHeaders(status, status == 204 ? -1 : big.length);
            if (status != 204) {
                exchange.getResponseBody().write(big);
            }
            exchange.close();
        });
        SERVER.start();
    }

    final DynamoDbWebhookEndpoints endpoints = new DynamoDbWebhookEndpoints(CLIENT, TABLE);
    final DynamoDbWebhookDeliveries deliveries = new DynamoDbWebhookDeliveries(CLIENT, TABLE);
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final List<String> visibility = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final AtomicReference<String> dnsAnswer = new AtomicReference<>("127.0.0.1");
    final DeliveryQueue queue = new DeliveryQueue() {
        @Override
        public void send(List<Entry> entries) {
        }

        @Override
        public void retryAfter(String receiptHandle, long seconds) {
            visibility.add(receiptHandle + "=" + seconds);
        }

        @Override
        public void deadLetter(DeliveryMessage message, String groupId, String why) {
            deadLetters.add(message.deliveryId() + " " + why);
        }
    };
    final EndpointUrls urls = new EndpointUrls(host -> {
        if (!host.equals("hooks.test")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(dnsAnswer.get()));
    }, true);
    final WebhookSender sender = new WebhookSender(endpoints, deliveries, urls, PinnedHttpPost.standard()::post, queue,
            (endpoint, since) -> notices.add(endpoint.endpointId() + " since " + since), new RetryPolicy(() -> 0.5), clock);
    String merchant;
    WebhookEndpoint endpoint;
    String secret = WebhookSignature.newSecret();

    @BeforeEach
    void anEndpointAndADelivery() {
        ANSWER.set(204);
        RECEIVED.clear();
        merchant = "m_" + UUID.randomUUID();
        endpoint = new WebhookEndpoint(merchant, "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                "http://hooks.test:" + SERVER.getAddress().getPort() + "/hook", Set.of(), true, null,
                List.of(new WebhookEndpoint.SigningSecret(secret, null)), now.get(), now.get(), null, null, 0);
        assertThat(endpoints.create(endpoint, 10)).isTrue();
    }

    DeliveryMessage delivery(String suffix) {
        WebhookEvent event = new WebhookEvent(WebhookEvent.idOf("order.created", merchant, suffix), "order.created",
                now.get(), "order:" + suffix, Map.of("order", Map.of("orderNumber", suffix)));
        String id = WebhookProducer.deliveryId(endpoint.endpointId(), event);
        assertThat(deliveries.create(new WebhookDelivery(merchant, endpoint.endpointId(), id, event.id(), event.type(),
                event.payload(), event.groupKey(), now.get(), WebhookDelivery.Status.PENDING, List.of(), null))).isTrue();
        return new DeliveryMessage(merchant, endpoint.endpointId(), id, event.id(), event.type(), false);
    }

    @Test
    void a2xxEndsItSignedPerTheSpecAndAReDeliveredMessageSendsNothingMore() {
        DeliveryMessage m = delivery("A-1");
        assertThat(sender.attempt(m, "r1")).isEqualTo(WebhookSender.Outcome.DELIVERED);
        assertThat(RECEIVED).hasSize(1);
        Map<String, String> got = RECEIVED.get(0);
        assertThat(got.get("id")).isEqualTo(m.eventId());
        assertThat(got.get("timestamp")).isEqualTo(Long.toString(now.get().getEpochSecond()));
        assertThat(WebhookSignature.verify(secret, got.get("id"), got.get("timestamp"), got.get("body"), got.get("signature"),
                now.get().getEpochSecond())).isTrue();
        WebhookDelivery stored = deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
        assertThat(stored.attempts()).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(204));

        assertThat(sender.attempt(m, "r2")).isEqualTo(WebhookSender.Outcome.SKIPPED);
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void failuresWaitTheBackoffThenGiveUpAfterThreeDaysDisablingTheEndpointAndTellingTheMerchant() {
        ANSWER.set(500);
        DeliveryMessage m = delivery("B-1");
        assertThat(sender.attempt(m, "r1")).isEqualTo(WebhookSender.Outcome.RETRY_LATER);
        assertThat(visibility).containsExactly("r1=23"); // 30 s ceiling, 15..30, jitter 0.5
        WebhookDelivery stored = deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(stored.nextAttemptAt()).isEqualTo(now.get().plusSeconds(23));
        assertThat(stored.attempts()).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(500);
            assertThat(a.error()).isNull();
        });
        assertThat(endpoints.find(merchant, endpoint.endpointId()).orElseThrow().failingSince()).isEqualTo(now.get());

        WebhookSender.Outcome outcome;
        int attempts = 1;
        do {
            now.set(deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow().nextAttemptAt());
            outcome = sender.attempt(m, "r" + (++attempts));
        } while (outcome == WebhookSender.Outcome.RETRY_LATER && attempts < 100);
        assertThat(outcome).isEqualTo(WebhookSender.Outcome.GAVE_UP);
        assertThat(attempts).isBetween(10, 40);
        assertThat(deadLetters).singleElement().asString().startsWith(m.deliveryId());
        assertThat(deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow().status())
                .isEqualTo(WebhookDelivery.Status.FAILED);
        WebhookEndpoint disabled = endpoints.find(merchant, endpoint.endpointId()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).startsWith("failing since");
        assertThat(notices).singleElement().asString().startsWith(endpoint.endpointId());
        assertThat(RECEIVED).hasSize(attempts);

        // disabled: the next delivery is cancelled without a request
        DeliveryMessage later = delivery("B-2");
        assertThat(sender.attempt(later, "x")).isEqualTo(WebhookSender.Outcome.SKIPPED);
        assertThat(RECEIVED).hasSize(attempts);
        assertThat(deliveries.find(merchant, endpoint.endpointId(), later.deliveryId()).orElseThrow().status())
                .isEqualTo(WebhookDelivery.Status.CANCELLED);
    }

    @Test
    void aSuccessEndsARunOfFailures() {
        ANSWER.set(503);
        assertThat(sender.attempt(delivery("C-1"), "r")).isEqualTo(WebhookSender.Outcome.RETRY_LATER);
        assertThat(endpoints.find(merchant, endpoint.endpointId()).orElseThrow().failingSince()).isNotNull();
        ANSWER.set(200);
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(sender.attempt(delivery("C-2"), "r")).isEqualTo(WebhookSender.Outcome.DELIVERED);
        assertThat(endpoints.find(merchant, endpoint.endpointId()).orElseThrow().failingSince()).isNull();
    }

    @Test
    void aRedirectIsNotFollowed() {
        ANSWER.set(302);
        DeliveryMessage m = delivery("D-1");
        assertThat(sender.attempt(m, "r")).isEqualTo(WebhookSender.Outcome.RETRY_LATER);
        assertThat(RECEIVED).hasSize(1);
        assertThat(deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow().attempts().get(0).error())
                .isEqualTo("redirect not followed");
    }

    @Test
    void anAddressThatTurnedPrivateSinceRegistrationIsNotCalled() {
        dnsAnswer.set("10.1.2.3");
        DeliveryMessage m = delivery("E-1");
        assertThat(sender.attempt(m, "r")).isEqualTo(WebhookSender.Outcome.RETRY_LATER);
        assertThat(RECEIVED).isEmpty();
        assertThat(deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow().attempts().get(0).error())
                .contains("private");
    }

    @Test
    void aReplaySendsTheSameIdAndBodyOnceMore() {
        DeliveryMessage m = delivery("F-1");
        assertThat(sender.attempt(m, "r")).isEqualTo(WebhookSender.Outcome.DELIVERED);
        DeliveryMessage replay = new DeliveryMessage(m.merchantId(), m.endpointId(), m.deliveryId(), m.eventId(), m.eventType(), true);
        now.set(now.get().plus(Duration.ofDays(2)));
        assertThat(sender.attempt(replay, "r")).isEqualTo(WebhookSender.Outcome.REPLAYED);
        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(1).get("id")).isEqualTo(RECEIVED.get(0).get("id"));
        assertThat(RECEIVED.get(1).get("body")).isEqualTo(RECEIVED.get(0).get("body"));
        assertThat(RECEIVED.get(1).get("timestamp")).isNotEqualTo(RECEIVED.get(0).get("timestamp"));
        assertThat(deliveries.find(merchant, endpoint.endpointId(), m.deliveryId()).orElseThrow().attempts())
                .extracting(WebhookDelivery.Attempt::replay).containsExactly(false, true);
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }
}
