package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.n;
import static io.ordertracker.storage.Attr.num;
import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.lanes.Lane;
import io.ordertracker.domain.lanes.LaneStats;
import io.ordertracker.domain.lanes.TransitHistogram;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link LaneStats} on the table: one item per lane ({@code LANE#<carrier>#<service>#<origin>#<destination>} /
 * {@code TRANSIT}) holding a day histogram {@code d0 .. d30} and {@code deliveries}, read with one GetItem and
 * counted with one transaction: a conditional put of the shipment's marker ({@code COUNTED#<shipmentId>}, in the
 * same partition, expiring after {@link #MARKER_TTL}) and an atomic ADD on the histogram. A redelivered stream
 * record finds the marker, the transaction is cancelled and nothing is counted twice. No scans.
 */
public final class DynamoDbLaneStats implements LaneStats {
    /** Far longer than the stream keeps a record (24 hours), so any redelivery still finds the marker. */
    static final Duration MARKER_TTL = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbLaneStats(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<TransitHistogram> histogram(Lane lane) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(key(lane, Keys.LANE_TRANSIT_SK)));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        long[] counts = new long[TransitHistogram.LAST_BUCKET + 1];
        for (int day = 0; day <= TransitHistogram.LAST_BUCKET; day++) {
            counts[day] = num(r.item(), bucket(day), 0);
        }
        return Optional.of(new TransitHistogram(counts));
    }

    @Override
    public boolean recordDelivery(Lane lane, String shipmentId, int transitDays) {
        long expires = clock.instant().plus(MARKER_TTL).getEpochSecond();
        Map<String, AttributeValue> marker = new java.util.HashMap<>(key(lane, Keys.laneCountedSk(shipmentId)));
        marker.put(Keys.ENTITY, s("LANE_COUNTED"));
        marker.put("transitDays", n(transitDays));
        marker.put(Keys.EXPIRES_AT, n(expires));
        String bucket = bucket(TransitHistogram.bucket(transitDays));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    i -> i.put(p -> p.tableName(table).item(marker).conditionExpression("attribute_not_exists(pk)")),
                    i -> i.update(u -> u.tableName(table).key(key(lane, Keys.LANE_TRANSIT_SK))
                            .updateExpression("ADD #bucket :one, deliveries :one SET entityType = :type, carrier = :carrier, "
                                    + "service = :service, originRegion = :origin, destinationRegion = :destination")
                            .expressionAttributeNames(Map.of("#bucket", bucket))
                            .expressionAttributeValues(Map.of(":one", n(1), ":type", s("LANE"),
                                    ":carrier", s(lane.carrier().code()), ":service", s(lane.service()),
                                    ":origin", s(lane.origin()), ":destination", s(lane.destination()))))));
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false; // counted before: a redelivered record
            }
            throw e; // a conflict or throttle: the stream retries the record
        }
    }

    private static String bucket(int day) {
        return "d" + day;
    }

    private static Map<String, AttributeValue> key(Lane lane, String sk) {
        return Map.of(Keys.PK, s(Keys.lanePk(lane.key())), Keys.SK, s(sk));
    }
}
