package io.ordertracker.polling;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.polling.CarrierCallCounter;
import io.ordertracker.domain.polling.DueShipment;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.PollPlanner;
import io.ordertracker.domain.polling.PollSchedule;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One planner run: for each carrier, read every shard of the due-for-polling index (in parallel, paged, bounded per
 * shard), keep within the carrier's daily budget spending it on the likeliest changes, lease what is planned so the
 * next run does not send it again, and send the batches to the tracking queue. Shipments not planned this run stay
 * due and are looked at again in five minutes.
 */
public final class PollPlanRun {

    /**
     * @param maxPerShard  bound on due shipments read per shard and run (keeps a run inside the Lambda timeout;
     *                     leftovers are next run's)
     * @param runInterval  the schedule's rate, used to pace a daily budget
     * @param budgets      daily request budgets per carrier (absent: none)
     */
    public record Config(int maxPerShard, Duration runInterval, Map<Carrier, Long> budgets, PollingSettings settings) {
    }

    /** What a run did, per carrier. */
    public record CarrierPlan(Carrier carrier, int due, int planned, int messages, long callLimit, int leaseLost) {
    }

    private final PollSchedule schedule;
    private final CarrierCallCounter calls;
    private final TrackingQueue queue;
    private final Config config;
    private final Clock clock;
    private final ExecutorService executor;
    private final PipelineMetrics metrics;

    public PollPlanRun(PollSchedule schedule, CarrierCallCounter calls, TrackingQueue queue, Config config, Clock clock,
                       ExecutorService executor, PipelineMetrics metrics) {
        this.schedule = schedule;
        this.calls = calls;
        this.queue = queue;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.metrics = metrics;
    }

    public List<CarrierPlan> run() {
        Instant now = clock.instant();
        List<CarrierPlan> plans = new ArrayList<>();
        for (Carrier carrier : Carrier.values()) {
            plans.add(planCarrier(carrier, now));
        }
        return plans;
    }

    private CarrierPlan planCarrier(Carrier carrier, Instant now) {
        List<DueShipment> due = readShards(carrier, now);
        long budget = config.budgets().getOrDefault(carrier, 0L);
        long callLimit = Integer.MAX_VALUE;
        if (budget > 0) {
            long used = calls.count(carrier, LocalDate.ofInstant(now, ZoneOffset.UTC));
            int urgent = (int) due.stream().filter(PollPlanner::urgent).count();
            callLimit = PollPlanner.callLimit(budget, used, now, config.runInterval(),
                    PollPlanner.callsFor(carrier, urgent));
            metrics.count(carrierName(carrier) + "BudgetUsedPercent", 100.0 * used / budget);
        }
        List<TrackingBatch> batches = PollPlanner.plan(carrier, due, callLimit);
        Instant leaseUntil = now.plus(config.settings().planLease());
        List<TrackingBatch> leased = lease(batches, leaseUntil);
        int lost = batches.stream().mapToInt(b -> b.shipments().size()).sum()
                - leased.stream().mapToInt(b -> b.shipments().size()).sum();
        send(leased, now);
        int planned = leased.stream().mapToInt(b -> b.shipments().size()).sum();
        metrics.count("ShipmentsDue", due.size());
        metrics.count("ShipmentsPlanned", planned);
        metrics.count("ShipmentsDeferredByBudget", due.size() - planned - lost);
        return new CarrierPlan(carrier, due.size(), planned, leased.size(), callLimit, lost);
    }

    private List<DueShipment> readShards(Carrier carrier, Instant now) {
        List<Future<List<DueShipment>>> futures = new ArrayList<>();
        for (int shard = 0; shard < PollSchedule.SHARDS; shard++) {
            int s = shard;
            futures.add(executor.submit(() -> schedule.due(carrier, s, now, config.maxPerShard())));
        }
        List<DueShipment> all = new ArrayList<>();
        for (Future<List<DueShipment>> f : futures) {
            all.addAll(join(f));
        }
        return all;
    }

    /** Leases every planned shipment (in parallel); drops those someone else changed since the index was read. */
    private List<TrackingBatch> lease(List<TrackingBatch> batches, Instant until) {
        List<TrackingBatch> out = new ArrayList<>();
        for (TrackingBatch batch : batches) {
            List<Future<Boolean>> leases = new ArrayList<>();
            for (DueShipment d : batch.shipments()) {
                leases.add(executor.submit(() -> schedule.lease(d, until)));
            }
            List<DueShipment> kept = new ArrayList<>();
            for (int i = 0; i < leases.size(); i++) {
                if (join(leases.get(i))) {
                    kept.add(batch.shipments().get(i));
                }
            }
            if (!kept.isEmpty()) {
                out.add(new TrackingBatch(batch.carrier(), kept));
            }
        }
        return out;
    }

    private void send(List<TrackingBatch> batches, Instant now) {
        try {
            queue.send(batches.stream().map(b -> TrackingMessage.of(b, now)).toList());
        } catch (RuntimeException e) {
            // The leases expire and the shipments come back in a later run; say so loudly.
            metrics.count("PlannerSendFailures", 1);
            throw e;
        }
    }

    static String carrierName(Carrier carrier) {
        return switch (carrier) {
            case UPS -> "Ups";
            case FEDEX -> "Fedex";
            case USPS -> "Usps";
            case DHL -> "Dhl";
        };
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("planner interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Budgets per carrier, from {@code CARRIER_DAILY_BUDGETS} ("dhl=250"). */
    public static Map<Carrier, Long> budgets(String spec) {
        return PollPlanner.parseBudgets(spec);
    }
}
