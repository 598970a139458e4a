package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertracker.domain.analytics.DayGroup;
import io.ordertracker.domain.analytics.Fact;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The aggregates on DynamoDB Local: a fact counts once however often it is recorded, and writers racing on one
 * day item (page views and stream facts at once) lose no count; markers expire after 30 days. DynamoDB Local runs
 * transactions one at a time, so the conflicts DynamoDB reports under a race are injected in front of it.
 */
class DynamoDbMerchantFactsIT {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private final DynamoDbMerchantFacts facts = new DynamoDbMerchantFacts(LocalTable.CLIENT, LocalTable.TABLE,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final String merchant = "m_" + UUID.randomUUID();

    private long dayCounter(String counter) {
        return facts.read(merchant, DAY, DAY).stream().filter(g -> g.group().equals(Fact.DAY))
                .mapToLong(g -> g.get(counter)).sum();
    }

    @Test
    void aFactIsCountedOnceAndItsMarkerExpiresAfterThirtyDays() {
        Fact view = new Fact(merchant, "VIEW#x#1", DAY, List.of(Fact.DAY), Map.of("pageViews", 1L));
        assertThat(facts.record(view)).isTrue();
        assertThat(facts.record(view)).isFalse();
        assertThat(dayCounter("pageViews")).isEqualTo(1);
        var markers = LocalTable.CLIENT.query(q -> q.tableName(LocalTable.TABLE)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :f)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.statsPk(merchant)), ":f", Attr.s("FACT#"))))
                .items();
        assertThat(markers).hasSize(1);
        assertThat(markers.get(0).get("sk").s()).doesNotContain("VIEW#x");
        assertThat(Long.parseLong(markers.get(0).get(Keys.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(java.time.Duration.ofDays(30)).getEpochSecond());
    }

    /** The table, whose next {@code conflicts} transactions are cancelled as DynamoDB cancels a conflicting one. */
    private static DynamoDbClient conflicting(int conflicts, AtomicInteger calls) {
        AtomicInteger left = new AtomicInteger(conflicts);
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")
                            && args[0] instanceof TransactWriteItemsRequest) {
                        calls.incrementAndGet();
                        if (left.getAndDecrement() > 0) {
                            throw TransactionCanceledException.builder().message("conflict")
                                    .cancellationReasons(CancellationReason.builder().code("None").build(),
                                            CancellationReason.builder().code("TransactionConflict").build())
                                    .build();
                        }
                    }
                    if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer<?>) {
                        // the builder overload: builds the request and calls the proxy's own request overload
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(LocalTable.CLIENT, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aTransactionCancelledByAConflictIsTriedAgainUpToThreeTimes() {
        AtomicInteger calls = new AtomicInteger();
        var retried = new DynamoDbMerchantFacts(conflicting(2, calls), LocalTable.TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
        Fact view = new Fact(merchant, "VIEW#y#1", DAY, List.of(Fact.DAY), Map.of("pageViews", 1L));
        assertThat(retried.record(view)).isTrue();
        assertThat(calls).hasValue(3);
        assertThat(dayCounter("pageViews")).isEqualTo(1);

        AtomicInteger more = new AtomicInteger();
        var givesUp = new DynamoDbMerchantFacts(conflicting(3, more), LocalTable.TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
        Fact next = new Fact(merchant, "VIEW#y#2", DAY, List.of(Fact.DAY), Map.of("pageViews", 1L));
        assertThatThrownBy(() -> givesUp.record(next)).isInstanceOf(TransactionCanceledException.class);
        assertThat(more).hasValue(3);
        assertThat(dayCounter("pageViews")).isEqualTo(1);
        assertThat(facts.record(next)).as("nothing of it was written").isTrue();
    }

    @Test
    void writersRacingOnOneDayItemLoseNoCount() throws Exception {
        int writers = 6;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> counted = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                counted.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < each; i++) {
                        // every fact twice: the second finds its marker
                        Fact f = new Fact(merchant, "F#" + writer + "#" + i, DAY, List.of(Fact.DAY, "carrier#ups"),
                                Map.of("messages", 1L));
                        n += facts.record(f) ? 1 : 0;
                        n += facts.record(f) ? 1 : 0;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : counted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(writers * each);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dayCounter("messages")).isEqualTo(writers * each);
        assertThat(facts.read(merchant, DAY, DAY)).extracting(DayGroup::group).containsExactlyInAnyOrder(Fact.DAY,
                "carrier#ups");
    }
}
