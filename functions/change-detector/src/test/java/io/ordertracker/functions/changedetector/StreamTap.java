package io.ordertracker.functions.changedetector;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.StreamImages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the table's stream through the real DynamoDB Streams API (DescribeStream, GetShardIterator, GetRecords)
 * and hands the records over as the Lambda event source mapping would: filtered by the FilterCriteria pattern
 * declared in template.yaml, shaped as a {@link DynamodbEvent}.
 */
final class StreamTap {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Set<String> entityTypes;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();

    StreamTap(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
        this.streams = streams;
        this.streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        this.entityTypes = filterEntityTypes();
        for (Shard shard : shards()) {
            known.add(shard.shardId());
            if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
            }
        }
    }

    /** The entity types the template's stream filter lets through (dynamodb.NewImage.entityType.S). */
    static Set<String> filterEntityTypes() {
        JsonNode pattern = SamTemplate.load(SamTemplate.locate()).root().path("Resources").path("ChangeDetectorFunction")
                .path("Properties").path("Events").path("TableStream").path("Properties").path("FilterCriteria")
                .path("Filters").get(0).path("Pattern");
        try {
            JsonNode parsed = new ObjectMapper().readTree(pattern.asText());
            Set<String> out = new HashSet<>();
            parsed.path("dynamodb").path("NewImage").path("entityType").path("S").forEach(n -> out.add(n.asText()));
            if (out.isEmpty()) {
                throw new IllegalStateException("no entityType filter in the template");
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("unreadable FilterCriteria pattern: " + pattern, e);
        }
    }

    private List<Shard> shards() {
        List<Shard> out = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            var d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start)).streamDescription();
            out.addAll(d.shards());
            last = d.lastEvaluatedShardId();
        } while (last != null);
        return out;
    }

    /** New records since the last call that pass the filter and belong to {@code merchantId} (test isolation). */
    List<DynamodbEvent.DynamodbStreamRecord> drain(String merchantId) {
        for (Shard shard : shards()) {
            if (known.add(shard.shardId())) {
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
        }
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new ArrayList<>(iterators.entrySet())) {
            String iterator = e.getValue();
            for (int page = 0; iterator != null && page < 100; page++) {
                String it = iterator;
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it).limit(1000));
                r.records().stream().filter(rec -> passes(rec, merchantId)).map(this::toLambda).forEach(out::add);
                iterator = r.nextShardIterator();
                if (r.records().isEmpty()) {
                    break;
                }
            }
            if (iterator == null) {
                iterators.remove(e.getKey());
            } else {
                iterators.put(e.getKey(), iterator);
            }
        }
        return out;
    }

    private boolean passes(Record rec, String merchantId) {
        Map<String, AttributeValue> image = rec.dynamodb().newImage();
        if (image == null || image.isEmpty()) {
            return false;
        }
        AttributeValue entity = image.get("entityType");
        AttributeValue merchant = image.get("merchantId");
        return entity != null && entityTypes.contains(entity.s())
                && merchant != null && merchantId.equals(merchant.s());
    }

    private DynamodbEvent.DynamodbStreamRecord toLambda(Record rec) {
        StreamRecord sr = new StreamRecord();
        sr.setKeys(StreamImages.fromSdk(rec.dynamodb().keys()));
        if (rec.dynamodb().hasNewImage()) {
            sr.setNewImage(StreamImages.fromSdk(rec.dynamodb().newImage()));
        }
        if (rec.dynamodb().hasOldImage()) {
            sr.setOldImage(StreamImages.fromSdk(rec.dynamodb().oldImage()));
        }
        sr.setSequenceNumber(rec.dynamodb().sequenceNumber());
        sr.setSizeBytes(rec.dynamodb().sizeBytes());
        sr.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(rec.dynamodb().streamViewTypeAsString()));
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(rec.eventID());
        out.setEventName(rec.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setEventVersion("1.1");
        out.setAwsRegion("us-east-1");
        out.setEventSourceARN(streamArn);
        out.setDynamodb(sr);
        return out;
    }
}
