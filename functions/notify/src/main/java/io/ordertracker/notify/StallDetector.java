package io.ordertracker.notify;

import static io.ordertracker.storage.Attr.bool;
import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.DelayAndStallRules;
import io.ordertracker.storage.Attr;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.Keys;
import io.ordertracker.storage.ShipmentItems;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The hourly pass over every shipment still being polled (the sparse DueForPolling index holds exactly those):
 * raises or clears the {@code delayed} and {@code stalled} flags by {@link DelayAndStallRules}. A raised flag is a
 * shipment write like any other, so the change detector announces it through the same stream path, once per
 * episode. Writes are conditional on the version read, so a tracking-worker write in between wins and the
 * shipment is simply looked at again next hour.
 *
 * <p>A stall is only announced once the carrier confirmed it. Between polls (the cadence lets a parcel in long-haul
 * transit sleep for up to two days) our last scan can be older than the carrier's, so silence by our records may
 * just mean we have not asked. The first time a parcel looks stalled, the detector moves its next poll to now and
 * notes the request; the stall is raised on a later pass at least {@link #CONFIRMATION} after that request, if the
 * poll brought no new scan. A new scan clears the request.
 */
public final class StallDetector {
    /** How long a requested confirming poll is given before silence counts as confirmed (the planner runs every 5 min). */
    public static final java.time.Duration CONFIRMATION = java.time.Duration.ofMinutes(45);
    static final String STALL_CHECK_REQUESTED_AT = "stallCheckRequestedAt";

    /**
     * @param stallBusinessDaysByCarrier silent business days before a moving parcel counts as stalled, per carrier
     *                                   (carriers differ: USPS ground scans less often than UPS); absent: the
     *                                   merchant's {@code stallDays}
     * @param pickupBusinessDays         days a label may wait for its first scan
     */
    public record Config(Map<Carrier, Integer> stallBusinessDaysByCarrier, int pickupBusinessDays, ZoneId defaultZone) {

        /** Parses {@code ups=3,usps=4}. */
        public static Map<Carrier, Integer> parseDays(String spec) {
            Map<Carrier, Integer> out = new HashMap<>();
            if (spec == null || spec.isBlank()) {
                return out;
            }
            for (String part : spec.split(",")) {
                String[] kv = part.split("=");
                if (kv.length == 2) {
                    Carrier.fromCode(kv[0].trim().toLowerCase(Locale.ROOT))
                            .ifPresent(c -> out.put(c, Integer.parseInt(kv[1].trim())));
                }
            }
            return out;
        }
    }

    public record Summary(int examined, int delayedRaised, int delayedCleared, int stalledRaised, int stalledCleared,
                          int conflicts) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbOrderStore orders;
    private final MerchantStore merchants;
    private final Config config;
    private final Clock clock;

    public StallDetector(DynamoDbClient dynamo, String table, DynamoDbOrderStore orders, MerchantStore merchants,
                         Config config, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.orders = orders;
        this.merchants = merchants;
        this.config = config;
        this.clock = clock;
    }

    public Summary run() {
        Instant now = clock.instant();
        int[] c = new int[6];
        Map<String, Optional<Order>> orderCache = new HashMap<>();
        Map<String, Optional<Merchant>> merchantCache = new HashMap<>();
        for (Carrier carrier : Carrier.values()) {
            for (int shard = 0; shard < Keys.POLL_SHARDS; shard++) {
                String pollShard = carrier.code() + "#" + shard;
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> exclusiveStart = start;
                    QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(Keys.INDEX_DUE_FOR_POLLING)
                            .keyConditionExpression("pollShard = :p")
                            .expressionAttributeValues(Map.of(":p", s(pollShard)))
                            .exclusiveStartKey(exclusiveStart));
                    for (Map<String, AttributeValue> row : page.items()) {
                        examine(row, now, c, orderCache, merchantCache);
                    }
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
        }
        return new Summary(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private void examine(Map<String, AttributeValue> row, Instant now, int[] c,
                         Map<String, Optional<Order>> orderCache, Map<String, Optional<Merchant>> merchantCache) {
        String merchantId = Attr.str(row, "merchantId");
        String orderNumber = Attr.str(row, "orderNumber");
        String shipmentId = Attr.str(row, "shipmentId");
        if (merchantId == null || orderNumber == null || shipmentId == null) {
            return;
        }
        Map<String, AttributeValue> key = Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)),
                Keys.SK, s(Keys.shipmentSk(shipmentId)));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return;
        }
        Shipment s = ShipmentItems.fromItem(item);
        Instant checkRequested = Attr.instant(item, STALL_CHECK_REQUESTED_AT);
        c[0]++;
        Optional<Order> order = orderCache.computeIfAbsent(merchantId + "#" + orderNumber,
                k -> orders.findOrder(merchantId, orderNumber));
        Optional<Merchant> merchant = merchantCache.computeIfAbsent(merchantId, merchants::findMerchant);
        int stallDays = config.stallBusinessDaysByCarrier().getOrDefault(s.carrier(),
                merchant.map(m -> m.settings() == null ? 3 : m.settings().stallDays()).orElse(3));
        ZoneId zone = zone(order.map(Order::customer).orElse(null));
        DelayAndStallRules.Flags flags = DelayAndStallRules.evaluate(s,
                order.map(Order::promisedDeliveryDate).orElse(null), now, zone, stallDays, config.pickupBusinessDays());
        boolean raisingStall = flags.stalled() && !s.stalled();
        boolean confirmed = checkRequested != null && !now.isBefore(checkRequested.plus(CONFIRMATION));
        boolean requestCheck = raisingStall && checkRequested == null;
        if (raisingStall && !confirmed) {
            flags = new DelayAndStallRules.Flags(flags.delayed(), false);
        }
        boolean clearRequest = checkRequested != null && (!raisingStall || confirmed);
        if (flags.delayed() == s.delayed() && flags.stalled() == s.stalled() && !requestCheck && !clearRequest) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", bool(flags.delayed()), ":s", bool(flags.stalled()),
                ":now", s(now.toString()), ":one", n(1), ":v", n(s.version())));
        String update = "SET delayed = :d, stalled = :s, updatedAt = :now, version = version + :one";
        if (requestCheck) {
            // ask the planner to poll it on its next run, and remember when we asked
            update += ", " + STALL_CHECK_REQUESTED_AT + " = :now, nextPollAt = :pollNow";
            values.put(":pollNow", n(now.getEpochSecond()));
        } else if (clearRequest) {
            update += " REMOVE " + STALL_CHECK_REQUESTED_AT;
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression(expression)
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            c[5]++;
            return;
        }
        if (flags.delayed() != s.delayed()) {
            c[flags.delayed() ? 1 : 2]++;
        }
        if (flags.stalled() != s.stalled()) {
            c[flags.stalled() ? 3 : 4]++;
        }
    }

    private ZoneId zone(Customer customer) {
        if (customer != null && customer.timeZone() != null) {
            try {
                return ZoneId.of(customer.timeZone());
            } catch (DateTimeException e) {
                // the default below
            }
        }
        return config.defaultZone();
    }
}
