package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.storage.Keys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A chaos run's poison: one message no consumer can ever handle in each of {@link ChaosRun#POISONED_QUEUES}, and
 * one table item whose stream record no stream consumer can read (a shipment with a status that does not exist).
 * Each must end in its dead-letter queue or on-failure destination without holding up the rest. Then reads every
 * dead-letter and on-failure queue of the template and tells the poison from anything else that landed there.
 */
final class ChaosPoison {
    private static final String POISON_ORDER = "CHAOS-POISON";
    private static final String POISON_SHIPMENT = "chaos-poison-shipment";

    private final LocalRuntime runtime;
    /** Logical id of a poisoned queue -> the body put on it. */
    private final Map<String, String> poisonBodies = new LinkedHashMap<>();
    private String poisonSequenceNumber;

    ChaosPoison(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    void inject() {
        for (String queue : ChaosRun.POISONED_QUEUES) {
            String url = runtime.resources().ref(queue).orElse(null);
            if (url == null) {
                continue;
            }
            String body = "chaos poison for " + queue + ": not a job any consumer can read";
            runtime.sqs().sendMessage(b -> b.queueUrl(queueUrl(url)).messageBody(body));
            poisonBodies.put(queue, body);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(Keys.PK, AttributeValue.fromS(Keys.orderPk(runtime.merchantId(), POISON_ORDER)));
        item.put(Keys.SK, AttributeValue.fromS(Keys.shipmentSk(POISON_SHIPMENT)));
        item.put(Keys.ENTITY, AttributeValue.fromS("SHIPMENT"));
        item.put("merchantId", AttributeValue.fromS(runtime.merchantId()));
        item.put("orderNumber", AttributeValue.fromS(POISON_ORDER));
        item.put("shipmentId", AttributeValue.fromS(POISON_SHIPMENT));
        item.put("status", AttributeValue.fromS("NOT_A_STATUS"));
        runtime.dynamo().putItem(b -> b.tableName(runtime.tableName()).item(item));
        poisonSequenceNumber = findPoisonRecord();
    }

    /** The template names queues by URL (!Ref); ElasticMQ's URL for a name is what its client gives back. */
    private String queueUrl(String ref) {
        if (ref.startsWith("http")) {
            return ref;
        }
        return runtime.sqs().getQueueUrl(b -> b.queueName(ref)).queueUrl();
    }

    /** The poison item's record on the table's stream: its sequence number names it in an on-failure message. */
    private String findPoisonRecord() {
        String streamArn = runtime.resources().att(runtime.tableName(), "StreamArn").orElse(null);
        if (streamArn == null) {
            return null;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            for (Shard shard : runtime.streams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = runtime.streams().getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (int page = 0; page < 100 && iterator != null; page++) {
                    String it = iterator;
                    var response = runtime.streams().getRecords(b -> b.shardIterator(it).limit(1000));
                    for (Record r : response.records()) {
                        var image = r.dynamodb().newImage();
                        if (image != null && image.containsKey("shipmentId")
                                && POISON_SHIPMENT.equals(image.get("shipmentId").s())) {
                            return r.dynamodb().sequenceNumber();
                        }
                    }
                    if (response.records().isEmpty()) {
                        break;
                    }
                    iterator = response.nextShardIterator();
                }
            }
            ChaosRun.pause(100);
        }
        return null;
    }

    /** Whether every poison item has reached a dead-letter or on-failure queue (nothing is consumed to tell). */
    boolean settled() {
        for (String queue : poisonBodies.keySet()) {
            String dlq = deadLetterQueueOf(queue);
            if (dlq == null || visibleMessages(dlq) == 0) {
                return false;
            }
        }
        return deadLetterQueues().entrySet().stream().filter(e -> e.getValue().equals("on-failure"))
                .anyMatch(e -> visibleMessages(e.getKey()) > 0);
    }

    /** Whether the notification job queues hold nothing, in flight or waiting (the poison apart). */
    boolean jobQueuesEmpty() {
        for (String queue : List.of("EmailQueue", "SmsQueue")) {
            String url = runtime.resources().ref(queue).map(this::queueUrl).orElse(null);
            if (url == null) {
                continue;
            }
            var a = runtime.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            int held = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                    + Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
            int poison = poisonBodies.containsKey(queue) && visibleMessages(deadLetterQueueOf(queue)) == 0 ? 1 : 0;
            if (held > poison) {
                return false;
            }
        }
        return true;
    }

    JsonNode describe() {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        ArrayNode queues = out.putArray("messages");
        poisonBodies.keySet().forEach(queues::add);
        out.put("streamRecord", poisonSequenceNumber == null ? "not found on the stream" : "shipment " + POISON_SHIPMENT
                + " status NOT_A_STATUS, sequence number " + poisonSequenceNumber);
        return out;
    }

    // ----------------------------------------------------------------------------------------- dead letters

    /** What the dead-letter and on-failure queues held at the end. */
    record DeadLetters(ObjectNode json, int unexpected, int poisonMissing, int outagePlans) {
    }

    /** Reads (and consumes) every dead-letter and on-failure queue; each item with why it is there. */
    DeadLetters deadLetters(String outageCarrier) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        int unexpected = 0;
        int outagePlans = 0;
        Map<String, Boolean> poisonFound = new LinkedHashMap<>();
        poisonBodies.keySet().forEach(q -> poisonFound.put(q, false));
        boolean streamPoisonFound = false;
        for (Map.Entry<String, String> dlq : deadLetterQueues().entrySet()) {
            ArrayNode items = EventCodec.MAPPER.createArrayNode();
            for (Message m : drain(dlq.getKey())) {
                ObjectNode item = items.addObject();
                boolean poison;
                if (dlq.getValue().equals("on-failure")) {
                    JsonNode body = EventCodec.parse(m.body());
                    JsonNode info = body.path("DDBStreamBatchInfo");
                    poison = covers(info, poisonSequenceNumber) && info.path("batchSize").asInt() == 1;
                    streamPoisonFound |= poison;
                    item.put("why", body.path("requestContext").path("condition").asText() + " ("
                            + body.path("responseContext").path("functionError").asText() + ") for "
                            + info.path("batchSize").asInt() + " stream record(s) "
                            + info.path("startSequenceNumber").asText() + ".." + info.path("endSequenceNumber").asText());
                } else {
                    String source = dlq.getValue();
                    poison = m.body().equals(poisonBodies.get(source));
                    if (poison) {
                        poisonFound.put(source, true);
                    }
                    item.put("why", "received more than maxReceiveCount times on " + source + ": "
                            + (m.body().length() > 120 ? m.body().substring(0, 120) + "..." : m.body()));
                }
                // docs/polling.md: a carrier down for every number of a plan fails it, and after 4 receives the
                // plan waits in TrackingDLQ for replay; the planner polls its shipments again meanwhile
                boolean outagePlan = !poison && outageCarrier != null && dlq.getValue().equals("TrackingQueue")
                        && isPlanFor(m.body(), outageCarrier);
                item.put("poison", poison);
                if (outagePlan) {
                    item.put("outagePlan", true);
                    outagePlans++;
                } else if (!poison) {
                    unexpected++;
                }
            }
            if (!items.isEmpty()) {
                json.set(dlq.getKey(), items);
            }
        }
        int missing = (int) poisonFound.values().stream().filter(found -> !found).count()
                + (poisonSequenceNumber != null && !streamPoisonFound ? 1 : 0);
        return new DeadLetters(json, unexpected, missing, outagePlans);
    }

    private static boolean isPlanFor(String body, String carrier) {
        try {
            return carrier.equals(EventCodec.parse(body).path("carrier").asText());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean covers(JsonNode info, String sequenceNumber) {
        if (sequenceNumber == null || !info.hasNonNull("startSequenceNumber")) {
            return false;
        }
        BigInteger seq = new BigInteger(sequenceNumber);
        return seq.compareTo(new BigInteger(info.get("startSequenceNumber").asText())) >= 0
                && seq.compareTo(new BigInteger(info.get("endSequenceNumber").asText())) <= 0;
    }

    /**
     * Queue logical id -> what it is: "on-failure" (a stream mapping's OnFailure destination) or, for a dead-letter
     * queue, the logical id of the queue whose RedrivePolicy names it.
     */
    Map<String, String> deadLetterQueues() {
        Map<String, String> arnToId = new LinkedHashMap<>();
        runtime.template().resourcesOfType("AWS::SQS::Queue").keySet()
                .forEach(id -> runtime.resources().att(id, "Arn").ifPresent(arn -> arnToId.put(arn, id)));
        Map<String, String> out = new LinkedHashMap<>();
        runtime.template().resourcesOfType("AWS::SQS::Queue").forEach((id, node) -> {
            JsonNode target = node.path("Properties").path("RedrivePolicy").get("deadLetterTargetArn");
            String dlq = target == null ? null : arnToId.get(resolve(target));
            if (dlq != null) {
                out.put(dlq, id);
            }
        });
        runtime.template().resourcesOfType("AWS::Serverless::Function").forEach((id, node) ->
                node.path("Properties").path("Events").forEach(event -> {
                    JsonNode destination = event.path("Properties").path("DestinationConfig").path("OnFailure")
                            .get("Destination");
                    String queue = destination == null ? null : arnToId.get(resolve(destination));
                    if (queue != null) {
                        out.put(queue, "on-failure");
                    }
                }));
        return out;
    }

    private String deadLetterQueueOf(String queue) {
        return deadLetterQueues().entrySet().stream().filter(e -> e.getValue().equals(queue)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private String resolve(JsonNode value) {
        try {
            return runtime.resources().resolve(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int visibleMessages(String queueId) {
        String url = runtime.resources().ref(queueId).map(this::queueUrl).orElse(null);
        if (url == null) {
            return 0;
        }
        var attributes = runtime.sqs().getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
    }

    private List<Message> drain(String queueId) {
        String url = runtime.resources().ref(queueId).map(this::queueUrl).orElse(null);
        List<Message> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        while (true) {
            List<Message> got = runtime.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(600).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) {
                return out;
            }
            out.addAll(got);
        }
    }
}
