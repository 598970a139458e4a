package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.analytics.DayGroup;
import io.ordertracker.domain.analytics.Fact;
import io.ordertracker.domain.analytics.MerchantFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link MerchantFacts} on the table: per merchant ({@code STATS#<merchantId>}) one item per day and group
 * ({@code DAY#<yyyy-mm-dd>#<group>}) of atomic counters, and one marker per counted fact ({@code FACT#<sha256(id)>},
 * expiring after {@link #MARKER_TTL}). A fact is one transaction: the marker's conditional put and an {@code ADD} on
 * each of its groups, so a redelivered record is cancelled by the marker and nothing is counted twice. A period is
 * one query of the merchant's partition between two days. No scans. A transaction cancelled by a conflict (a page
 * view and a stream fact on the same day item) is tried up to {@link #CONFLICT_ATTEMPTS} times.
 */
public final class DynamoDbMerchantFacts implements MerchantFacts {
    /** Far longer than the stream keeps a record (24 hours) and than any client retries an inquiry. */
    static final Duration MARKER_TTL = Duration.ofDays(30);
    public static final String ENTITY = "STATS_DAY";
    /** Tries of a transaction cancelled by a concurrent write to one of its items (jittered pause in between). */
    static final int CONFLICT_ATTEMPTS = 3;
    static final String MARKER_ENTITY = "STATS_FACT";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbMerchantFacts(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean record(Fact fact) {
        String pk = Keys.statsPk(fact.merchantId());
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put(Keys.PK, s(pk));
        marker.put(Keys.SK, s(Keys.statsFactSk(fact.factId())));
        marker.put(Keys.ENTITY, s(MARKER_ENTITY));
        marker.put("day", s(fact.day().toString()));
        marker.put(Keys.EXPIRES_AT, n(clock.instant().plus(MARKER_TTL).getEpochSecond()));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (String group : fact.groups()) {
            items.add(TransactWriteItem.builder().update(add(pk, fact, group)).build());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return true;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream().map(r -> r.code()).toList();
                if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
                    return false; // counted before: a redelivered record or a retried request
                }
                // two writers on one day item at once (a page view and a stream fact): the transaction did nothing,
                // so it is tried again, a little later; anything else (a throttle) is the caller's to retry
                if (attempt >= CONFLICT_ATTEMPTS || !codes.contains("TransactionConflict")) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }

    private software.amazon.awssdk.services.dynamodb.model.Update add(String pk, Fact fact, String group) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder adds = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Long> e : fact.add().entrySet()) {
            names.put("#c" + i, e.getKey());
            values.put(":c" + i, n(e.getValue()));
            adds.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
            i++;
        }
        names.put("#day", "day");
        names.put("#group", "group");
        values.put(":type", s(ENTITY));
        values.put(":day", s(fact.day().toString()));
        values.put(":group", s(group));
        return software.amazon.awssdk.services.dynamodb.model.Update.builder().tableName(table)
                .key(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.statsDaySk(fact.day().toString(), group))))
                .updateExpression("SET entityType = :type, #day = :day, #group = :group ADD " + adds)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    @Override
    public List<DayGroup> read(String merchantId, LocalDate from, LocalDate to) {
        List<DayGroup> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", s(Keys.statsPk(merchantId)),
                            ":from", s(Keys.STATS_DAY_SK_PREFIX + from + "#"),
                            ":to", s(Keys.STATS_DAY_SK_PREFIX + to + "#\uffff")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : r.items()) {
                Map<String, Long> counters = new HashMap<>();
                item.forEach((name, v) -> {
                    if (v.n() != null) {
                        counters.put(name, Long.parseLong(v.n()));
                    }
                });
                out.add(new DayGroup(LocalDate.parse(Attr.str(item, "day")), Attr.str(item, "group"), counters));
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
