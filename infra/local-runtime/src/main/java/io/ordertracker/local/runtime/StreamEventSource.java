package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping as Lambda runs it, on DynamoDB Local's stream: each shard is read in
 * order; records that pass FilterCriteria are delivered in batches of at most BatchSize. A failed batch is retried
 * (MaximumRetryAttempts, -1 = until it succeeds), split in two first when BisectBatchOnFunctionError is set; with
 * ReportBatchItemFailures the batch is retried from the first failed record. A batch that exhausts its retries is
 * described to the OnFailure destination (an SQS queue) and skipped. Records are never delivered out of order
 * within a shard.
 */
final class StreamEventSource implements AutoCloseable {
    private static final long IDLE_POLL_MILLIS = 100;

    private final LocalFunction function;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final String streamArn;
    private final int batchSize;
    private final int maxRetries;
    private final boolean bisect;
    private final boolean reportItemFailures;
    private final List<FilterPattern> filters;
    private final String onFailureQueueUrl;
    private final boolean fromTrimHorizon;
    /** MaximumRecordAgeInSeconds (-1: none): older records go to the on-failure destination unprocessed. */
    private final long maxRecordAgeSeconds;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> started = new HashSet<>();
    private volatile boolean running = true;

    private StreamEventSource(LocalFunction function, DynamoDbStreamsClient streams, SqsClient sqs, String streamArn,
                              JsonNode props, List<FilterPattern> filters, String onFailureQueueUrl) {
        this.function = function;
        this.streams = streams;
        this.sqs = sqs;
        this.streamArn = streamArn;
        this.batchSize = props.path("BatchSize").asInt(100);
        this.maxRetries = props.path("MaximumRetryAttempts").asInt(-1);
        this.bisect = props.path("BisectBatchOnFunctionError").asBoolean(false);
        boolean report = false;
        for (JsonNode t : props.path("FunctionResponseTypes")) {
            report |= t.asText().equals("ReportBatchItemFailures");
        }
        this.reportItemFailures = report;
        this.filters = filters;
        this.onFailureQueueUrl = onFailureQueueUrl;
        // The tables are created empty at start-up, so reading from the trim horizon misses nothing and replays
        // nothing; LATEST would race with the first writes.
        this.fromTrimHorizon = true;
        this.maxRecordAgeSeconds = props.path("MaximumRecordAgeInSeconds").asLong(-1);
    }

    static AutoCloseable start(LocalFunction function, String name, JsonNode props, LocalResources resources,
                               DynamoDbStreamsClient streams, SqsClient sqs, Consumer<String> warn) {
        if (!props.path("Enabled").asBoolean(true)) {
            return () -> { };
        }
        String streamArn;
        try {
            streamArn = resources.resolve(props.get("Stream"));
        } catch (RuntimeException e) {
            warn.accept(function.name() + "." + name + ": stream not found locally: " + e.getMessage());
            return () -> { };
        }
        List<FilterPattern> filters = new ArrayList<>();
        for (JsonNode f : props.path("FilterCriteria").path("Filters")) {
            JsonNode pattern = f.get("Pattern");
            filters.add(pattern.isTextual() ? FilterPattern.parse(pattern.asText()) : new FilterPattern(pattern));
        }
        String onFailure = null;
        JsonNode destination = props.path("DestinationConfig").path("OnFailure").get("Destination");
        if (destination != null) {
            try {
                String arn = resources.resolve(destination);
                String queueName = arn.substring(arn.lastIndexOf(':') + 1);
                onFailure = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
            } catch (RuntimeException e) {
                warn.accept(function.name() + "." + name + ": on-failure destination not available locally: " + e.getMessage());
            }
        }
        StreamEventSource source = new StreamEventSource(function, streams, sqs, streamArn, props, filters, onFailure);
        source.executor.submit(source::discoverShards);
        return source;
    }

    /** New shards appear over time (DynamoDB rolls them); each gets its own reader, after its parent. */
    private void discoverShards() {
        while (running) {
            try {
                String last = null;
                do {
                    String from = last;
                    var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from))
                            .streamDescription();
                    for (Shard shard : description.shards()) {
                        synchronized (started) {
                            if (started.add(shard.shardId())) {
                                executor.submit(() -> readShard(shard));
                            }
                        }
                    }
                    last = description.lastEvaluatedShardId();
                } while (last != null && running);
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local runtime: stream reader for " + function.name() + ": " + e);
                }
            }
            pause(1000);
        }
    }

    private final Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void readShard(Shard shard) {
        String parent = shard.parentShardId();
        while (running && parent != null && started.contains(parent) && !finished.contains(parent)) {
            pause(IDLE_POLL_MILLIS);
        }
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(fromTrimHorizon ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.LATEST))
                .shardIterator();
        List<Record> pending = new ArrayList<>();
        List<Record> replay = null; // a batch a chaos run delivers again, after the next one
        while (running && (iterator != null || !pending.isEmpty())) {
            try {
                if (iterator != null && pending.size() < batchSize) {
                    String it = iterator;
                    var response = streams.getRecords(b -> b.shardIterator(it).limit(1000));
                    iterator = response.nextShardIterator();
                    for (Record r : response.records()) {
                        boolean passes = passes(r);
                        PipelineTimeline.streamRecordFiltered(function.name(), passes);
                        if (passes) {
                            pending.add(r);
                        }
                    }
                    if (response.records().isEmpty() && pending.isEmpty()) {
                        if (replay != null) {
                            deliverAgain(replay);
                            replay = null;
                        }
                        pause(IDLE_POLL_MILLIS);
                        continue;
                    }
                }
                while (!pending.isEmpty() && running) {
                    List<Record> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
                    pending.subList(0, batch.size()).clear();
                    process(shard.shardId(), batch, 0);
                    if (replay != null) {
                        deliverAgain(replay);
                        replay = null;
                    } else if (ChaosInjector.deliverTwice(function.name(), event(batch))) {
                        replay = batch;
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local runtime: stream shard " + shard.shardId() + " for " + function.name() + ": " + e);
                    pause(1000);
                }
            }
        }
        finished.add(shard.shardId());
    }

    private boolean passes(Record r) {
        if (filters.isEmpty()) {
            return true;
        }
        JsonNode json = record(r);
        return filters.stream().anyMatch(f -> f.matches(json));
    }

    /**
     * Delivers a batch; retries until it succeeds or its retries are spent. On a function error with bisecting on,
     * the batch is split in two first (a split, as on Lambda, does not count as a retry), so one bad record ends
     * up alone and only it exhausts its retries and goes to the on-failure destination.
     */
    private void process(String shardId, List<Record> batch, int retriesUsed) {
        int tries = retriesUsed;
        List<Record> remaining = batch;
        while (running) {
            if (maxRecordAgeSeconds > 0) {
                long oldest = Instant.now().getEpochSecond() - maxRecordAgeSeconds;
                List<Record> expired = remaining.stream().filter(r -> r.dynamodb().approximateCreationDateTime() != null
                        && r.dynamodb().approximateCreationDateTime().getEpochSecond() < oldest).toList();
                if (!expired.isEmpty()) {
                    sendToOnFailure(shardId, expired, "RecordAgeExceeded");
                    remaining = remaining.stream().filter(r -> !expired.contains(r)).toList();
                    if (remaining.isEmpty()) {
                        return;
                    }
                }
            }
            Outcome outcome = invoke(remaining);
            if (outcome.failedFrom < 0) {
                return;
            }
            if (outcome.functionError && bisect && remaining.size() > 1) {
                int half = remaining.size() / 2;
                process(shardId, new ArrayList<>(remaining.subList(0, half)), tries);
                process(shardId, new ArrayList<>(remaining.subList(half, remaining.size())), tries);
                return;
            }
            if (maxRetries >= 0 && tries >= maxRetries) {
                sendToOnFailure(shardId, remaining.subList(outcome.failedFrom, remaining.size()), outcome.reason);
                return;
            }
            tries++;
            remaining = new ArrayList<>(remaining.subList(outcome.failedFrom, remaining.size()));
            pause(Math.min(2000, 100L << Math.min(tries, 5)));
        }
    }

    private record Outcome(int failedFrom, boolean functionError, String reason) {
    }

    /**
     * A chaos run's duplicated delivery: a batch already processed comes again after a newer one, as after a
     * retried or bisected batch whose first attempt had in fact done its work, so a consumer sees the shard's
     * records twice and out of order. What it answers changes nothing: the records were checkpointed.
     */
    private void deliverAgain(List<Record> batch) {
        try {
            function.invoke(event(batch));
        } catch (LocalFunction.FunctionError e) {
            System.err.println("local runtime: " + e.getMessage() + " (a duplicated stream batch)");
        }
    }

    private ObjectNode event(List<Record> batch) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(r -> records.add(record(r)));
        return event;
    }

    private Outcome invoke(List<Record> batch) {
        ObjectNode event = event(batch);
        batch.forEach(r -> {
            var image = r.dynamodb().newImage();
            if (image != null && image.get("entityType") != null && "SHIPMENT".equals(image.get("entityType").s())
                    && image.get("shipmentId") != null) {
                PipelineTimeline.mark(PipelineTimeline.Hop.STREAM_RECORD_DELIVERED, function.name(), image.get("shipmentId").s());
            }
        });
        JsonNode result;
        try {
            result = function.invoke(event);
        } catch (LocalFunction.FunctionError e) {
            System.err.println("local runtime: " + e.getMessage() + " (stream batch of " + batch.size() + ", will retry)");
            return new Outcome(0, true, e.errorType());
        }
        if (reportItemFailures && result != null && result.has("batchItemFailures")) {
            int first = -1;
            for (JsonNode f : result.get("batchItemFailures")) {
                String seq = f.path("itemIdentifier").asText("");
                int index = -1;
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).dynamodb().sequenceNumber().equals(seq)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    return new Outcome(0, false, "batchItemFailures named an unknown sequence number: " + seq);
                }
                first = first < 0 ? index : Math.min(first, index);
            }
            if (first >= 0) {
                return new Outcome(first, false, "ReportBatchItemFailures");
            }
        }
        return new Outcome(-1, false, null);
    }

    private void sendToOnFailure(String shardId, List<Record> records, String reason) {
        System.err.println("local runtime: " + function.name() + " gave up on " + records.size()
                + " stream records after retries" + (onFailureQueueUrl == null ? " (no on-failure destination)" : ""));
        if (onFailureQueueUrl == null || records.isEmpty()) {
            return;
        }
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        ObjectNode requestContext = body.putObject("requestContext");
        requestContext.put("requestId", java.util.UUID.randomUUID().toString());
        requestContext.put("functionArn", function.spec().arn());
        requestContext.put("condition", "RecordAgeExceeded".equals(reason) ? "RecordAgeExceeded" : "RetryAttemptsExhausted");
        requestContext.put("approximateInvokeCount", maxRetries + 1);
        body.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
                .put("functionError", reason == null ? "Unhandled" : reason);
        body.put("version", "1.0");
        body.put("timestamp", Instant.now().toString());
        ObjectNode info = body.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(records.get(0).dynamodb().approximateCreationDateTime()));
        info.put("approximateArrivalOfLastRecord",
                String.valueOf(records.get(records.size() - 1).dynamodb().approximateCreationDateTime()));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(body.toString()));
    }

    /** A stream record in the JSON Lambda delivers (DynamoDB attribute values in their wire format). */
    private JsonNode record(Record r) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        out.put("eventID", r.eventID());
        out.put("eventName", r.eventNameAsString());
        out.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", LocalAws.REGION.id());
        ObjectNode d = out.putObject("dynamodb");
        var s = r.dynamodb();
        if (s.approximateCreationDateTime() != null) {
            d.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        }
        d.set("Keys", image(s.keys()));
        if (s.hasNewImage()) {
            d.set("NewImage", image(s.newImage()));
        }
        if (s.hasOldImage()) {
            d.set("OldImage", image(s.oldImage()));
        }
        d.put("SequenceNumber", s.sequenceNumber());
        d.put("SizeBytes", s.sizeBytes() == null ? 0 : s.sizeBytes());
        d.put("StreamViewType", s.streamViewTypeAsString());
        out.put("eventSourceARN", streamArn);
        return out;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        new LinkedHashMap<>(item).forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    static JsonNode value(AttributeValue v) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        if (v.s() != null) {
            out.put("S", v.s());
        } else if (v.n() != null) {
            out.put("N", v.n());
        } else if (v.b() != null) {
            out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        } else if (v.bool() != null) {
            out.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.put("NULL", true);
        } else if (v.hasSs()) {
            ArrayNode a = out.putArray("SS");
            v.ss().forEach(a::add);
        } else if (v.hasNs()) {
            ArrayNode a = out.putArray("NS");
            v.ns().forEach(a::add);
        } else if (v.hasBs()) {
            ArrayNode a = out.putArray("BS");
            v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        } else if (v.hasM()) {
            out.set("M", image(v.m()));
        } else if (v.hasL()) {
            ArrayNode a = out.putArray("L");
            v.l().forEach(e -> a.add(value(e)));
        } else {
            out.put("NULL", true);
        }
        return out;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        executor.shutdownNow();
    }
}
