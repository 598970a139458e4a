package io.ordertracker.storage;

import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB Local per test JVM, with the table created from template.yaml. */
final class LocalTable {
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final String TABLE;

    static {
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(CLIENT);
        TABLE = "TrackingTable";
    }

    private LocalTable() {
    }
}
