package io.ordertracker.local.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real-time marks of a shipment passing the runtime's own hand-offs, for the pipeline benchmark's per-hop latency:
 * an event source delivering a queue message or a stream record to a function, and a function's shipment write or
 * queue send (seen by {@link AwsCallRecorder}). Taken from the runtime, not from product code, so the product is
 * measured without being changed. Marks are kept only while {@link #enabled} (the bench turns them on).
 */
final class PipelineTimeline {
    /**
     * What happened to the shipment at {@code atMillis} (real time), in which function; {@code job} is the
     * notification job's milestone and episode ("DELIVERED#..."), when the message was one, else null.
     */
    record Mark(Hop hop, String function, String shipmentId, String job, long atMillis) {
    }

    enum Hop {
        /** An SQS event source handed a message naming the shipment to the function (the worker, a sender). */
        MESSAGE_DELIVERED,
        /** The function's UpdateItem/PutItem on the shipment item returned. */
        SHIPMENT_WRITTEN,
        /** A stream event source handed a record of the shipment item to the function. */
        STREAM_RECORD_DELIVERED,
        /** The function's SendMessage(Batch) naming the shipment returned. */
        MESSAGE_QUEUED
    }

    private static final Pattern SHIPMENT_ID = Pattern.compile("\"shipmentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MILESTONE = Pattern.compile("\"milestone\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EPISODE = Pattern.compile("\"episode\"\\s*:\\s*\"([^\"]*)\"");
    private static final Queue<Mark> MARKS = new ConcurrentLinkedQueue<>();
    /** Per stream consumer: records its FilterCriteria let through [0] and dropped [1]. */
    private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder[]> STREAM_RECORDS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile boolean enabled;

    private PipelineTimeline() {
    }

    static void start() {
        MARKS.clear();
        STREAM_RECORDS.clear();
        enabled = true;
    }

    static void stop() {
        enabled = false;
    }

    /** A stream record read for a consumer, and whether its filter let it through (the write path's measure). */
    static void streamRecordFiltered(String function, boolean delivered) {
        if (enabled) {
            STREAM_RECORDS.computeIfAbsent(function, f -> new java.util.concurrent.atomic.LongAdder[] {
                    new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder()})
                    [delivered ? 0 : 1].increment();
        }
    }

    /** function -> {delivered, filteredOut}. */
    static java.util.Map<String, long[]> streamRecords() {
        java.util.Map<String, long[]> out = new java.util.TreeMap<>();
        STREAM_RECORDS.forEach((f, n) -> out.put(f, new long[] {n[0].sum(), n[1].sum()}));
        return out;
    }

    static List<Mark> marks() {
        return new ArrayList<>(MARKS);
    }

    static void mark(Hop hop, String function, String shipmentId) {
        if (enabled && shipmentId != null) {
            MARKS.add(new Mark(hop, function, shipmentId, null, System.currentTimeMillis()));
        }
    }

    /** A notification job's mark key: its milestone and episode (the outbox knows both of each send). */
    static String job(String milestone, String episode) {
        return milestone + "#" + (episode == null ? "" : episode);
    }

    /** Marks every shipment a JSON message body names (tracking plans name several, a notification job one). */
    static void markBody(Hop hop, String function, String body) {
        if (!enabled || body == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Matcher milestone = MILESTONE.matcher(body);
        Matcher episode = EPISODE.matcher(body);
        String job = milestone.find() ? milestone.group(1) + "#" + (episode.find() ? episode.group(1) : "") : null;
        Matcher m = SHIPMENT_ID.matcher(body);
        while (m.find()) {
            MARKS.add(new Mark(hop, function, m.group(1), job, now));
        }
    }
}
