package io.ordertracker.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Issue #17 asks for "DynamoDB Local restarted on a file-backed database" mid-run. What a restart must keep for the
 * runtime's stream readers to carry on: the table and its items, the stream (same ARN, same shard), the records
 * already on it, and a reader's place in the shard (its iterator, or the sequence number it checkpointed).
 */
class DynamoDbLocalFileRestartTest {
    private static final String TABLE = "restart-test";

    @TempDir
    Path dbDirectory;

    @Test
    void aRestartOnTheSameFileKeepsTheTableItsStreamAndAReadersPlace() {
        int port = Ports.free();
        String streamArn;
        String shardId;
        String iteratorBefore;
        String lastSequenceNumber;
        try (DynamoDbLocal db = DynamoDbLocal.startOnFile(dbDirectory, port);
             DynamoDbClient dynamo = db.client(); DynamoDbStreamsClient streams = db.streamsClient()) {
            streamArn = dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription().latestStreamArn();
            put(dynamo, "before-1");
            put(dynamo, "before-2");
            shardId = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String first = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            var read = streams.getRecords(b -> b.shardIterator(first));
            assertThat(keys(read.records())).containsExactly("before-1", "before-2");
            iteratorBefore = read.nextShardIterator();
            lastSequenceNumber = read.records().get(1).dynamodb().sequenceNumber();
        }

        try (DynamoDbLocal db = DynamoDbLocal.startOnFile(dbDirectory, port);
             DynamoDbClient dynamo = db.client(); DynamoDbStreamsClient streams = db.streamsClient()) {
            assertThat(dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("before-2"))))
                    .hasItem()).as("items survive").isTrue();
            var description = dynamo.describeTable(b -> b.tableName(TABLE)).table();
            assertThat(description.latestStreamArn()).as("the same stream").isEqualTo(streamArn);
            assertThat(streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards())
                    .extracting(s -> s.shardId()).contains(shardId);

            put(dynamo, "after-1");

            // a reader that kept its iterator across the restart reads on from where it was
            var next = streams.getRecords(b -> b.shardIterator(iteratorBefore));
            assertThat(keys(next.records())).containsExactly("after-1");
            // and one that checkpointed a sequence number (as Lambda's mapping does) resumes after it
            String resumed = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(lastSequenceNumber))
                    .shardIterator();
            assertThat(keys(streams.getRecords(b -> b.shardIterator(resumed)).records())).containsExactly("after-1");
        }
    }

    private static void put(DynamoDbClient dynamo, String key) {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(key))));
    }

    private static List<String> keys(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList();
    }
}
