package io.ordertracker.storage;

import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.domain.orders.OrderErasure;
import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Env;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tracking table and every port implemented on it: what a function's no-arg constructor wires from the
 * environment template.yaml sets ({@code TABLE_NAME}, {@code RETENTION_DAYS}), with one DynamoDB client per
 * container.
 */
public final class TrackingTable {
    /** The ledger's claim lease where nothing claims (erasure scrubs the ledger, it never sends). */
    private static final Duration NO_CLAIMS = Duration.ZERO;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;

    public TrackingTable(DynamoDbClient dynamo, String table, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public TrackingTable(DynamoDbClient dynamo, String table) {
        this(dynamo, table, RetentionPolicy.DEFAULT);
    }

    public static TrackingTable fromEnvironment() {
        return new TrackingTable(AwsClients.build(DynamoDbClient.builder(), "DYNAMODB"), Env.require("TABLE_NAME"),
                RetentionPolicy.ofDays(Env.intValue("RETENTION_DAYS", 180)));
    }

    public DynamoDbOrderStore orders() {
        return new DynamoDbOrderStore(dynamo, table, retention);
    }

    /** Erasing an order: its items deleted, its notification-ledger entries scrubbed. */
    public OrderErasure erasure(Clock clock) {
        return new OrderErasure(orders(), ledger(NO_CLAIMS), clock);
    }

    public DynamoDbMerchantStore merchants() {
        return new DynamoDbMerchantStore(dynamo, table);
    }

    public DynamoDbShipmentTracker shipments() {
        return new DynamoDbShipmentTracker(dynamo, table, retention);
    }

    public DynamoDbTrackingPageReader trackingPages() {
        return new DynamoDbTrackingPageReader(dynamo, table);
    }

    public DynamoDbNotificationLedger ledger(Duration claimLease) {
        return new DynamoDbNotificationLedger(dynamo, table, claimLease, retention);
    }

    /** Shoppers' email preferences per merchant (unsubscribe, muted milestones), reached by unsubscribe tokens. */
    public DynamoDbShopperPreferences preferences() {
        return new DynamoDbShopperPreferences(dynamo, table, retention);
    }

    public DynamoDbSuppressionList suppressions() {
        return new DynamoDbSuppressionList(dynamo, table);
    }

    /** The merchant API's per-merchant request limit, counted on the table so every container shares it. */
    public MerchantRateLimiter merchantRateLimiter(MerchantRateLimiter.Limit limit, Clock clock) {
        return new MerchantRateLimiter(new DynamoDbRequestWindowCounter(dynamo, table), limit, clock);
    }

    /** Lane transit aggregates (the lane baselines' port). */
    public DynamoDbLaneStats laneStats(Clock clock) {
        return new DynamoDbLaneStats(dynamo, table, clock);
    }

    /** Lane baselines on the table, each lane's figures reused for {@code cacheFor} in this container. */
    public io.ordertracker.domain.lanes.LaneBaselines laneBaselines(Clock clock, Duration cacheFor) {
        return new io.ordertracker.domain.lanes.LaneBaselines(laneStats(clock),
                io.ordertracker.domain.lanes.LaneDefaults.load(), clock, cacheFor);
    }

    /** The merchants' daily aggregates (analytics). */
    public DynamoDbMerchantFacts merchantFacts(Clock clock) {
        return new DynamoDbMerchantFacts(dynamo, table, clock);
    }

    public DynamoDbWebhookEndpoints webhookEndpoints() {
        return new DynamoDbWebhookEndpoints(dynamo, table);
    }

    public DynamoDbWebhookDeliveries webhookDeliveries() {
        return new DynamoDbWebhookDeliveries(dynamo, table);
    }

    public DynamoDbStallWatch stallWatch() {
        return new DynamoDbStallWatch(dynamo, table);
    }

    /**
     * One cheap call through the client before the SnapStart snapshot, so the SDK's classes, serializers and TLS
     * setup are in the snapshot rather than loaded on every restore.
     */
    public void prime() {
        dynamo.describeTable(b -> b.tableName(table));
    }
}
