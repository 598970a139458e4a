package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import io.ordertracker.local.emulators.TransactionConflicts;
import io.ordertracker.storage.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Merchants' clients retry on timeouts, so the same order often arrives twice at once. Requests released together
 * through one start gate race for the same order item on DynamoDB Local: one creates, every other one is answered
 * from what the winner wrote (a replay, or a 409 naming the field), never a 5xx.
 */
class ConcurrentCreateIT {
    private static final int RACERS = 8;

    private final ApiHarness api = new ApiHarness();
    private final Merchant shop = api.newMerchant("Racing shop");

    @Test
    void identicalOrdersRacingGiveOneCreatedAndReplaysOfItsBody() throws Exception {
        String body = OrdersApiIT.order("R-1001", "ups", "1Z5R89390357567127", "fedex", "123456789012");
        List<Response> responses = race(i -> api.post(shop.apiKey(), body));

        Response created = onlyCreated(responses);
        assertThat(responses).filteredOn(r -> r != created).hasSize(RACERS - 1).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(r.json()).isEqualTo(created.json());
        });
        assertThat(itemsUnder(Keys.orderPk(shop.merchantId(), "R-1001"))).isEqualTo(3);
    }

    @Test
    void sameOrderNumberWithDifferentBodiesRacingGivesOneCreatedAndConflictsNamingTheField() throws Exception {
        List<Response> responses = race(i -> api.post(shop.apiKey(),
                OrdersApiIT.order("R-2001", "dhl", String.valueOf(1_234_567_890L + i))));

        Response created = onlyCreated(responses);
        assertThat(responses).filteredOn(r -> r != created).hasSize(RACERS - 1).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.json().path("field").asText()).isEqualTo("orderNumber");
        });
        assertThat(itemsUnder(Keys.orderPk(shop.merchantId(), "R-2001"))).isEqualTo(2);
        assertThat(api.get(shop.apiKey(), "R-2001").json()).isEqualTo(created.json());
    }

    @Test
    void oneIdempotencyKeyRacingWithTheSameBodyReplaysAndWithOtherOrderNumbersConflicts() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = OrdersApiIT.order("R-3001", "usps", "9400100000000000000001");
        List<Response> same = race(i -> api.post(shop.apiKey(), body, Map.of("Idempotency-Key", key)));
        Response created = onlyCreated(same);
        assertThat(same).filteredOn(r -> r != created).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json()).isEqualTo(created.json());
        });

        String otherKey = UUID.randomUUID().toString();
        List<Response> others = race(i -> api.post(shop.apiKey(), OrdersApiIT.order("R-31" + i, "dhl", "1234567890"),
                Map.of("Idempotency-Key", otherKey)));
        Response winner = onlyCreated(others);
        assertThat(others).filteredOn(r -> r != winner).hasSize(RACERS - 1).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("field").asText()).isEqualTo("Idempotency-Key");
        });
        String winnerNumber = winner.json().path("orderNumber").asText();
        for (int i = 0; i < RACERS; i++) {
            String number = "R-31" + i;
            assertThat(itemsUnder(Keys.orderPk(shop.merchantId(), number))).as(number)
                    .isEqualTo(number.equals(winnerNumber) ? 2 : 0);
        }
    }

    /**
     * DynamoDB Local runs transactions one at a time, so the races above never meet DynamoDB's TransactionConflict
     * (a transaction cancelled because another one held the item at that moment). Staged on the wire here: the
     * winner's request completes while the loser's transaction is refused with it.
     */
    @Test
    void aCreateCancelledByTransactionConflictReplaysTheWinnersResponse() {
        TransactionConflicts conflicts = new TransactionConflicts();
        ApiHarness loser = new ApiHarness(conflicts.client(ApiHarness.DYNAMO.endpoint()));
        String body = OrdersApiIT.order("R-4001", "ups", "1Z5R89390357567127");
        AtomicReference<Response> winner = new AtomicReference<>();
        conflicts.refuseNext(1, () -> winner.set(api.post(shop.apiKey(), body)));

        Response replay = loser.post(shop.apiKey(), body);
        assertThat(conflicts.refused()).isEqualTo(1);
        assertThat(winner.get().status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(winner.get().json());

        conflicts.refuseNext(1, () -> api.post(shop.apiKey(), OrdersApiIT.order("R-4002", "dhl", "1234567890")));
        Response conflict = loser.post(shop.apiKey(), OrdersApiIT.order("R-4002", "dhl", "9876543210"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("field").asText()).isEqualTo("orderNumber");
        assertThat(conflicts.refused()).isEqualTo(2);
    }

    /** Runs one request per racer, all released at once; a racer that threw fails the test with its error. */
    private static List<Response> race(IntFunction<Response> request) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(racer);
                }));
            }
            ready.await();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<Response> f : futures) {
                try {
                    responses.add(f.get());
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            assertThat(failures).as("racers that failed (a 5xx or a broken contract)").isEmpty();
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response onlyCreated(List<Response> responses) {
        assertThat(responses).extracting(Response::status).filteredOn(s -> s == 201).hasSize(1);
        return responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
    }

    private static int itemsUnder(String pk) {
        return ApiHarness.CLIENT.query(b -> b.tableName(ApiHarness.TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .count();
    }
}
