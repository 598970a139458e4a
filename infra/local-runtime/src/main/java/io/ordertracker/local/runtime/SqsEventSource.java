package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * An SQS event source mapping as Lambda runs it: up to five pollers (each invoking the function in turn, so
 * at most five invocations at once, fewer under ScalingConfig.MaximumConcurrency) long-poll the queue (ElasticMQ), gather up to BatchSize
 * messages (waiting at most MaximumBatchingWindowInSeconds), invoke the function, and delete what succeeded. A
 * function error leaves the whole batch to reappear after the queue's visibility timeout; with
 * ReportBatchItemFailures only the reported messages stay. The queue's own RedrivePolicy (which ElasticMQ applies)
 * moves a message to its dead-letter queue after maxReceiveCount receives. On a fast clock, a message that failed
 * comes back after the queue's visibility timeout in simulated time (ElasticMQ counts real seconds), unless the
 * function set its visibility itself.
 */
final class SqsEventSource implements AutoCloseable {
    /** Lambda starts five concurrent batches per SQS mapping; ScalingConfig.MaximumConcurrency can lower it. */
    private static final int POLLERS = 5;
    /** How long (real time) the runtime keeps asking SQS to take a visibility change while it is unreachable. */
    private static final long UNREACHABLE_RETRY_MILLIS = 30_000;

    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final long windowMillis;
    private final boolean reportItemFailures;
    /** The queue's VisibilityTimeout, simulated seconds. */
    private final int visibilityTimeoutSeconds;
    private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    private SqsEventSource(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, int batchSize,
                           long windowMillis, boolean reportItemFailures, int visibilityTimeoutSeconds) {
        this.function = function;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.windowMillis = windowMillis;
        this.reportItemFailures = reportItemFailures;
    }

    static AutoCloseable start(LocalFunction function, String name, JsonNode props, LocalResources resources,
                               SqsClient sqs, Consumer<String> warn) {
        if (!props.path("Enabled").asBoolean(true)) {
            return () -> { };
        }
        String queueArn;
        try {
            queueArn = resources.resolve(props.get("Queue"));
        } catch (RuntimeException e) {
            warn.accept(function.name() + "." + name + ": queue not found locally: " + e.getMessage());
            return () -> { };
        }
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        boolean report = false;
        for (JsonNode t : props.path("FunctionResponseTypes")) {
            report |= t.asText().equals("ReportBatchItemFailures");
        }
        int visibility = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes().getOrDefault(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        SqsEventSource source = new SqsEventSource(function, sqs, url, queueArn, props.path("BatchSize").asInt(10),
                props.path("MaximumBatchingWindowInSeconds").asInt(0) * 1000L, report, visibility);
        int pollers = Math.max(1, Math.min(POLLERS, props.path("ScalingConfig").path("MaximumConcurrency").asInt(POLLERS)));
        for (int i = 0; i < pollers; i++) {
            source.pollers.submit(source::poll);
        }
        return source;
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local runtime: SQS poller for " + function.name() + ": " + e);
                    pause(1000);
                }
            }
        }
    }

    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long deadline = System.currentTimeMillis() + windowMillis;
        while (running && batch.size() < batchSize) {
            int want = Math.min(10, batchSize - batch.size());
            boolean first = batch.isEmpty();
            boolean windowOpen = System.currentTimeMillis() < deadline;
            int waitSeconds = first || windowOpen ? 1 : 0;
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            batch.addAll(got);
            if (first && got.isEmpty()) {
                break;
            }
            if (got.size() < want && !windowOpen) {
                break;
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) {
        AwsCallRecorder.recordPollerCall("Sqs", "ReceiveMessage", function.name());
        JsonNode event = event(batch);
        batch.forEach(m -> PipelineTimeline.markBody(PipelineTimeline.Hop.MESSAGE_DELIVERED, function.name(), m.body()));
        JsonNode result;
        try {
            result = function.invoke(event);
        } catch (LocalFunction.FunctionError e) {
            System.err.println("local runtime: " + e.getMessage() + " (batch of " + batch.size()
                    + " returns to " + queueArn.substring(queueArn.lastIndexOf(':') + 1) + " after its visibility timeout)");
            returnAfterVisibilityTimeout(batch);
            return;
        }
        Set<String> failed = new HashSet<>();
        if (reportItemFailures && result != null && result.has("batchItemFailures")) {
            for (JsonNode f : result.get("batchItemFailures")) {
                String id = f.path("itemIdentifier").asText("");
                if (batch.stream().noneMatch(m -> m.messageId().equals(id))) {
                    returnAfterVisibilityTimeout(batch);
                    return; // Lambda treats an unknown or empty identifier as a failure of the whole batch
                }
                failed.add(id);
            }
        }
        returnAfterVisibilityTimeout(batch.stream().filter(m -> failed.contains(m.messageId())).toList());
        if (ChaosInjector.deliverTwice(function.name(), event)) {
            // SQS is at-least-once: another poller may receive the same message before the first one deletes it
            try {
                function.invoke(event);
            } catch (LocalFunction.FunctionError e) {
                System.err.println("local runtime: " + e.getMessage() + " (a duplicated delivery)");
            }
        }
        List<DeleteMessageBatchRequestEntry> done = batch.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
            try {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
                AwsCallRecorder.recordPollerCall("Sqs", "DeleteMessageBatch", function.name());
            } catch (SdkClientException | SqsException e) {
                // SQS did not take the delete (ElasticMQ restarting): as on Lambda, the messages come back after
                // the visibility timeout, which on a fast clock must be the simulated one, not 180 real seconds
                System.err.println("local runtime: SQS delete for " + function.name() + " failed (" + e
                        + "); the batch returns after its visibility timeout");
                Set<String> undeleted = new HashSet<>();
                chunk.forEach(d -> undeleted.add(d.receiptHandle()));
                returnAfterVisibilityTimeout(batch.stream().filter(m -> undeleted.contains(m.receiptHandle())).toList());
            }
        }
    }

    /**
     * Failed messages reappear after the queue's visibility timeout, in simulated time: on a fast clock that is
     * sooner in real time than ElasticMQ would make it. A message whose visibility the function set itself keeps it.
     */
    private void returnAfterVisibilityTimeout(List<Message> failed) {
        double factor = AwsCallRecorder.clockFactor();
        if (factor <= 1.0 || failed.isEmpty()) {
            return;
        }
        int realSeconds = (int) Math.max(1, Math.ceil(visibilityTimeoutSeconds / factor));
        if (realSeconds >= visibilityTimeoutSeconds) {
            return;
        }
        for (Message m : failed) {
            if (LocalFunction.visibilityChangedByLastInvocation(m.receiptHandle())) {
                continue;
            }
            changeVisibilityUntilAccepted(m, realSeconds);
        }
    }

    /**
     * Sets a message's visibility, retrying while SQS cannot be reached or answers 5xx (ElasticMQ restarting): a
     * change that never reached SQS would leave the message invisible for the queue's visibility timeout in real
     * seconds. A 4xx (the message was deleted, its receipt expired) ends it: the message comes back on its own.
     */
    private void changeVisibilityUntilAccepted(Message m, int realSeconds) {
        long giveUpAt = System.currentTimeMillis() + UNREACHABLE_RETRY_MILLIS;
        while (true) {
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                        .visibilityTimeout(realSeconds));
                return;
            } catch (SqsException e) {
                if (e.statusCode() < 500) {
                    return; // already deleted or its receipt expired: it comes back on its own
                }
            } catch (SdkClientException e) {
                // not reachable: ElasticMQ is restarting
            }
            if (!running || System.currentTimeMillis() > giveUpAt) {
                System.err.println("local runtime: SQS did not take a visibility change for " + function.name()
                        + " within " + UNREACHABLE_RETRY_MILLIS / 1000 + " s");
                return;
            }
            pause(200);
        }
    }

    private JsonNode event(List<Message> batch) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : batch) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            attributes.putIfAbsent("ApproximateReceiveCount", EventCodec.MAPPER.getNodeFactory().textNode("1"));
            ObjectNode messageAttributes = r.putObject("messageAttributes");
            m.messageAttributes().forEach((k, v) -> {
                ObjectNode a = messageAttributes.putObject(k);
                if (v.stringValue() != null) {
                    a.put("stringValue", v.stringValue());
                }
                if (v.binaryValue() != null) {
                    a.put("binaryValue", java.util.Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
                }
                a.putArray("stringListValues");
                a.putArray("binaryListValues");
                a.put("dataType", v.dataType());
            });
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", LocalAws.REGION.id());
        }
        return event;
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
        pollers.shutdownNow();
    }
}
