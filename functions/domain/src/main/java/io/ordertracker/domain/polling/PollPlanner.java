package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Turns the shipments due for one carrier into tracking-queue messages, within the carrier's daily call budget.
 * Pure: the function around it reads the index, leases what it plans and sends the messages.
 */
public final class PollPlanner {

    /** Numbers one carrier request takes: FedEx tracks up to 30 numbers at once, the others one. */
    public static int numbersPerCall(Carrier carrier) {
        return carrier == Carrier.FEDEX ? 30 : 1;
    }

    /**
     * Carrier requests per message: one FedEx request of 30 numbers, or ten single-number requests (about the most
     * a worker does comfortably inside its timeout when a carrier is slow).
     */
    public static int callsPerMessage(Carrier carrier) {
        return carrier == Carrier.FEDEX ? 1 : 10;
    }

    /**
     * How likely a poll of a shipment in this status is to find a change the shopper is told about: the planner
     * spends a tight budget on the likeliest first. Out for delivery turns into delivered within hours; a failed
     * attempt is retried the next morning; transit moves daily; a label may sit for days; unknown numbers rarely
     * appear.
     */
    public static int priority(ShipmentStatus status) {
        return switch (status) {
            case OUT_FOR_DELIVERY -> 100;
            case DELIVERY_ATTEMPTED -> 80;
            case IN_TRANSIT -> 60;
            case AVAILABLE_FOR_PICKUP, EXCEPTION, RETURNING_TO_SENDER -> 40;
            case INFO_RECEIVED -> 30;
            case PENDING, UNKNOWN -> 20;
            default -> 0;
        };
    }

    /**
     * Likeliest change first; among equals, the longest overdue first (nobody starves). When the budget cannot
     * cover everything due, this order applies within each merchant's turn ({@link #fairSelection}).
     */
    public static final Comparator<DueShipment> MOST_PROMISING_FIRST =
            Comparator.comparingInt((DueShipment d) -> -priority(d.status()))
                    .thenComparing(DueShipment::nextPollAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(DueShipment::shipmentId);

    /**
     * @param due       the carrier's due shipments (any order)
     * @param callLimit carrier requests this run may spend (Integer.MAX_VALUE: unbudgeted)
     * @return the messages to send; shipments left out stay due and are looked at in the next run
     */
    public static List<TrackingBatch> plan(Carrier carrier, List<DueShipment> due, long callLimit) {
        int perCall = numbersPerCall(carrier);
        long maxShipments = callLimit >= Integer.MAX_VALUE / perCall ? Long.MAX_VALUE : callLimit * perCall;
        List<DueShipment> chosen = due.size() <= maxShipments
                ? due.stream().sorted(MOST_PROMISING_FIRST).toList()
                : fairSelection(due, (int) maxShipments);
        int perMessage = perCall * callsPerMessage(carrier);
        List<TrackingBatch> batches = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i += perMessage) {
            batches.add(new TrackingBatch(carrier, chosen.subList(i, Math.min(chosen.size(), i + perMessage))));
        }
        return batches;
    }

    /**
     * Picks {@code limit} of more due shipments so that no merchant starves the others of a shared carrier budget.
     * Urgent shipments (see {@link #urgent}) still come before every other, whoever they belong to; within each of
     * the two tiers merchants take turns: the next pick goes to the merchant with the fewest shipments picked so far
     * this run (urgent ones included), and that merchant's most promising shipment is taken. Ties between merchants
     * go to the more promising shipment. A merchant with few due shipments thus gets all of them as long as the
     * limit allows each merchant as many, and the rest of the limit goes to the merchants with more.
     */
    static List<DueShipment> fairSelection(List<DueShipment> due, int limit) {
        Map<String, Integer> picked = new HashMap<>();
        List<DueShipment> chosen = new ArrayList<>(limit);
        for (boolean urgentTier : new boolean[] {true, false}) {
            Map<String, ArrayDeque<DueShipment>> queues = new TreeMap<>();
            due.stream().filter(d -> urgent(d) == urgentTier).sorted(MOST_PROMISING_FIRST).forEach(d ->
                    queues.computeIfAbsent(d.merchantId(), m -> new ArrayDeque<>()).add(d));
            Comparator<ArrayDeque<DueShipment>> nextTurn = Comparator
                    .comparingInt((ArrayDeque<DueShipment> q) -> picked.getOrDefault(q.peek().merchantId(), 0))
                    .thenComparing(ArrayDeque::peek, MOST_PROMISING_FIRST);
            PriorityQueue<ArrayDeque<DueShipment>> turns = new PriorityQueue<>(nextTurn);
            turns.addAll(queues.values());
            while (chosen.size() < limit && !turns.isEmpty()) {
                ArrayDeque<DueShipment> merchant = turns.poll();
                DueShipment next = merchant.poll();
                chosen.add(next);
                picked.merge(next.merchantId(), 1, Integer::sum);
                if (!merchant.isEmpty()) {
                    turns.add(merchant);
                }
            }
        }
        return chosen;
    }

    /** Carrier requests needed to ask about {@code shipments} numbers. */
    public static long callsFor(Carrier carrier, int shipments) {
        int perCall = numbersPerCall(carrier);
        return (shipments + perCall - 1) / perCall;
    }

    /**
     * The carrier budget: a daily number of requests (UTC days, as carriers count them). Each run may spend its
     * fair share of what is left (what remains divided by the runs left today), but shipments most likely to change
     * (out for delivery, failed attempts) may borrow from later runs, as long as the day's budget holds.
     *
     * @param dailyBudget requests per day; negative or zero means "no budget configured"
     * @param usedToday   requests already made today
     * @param urgentCalls requests the urgent due shipments need
     */
    public static long callLimit(long dailyBudget, long usedToday, Instant now, Duration runInterval, long urgentCalls) {
        if (dailyBudget <= 0) {
            return Integer.MAX_VALUE;
        }
        long remaining = Math.max(0, dailyBudget - usedToday);
        if (remaining == 0) {
            return 0;
        }
        Instant endOfDay = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long runsLeft = Math.max(1, (Duration.between(now, endOfDay).toSeconds() + runInterval.toSeconds() - 1)
                / runInterval.toSeconds());
        long fairShare = (remaining + runsLeft - 1) / runsLeft;
        return Math.min(remaining, Math.max(fairShare, urgentCalls));
    }

    /** Shipments whose change is imminent (see {@link #callLimit}). */
    public static boolean urgent(DueShipment d) {
        return priority(d.status()) >= priority(ShipmentStatus.DELIVERY_ATTEMPTED);
    }

    /** Daily budgets from configuration like {@code "dhl=250,ups=0"} (0 or absent: no budget). */
    public static Map<Carrier, Long> parseBudgets(String spec) {
        Map<Carrier, Long> out = new EnumMap<>(Carrier.class);
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length == 2) {
                Carrier.fromCode(kv[0]).ifPresent(c -> out.put(c, Long.parseLong(kv[1].trim())));
            }
        }
        return out;
    }
}
