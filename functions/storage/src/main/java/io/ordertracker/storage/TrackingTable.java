package io.ordertracker.storage;

import io.ordertracker.lambda.AwsClients;
import io.ordertracker.lambda.Env;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tracking table and every port implemented on it: what a function's no-arg constructor wires from the
 * environment template.yaml sets ({@code TABLE_NAME}), with one DynamoDB client per container.
 */
public final class TrackingTable {
    private final DynamoDbClient dynamo;
    private final String table;

    public TrackingTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static TrackingTable fromEnvironment() {
        return new TrackingTable(AwsClients.build(DynamoDbClient.builder(), "DYNAMODB"), Env.require("TABLE_NAME"));
    }

    public DynamoDbOrderStore orders() {
        return new DynamoDbOrderStore(dynamo, table);
    }

    public DynamoDbMerchantStore merchants() {
        return new DynamoDbMerchantStore(dynamo, table);
    }

    public DynamoDbShipmentTracker shipments() {
        return new DynamoDbShipmentTracker(dynamo, table);
    }

    public DynamoDbTrackingPageReader trackingPages() {
        return new DynamoDbTrackingPageReader(dynamo, table);
    }

    public DynamoDbNotificationLedger ledger(Duration claimLease) {
        return new DynamoDbNotificationLedger(dynamo, table, claimLease);
    }

    public DynamoDbSuppressionList suppressions() {
        return new DynamoDbSuppressionList(dynamo, table);
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
