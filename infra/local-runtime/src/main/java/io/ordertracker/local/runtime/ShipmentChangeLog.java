package io.ordertracker.local.runtime;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.MilestoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Watches the table's stream (as an extra reader, beside any function's mapping) and notes, in real time, each
 * change of a shipment's status: the start of the scan-to-email latency the pipeline benchmark measures.
 */
final class ShipmentChangeLog implements AutoCloseable {
    /** A shipment's status changed (seen on the stream at {@code seenAtMillis}, real time). */
    record Change(String carrier, String trackingNumber, String shipmentId, String from, String to, long seenAtMillis) {
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    /**
     * A new episode of a milestone the product tells once per episode (docs/notifications.md, "Milestones"), seen on
     * the table at real time {@code seenAtMillis}: {@code flag} EXCEPTION (episode: the reason, or the one its status
     * implies), DELAYED ({@code delayed} went up or its {@code delayEpisode} changed while up) or STALLED
     * ({@code stalled} went up; episode: the last scan before the silence).
     */
    record FlagRaised(String trackingNumber, String flag, String episode, long seenAtMillis) {
        FlagRaised(String trackingNumber, String flag, long seenAtMillis) {
            this(trackingNumber, flag, null, seenAtMillis);
        }
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    /** Writes of shipment items seen on the stream, and those marked as moving only the polling schedule. */
    private final java.util.concurrent.atomic.LongAdder shipmentWrites = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder scheduleOnlyWrites = new java.util.concurrent.atomic.LongAdder();
    private final List<FlagRaised> flagsRaised = new CopyOnWriteArrayList<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    ShipmentChangeLog(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
        executor.submit(this::discover);
    }

    List<Change> changes() {
        return new ArrayList<>(changes);
    }

    /** {shipment-item records on the stream, of which scheduleOnly} since the last {@link #resetCounts()}. */
    long[] shipmentWriteCounts() {
        return new long[] {shipmentWrites.sum(), scheduleOnlyWrites.sum()};
    }

    void resetCounts() {
        shipmentWrites.reset();
        scheduleOnlyWrites.reset();
    }

    List<FlagRaised> flagsRaised() {
        return new ArrayList<>(flagsRaised);
    }

    private void discover() {
        while (running) {
            try {
                for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                    if (started.add(shard.shardId())) {
                        executor.submit(() -> read(shard));
                    }
                }
            } catch (RuntimeException e) {
                // the runtime is stopping, or DynamoDB Local hiccuped: look again
            }
            sleep(500);
        }
    }

    private void read(Shard shard) {
        try {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (running && iterator != null) {
                String it = iterator;
                var response = streams.getRecords(b -> b.shardIterator(it).limit(1000));
                long now = System.currentTimeMillis();
                response.records().forEach(r -> note(r, now));
                iterator = response.nextShardIterator();
                if (response.records().isEmpty()) {
                    sleep(50);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                System.err.println("local runtime: change log reader: " + e);
            }
        }
    }

    private void note(Record r, long now) {
        var d = r.dynamodb();
        if (!d.hasNewImage() || !"SHIPMENT".equals(s(d.newImage().get("entityType")))) {
            return;
        }
        shipmentWrites.increment();
        AttributeValue scheduleOnly = d.newImage().get("scheduleOnly"); // functions/storage ShipmentItems.SCHEDULE_ONLY
        if (scheduleOnly != null && Boolean.TRUE.equals(scheduleOnly.bool())) {
            scheduleOnlyWrites.increment();
        }
        noteFlag(d, "stalled", "STALLED", null);
        noteFlag(d, "delayed", "DELAYED", "delayEpisode");
        noteException(d);
        String to = s(d.newImage().get("status"));
        String from = d.hasOldImage() ? s(d.oldImage().get("status")) : null;
        if (to != null && !to.equals(from)) {
            changes.add(new Change(s(d.newImage().get("carrier")), s(d.newImage().get("trackingNumber")),
                    s(d.newImage().get("shipmentId")), from, to, now));
        }
    }

    private void noteFlag(software.amazon.awssdk.services.dynamodb.model.StreamRecord d, String attribute, String flag,
                          String episodeAttribute) {
        boolean up = Boolean.TRUE.equals(bool(d.newImage().get(attribute)));
        boolean wasUp = d.hasOldImage() && Boolean.TRUE.equals(bool(d.oldImage().get(attribute)));
        boolean newEpisode = episodeAttribute != null && d.hasOldImage()
                && !java.util.Objects.equals(s(d.newImage().get(episodeAttribute)), s(d.oldImage().get(episodeAttribute)));
        if (up && (!wasUp || newEpisode)) {
            String episode = episodeAttribute != null ? s(d.newImage().get(episodeAttribute))
                    : firstNonNull(s(d.newImage().get("lastScanAt")), s(d.newImage().get("createdAt")), "none");
            flagsRaised.add(new FlagRaised(s(d.newImage().get("trackingNumber")), flag, episode,
                    System.currentTimeMillis()));
        }
    }

    /**
     * An exception episode begins when the shipment enters an exception status or the reason of one changes; a
     * delay reason is not an exception (docs/notifications.md, "Milestones": EXCEPTION, episode = the reason).
     */
    private void noteException(software.amazon.awssdk.services.dynamodb.model.StreamRecord d) {
        String now = exceptionEpisode(d.newImage());
        String was = d.hasOldImage() ? exceptionEpisode(d.oldImage()) : null;
        if (now != null && !now.equals(was)) {
            flagsRaised.add(new FlagRaised(s(d.newImage().get("trackingNumber")), "EXCEPTION", now,
                    System.currentTimeMillis()));
        }
    }

    /** The exception reason a shipment image stands in, or null when it is not in an exception. */
    static String exceptionEpisode(java.util.Map<String, AttributeValue> image) {
        ShipmentStatus status;
        ExceptionReason reason;
        try {
            status = ShipmentStatus.valueOf(s(image.get("status")));
            String r = s(image.get("reason"));
            reason = r == null ? ExceptionReason.NONE : ExceptionReason.valueOf(r);
        } catch (RuntimeException e) {
            return null; // not a status the product writes (the poison record)
        }
        if (!MilestoneRules.isExceptionStatus(status) || reason.isDelay()) {
            return null;
        }
        return MilestoneRules.exceptionReason(status, reason).name();
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Boolean bool(AttributeValue v) {
        return v == null ? null : v.bool();
    }

    private static String s(AttributeValue v) {
        return v == null ? null : v.s();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        executor.shutdownNow();
    }
}
