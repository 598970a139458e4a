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
 */
public final class StallDetector {
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
        Optional<Shipment> found = orders.findShipment(merchantId, orderNumber, shipmentId);
        if (found.isEmpty()) {
            return;
        }
        Shipment s = found.get();
        c[0]++;
        Optional<Order> order = orderCache.computeIfAbsent(merchantId + "#" + orderNumber,
                k -> orders.findOrder(merchantId, orderNumber));
        Optional<Merchant> merchant = merchantCache.computeIfAbsent(merchantId, merchants::findMerchant);
        int stallDays = config.stallBusinessDaysByCarrier().getOrDefault(s.carrier(),
                merchant.map(m -> m.settings() == null ? 3 : m.settings().stallDays()).orElse(3));
        ZoneId zone = zone(order.map(Order::customer).orElse(null));
        DelayAndStallRules.Flags flags = DelayAndStallRules.evaluate(s,
                order.map(Order::promisedDeliveryDate).orElse(null), now, zone, stallDays, config.pickupBusinessDays());
        if (flags.delayed() == s.delayed() && flags.stalled() == s.stalled()) {
            return;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(Keys.PK, s(Keys.orderPk(merchantId, orderNumber)), Keys.SK, s(Keys.shipmentSk(shipmentId))))
                    .updateExpression("SET delayed = :d, stalled = :s, updatedAt = :now, version = version + :one")
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":d", bool(flags.delayed()), ":s", bool(flags.stalled()),
                            ":now", s(now.toString()), ":one", n(1), ":v", n(s.version()))));
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
