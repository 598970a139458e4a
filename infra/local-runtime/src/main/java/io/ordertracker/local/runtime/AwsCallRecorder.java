package io.ordertracker.local.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Sees every AWS SDK call made in this JVM (registered for all clients through the SDK's global interceptor file,
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so no function has to be changed to be
 * measured. Calls made while a function's handler runs are counted per service, operation and function (the
 * benchmark's request counts); successful SES sends and SNS SMS publishes are copied to the {@link Outbox}.
 * The runtime's own calls (polling queues and the stream) are what Lambda's pollers do for free, and are not counted.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    /** Billing units where one request is several (DynamoDB batch and transactional calls), by service+operation. */
    private static final Map<String, LongAdder> UNITS = new ConcurrentHashMap<>();
    /** The shipment item's sort key prefix (functions/storage Keys): its writes are timeline marks. */
    private static final String SHIPMENT_SK_PREFIX = "SHIPMENT#";
    private static volatile Outbox outbox;
    private static volatile double clockFactor = 1.0;

    public AwsCallRecorder() {
        // the SDK instantiates this once per client
    }

    static void recordTo(Outbox target) {
        outbox = target;
    }

    /**
     * Delays a function asks of SQS (DelaySeconds, ChangeMessageVisibility: a message held until quiet hours end,
     * a retry after a carrier's Retry-After) are in simulated seconds; ElasticMQ counts real ones. Dividing them by
     * the clock factor keeps them on the simulated clock.
     */
    static void scaleQueueDelays(double factor) {
        clockFactor = factor;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        double factor = clockFactor;
        SdkRequest request = context.request();
        if (LocalFunction.current().isEmpty()) {
            return request;
        }
        if (factor == 1.0) {
            return request;
        }
        if (request instanceof software.amazon.awssdk.services.sqs.model.SendMessageRequest r && r.delaySeconds() != null) {
            return r.toBuilder().delaySeconds(scale(r.delaySeconds(), factor)).build();
        }
        if (request instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest r) {
            return r.toBuilder().entries(r.entries().stream().map(e -> e.delaySeconds() == null ? e
                    : e.toBuilder().delaySeconds(scale(e.delaySeconds(), factor)).build()).toList()).build();
        }
        if (request instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest r
                && r.visibilityTimeout() != null) {
            return r.toBuilder().visibilityTimeout(scale(r.visibilityTimeout(), factor)).build();
        }
        if (request instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest r) {
            return r.toBuilder().entries(r.entries().stream().map(e -> e.visibilityTimeout() == null ? e
                    : e.toBuilder().visibilityTimeout(scale(e.visibilityTimeout(), factor)).build()).toList()).build();
        }
        return request;
    }

    /**
     * Notes the messages whose visibility the function set, once SQS accepted it (called after the call succeeded,
     * for a batch only its successful entries). A change that never reached SQS (ElasticMQ restarting, a rejected
     * entry) must not be noted: the event source would then leave the message at the queue's visibility timeout in
     * real seconds (180 real s, days at 3600x) instead of returning it on the simulated clock.
     */
    private static void noteVisibilityChanges(SdkRequest request, Object response) {
        if (request instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest r) {
            LocalFunction.noteVisibilityChanged(r.receiptHandle());
        } else if (request instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest r
                && response instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse ok) {
            java.util.Set<String> accepted = ok.successful().stream()
                    .map(software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry::id)
                    .collect(java.util.stream.Collectors.toSet());
            r.entries().stream().filter(e -> accepted.contains(e.id()))
                    .forEach(e -> LocalFunction.noteVisibilityChanged(e.receiptHandle()));
        }
    }

    /** Simulated seconds per real second (1 unless the runtime plays a fast clock). */
    static double clockFactor() {
        return clockFactor;
    }

    private static int scale(int seconds, double factor) {
        return seconds <= 0 ? seconds : (int) Math.ceil(seconds / factor);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        var function = LocalFunction.current();
        if (function.isEmpty()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        COUNTS.computeIfAbsent(service + "\t" + operation + "\t" + function.get(), k -> new LongAdder()).increment();
        UNITS.computeIfAbsent(service + "\t" + operation, k -> new LongAdder()).add(units(context.request()));
        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put) {
            noteLedgerClaim(put.item());
        }
        noteVisibilityChanges(context.request(), context.response());
        markTimeline(function.get(), context.request());
        Outbox target = outbox;
        Outbox.Message sent = null;
        if (target != null) {
            SdkRequest request = context.request();
            try {
                sent = target.record(service, operation, request, context.response());
            } catch (RuntimeException e) {
                System.err.println("local runtime: could not copy a sent message to the outbox: " + e);
            }
        }
        // last, once the call is counted and its message is in the outbox: the call succeeded, then the
        // environment may die (a chaos run)
        ChaosInjector.afterAwsCall(service, operation, sent);
    }

    /**
     * The notification ledger is written (a conditional put naming milestone, channel, shipment and episode as
     * attributes; its keys are hashes) just before each send: remembering it tells the outbox which milestone,
     * episode and shipment the next email or SMS is about.
     */
    private static void noteLedgerClaim(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        var milestone = item.get("milestone");
        var channel = item.get("channel");
        var entity = item.get("entityType");
        // only the ledger's claim: the SMS sender's record of an SNS message id (SMS_MESSAGE, written after the
        // send) names a milestone and channel too, and would pass its milestone on to the next text
        if (milestone == null || channel == null || milestone.s() == null
                || (entity != null && !"NOTIFICATION".equals(entity.s()))) {
            return;
        }
        Map<String, String> claim = new java.util.HashMap<>();
        claim.put("milestone", milestone.s());
        claim.put("channel", channel.s());
        item.forEach((k, v) -> {
            if (v.s() != null && (k.equals("orderNumber") || k.equals("merchantId") || k.equals("shipmentId")
                    || k.equals("episode"))) {
                claim.put(k, v.s());
            }
        });
        LocalFunction.noteLedgerClaim(claim);
    }

    /** Shipment writes and queue sends, for the bench's per-hop latency ({@link PipelineTimeline}). */
    private static void markTimeline(String function, SdkRequest request) {
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest u) {
            var sk = u.key().get("sk");
            if (sk != null && sk.s() != null && sk.s().startsWith(SHIPMENT_SK_PREFIX)) {
                PipelineTimeline.mark(PipelineTimeline.Hop.SHIPMENT_WRITTEN, function,
                        sk.s().substring(SHIPMENT_SK_PREFIX.length()));
            }
        } else if (request instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest b) {
            b.entries().forEach(e -> PipelineTimeline.markBody(PipelineTimeline.Hop.MESSAGE_QUEUED, function, e.messageBody()));
        } else if (request instanceof software.amazon.awssdk.services.sqs.model.SendMessageRequest m) {
            PipelineTimeline.markBody(PipelineTimeline.Hop.MESSAGE_QUEUED, function, m.messageBody());
        }
    }

    /** A call Lambda's event source poller makes on the function's behalf (billed to the account). */
    static void recordPollerCall(String service, String operation, String function) {
        COUNTS.computeIfAbsent(service + "\t" + operation + "\t" + function, k -> new LongAdder()).increment();
        UNITS.computeIfAbsent(service + "\t" + operation, k -> new LongAdder()).increment();
    }

    private static long units(SdkRequest request) {
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest b) {
            return b.requestItems().values().stream().mapToLong(java.util.List::size).sum();
        }
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest b) {
            return b.requestItems().values().stream().mapToLong(k -> k.keys().size()).sum();
        }
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest t) {
            return 2L * t.transactItems().size();
        }
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest t) {
            return 2L * t.transactItems().size();
        }
        return 1;
    }

    /** service -> operation -> billing units (requests, or items for batch/transactional DynamoDB calls). */
    public static Map<String, Map<String, Long>> unitsByService() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        UNITS.forEach((key, n) -> {
            String[] parts = key.split("\t");
            out.computeIfAbsent(parts[0], k -> new TreeMap<>()).merge(parts[1], n.sum(), Long::sum);
        });
        return out;
    }

    /** service -> operation -> count, for calls made by functions since the last {@link #reset()}. */
    public static Map<String, Map<String, Long>> countsByService() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        COUNTS.forEach((key, n) -> {
            String[] parts = key.split("\t");
            out.computeIfAbsent(parts[0], k -> new TreeMap<>()).merge(parts[1], n.sum(), Long::sum);
        });
        return out;
    }

    /** function -> service -> count. */
    public static Map<String, Map<String, Long>> countsByFunction() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        COUNTS.forEach((key, n) -> {
            String[] parts = key.split("\t");
            out.computeIfAbsent(parts[2], k -> new TreeMap<>()).merge(parts[0], n.sum(), Long::sum);
        });
        return out;
    }

    /** Requests per function, then service.operation (which function makes the reads a shipment costs). */
    public static Map<String, Map<String, Long>> countsByFunctionAndOperation() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        COUNTS.forEach((key, n) -> {
            String[] parts = key.split("\t");
            out.computeIfAbsent(parts[2], k -> new TreeMap<>()).merge(parts[0] + "." + parts[1], n.sum(), Long::sum);
        });
        return out;
    }

    public static void reset() {
        COUNTS.clear();
        UNITS.clear();
    }
}
