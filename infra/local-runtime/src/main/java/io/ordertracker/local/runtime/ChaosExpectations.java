package io.ordertracker.local.runtime;

import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a chaos run owes one shipment, judged from what the table knew: the checker of {@link ChaosRun}, apart so its
 * rules can be pinned by small synthetic timelines (ChaosRunTest). Every rule cites the product's promise
 * (docs/notifications.md, "Milestones"; {@code MilestoneRules.detect} and {@code isStale}): a message is owed when the
 * table knew its milestone and no later change made it stale before it could go out; EXCEPTION, DELAYED and STALLED
 * are told once per episode, so they are owed once per episode the table knew, not once per line of the journey.
 */
final class ChaosExpectations {
    /** Told once per episode (the episode is part of the ledger key): docs/notifications.md, "Milestones". */
    static final Set<String> EPISODIC = Set.of("EXCEPTION", "DELAYED", "STALLED");
    /** The statuses that are an exception (MilestoneRules.isExceptionStatus). */
    private static final Set<String> EXCEPTION_STATUSES = Set.of("DELIVERY_ATTEMPTED", "EXCEPTION",
            "RETURNING_TO_SENDER", "RETURNED_TO_SENDER", "FAILED");

    enum Owed { OWED, OVERTAKEN, NEVER_SEEN }

    /** The verdict for one shipment: counts, and each lost message as "MILESTONE channel [episode]". */
    record Verdict(long expected, long lost, long overtaken, long neverSeen, long unexpected, List<String> lostMessages,
                   Map<String, Long> unexpectedByMessage) {
    }

    private ChaosExpectations() {
    }

    /**
     * @param expectedMessages the journey's "MILESTONE channel" lines (a milestone with two episodes is listed twice)
     * @param changes          the shipment's status changes seen on the stream, in order
     * @param raised           the episodes of EXCEPTION, DELAYED and STALLED the stream showed, in order
     * @param sent             the messages SES and SNS accepted for the order
     * @param window           how soon (real time) after a milestone a later change may make it stale
     */
    static Verdict judge(List<String> expectedMessages, List<ShipmentChangeLog.Change> changes,
                         List<ShipmentChangeLog.FlagRaised> raised, List<Outbox.Message> sent, Duration window) {
        Map<String, Long> want = expectedMessages == null ? Map.of() : expectedMessages.stream()
                .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
        Map<String, Long> got = sent.stream().collect(Collectors.groupingBy(m -> m.milestone() + " " + m.channel(),
                Collectors.counting()));
        long expected = 0;
        long lost = 0;
        long overtaken = 0;
        long neverSeen = 0;
        List<String> lostMessages = new ArrayList<>();
        for (Map.Entry<String, Long> w : want.entrySet()) {
            expected += w.getValue();
            String milestone = w.getKey().substring(0, w.getKey().indexOf(' '));
            String channel = w.getKey().substring(w.getKey().indexOf(' ') + 1);
            if (EPISODIC.contains(milestone)) {
                // one message per episode: count the episodes told on this channel, judge the ones the table knew
                // and nobody told
                Set<String> told = sent.stream().filter(m -> milestone.equals(m.milestone()) && channel.equals(m.channel()))
                        .map(Outbox.Message::episode).collect(Collectors.toSet());
                long missing = Math.max(0, w.getValue() - told.size());
                if (missing == 0) {
                    continue;
                }
                Map<String, Long> known = new LinkedHashMap<>();
                raised.stream().filter(f -> f.flag().equals(milestone))
                        .forEach(f -> known.putIfAbsent(f.episode(), f.seenAtMillis()));
                List<Map.Entry<String, Owed>> untold = new ArrayList<>();
                known.forEach((episode, at) -> {
                    if (!told.contains(episode)) {
                        untold.add(Map.entry(episode, episodeOwed(milestone, episode, at, changes, raised, window)));
                    }
                });
                untold.sort(Comparator.comparing(e -> e.getValue().ordinal())); // owed first: the strict reading
                for (int i = 0; i < missing; i++) {
                    Owed o = i < untold.size() ? untold.get(i).getValue() : Owed.NEVER_SEEN;
                    switch (o) {
                        case OWED -> {
                            lost++;
                            lostMessages.add(w.getKey() + " " + untold.get(i).getKey());
                        }
                        case OVERTAKEN -> overtaken++;
                        case NEVER_SEEN -> neverSeen++;
                    }
                }
            } else {
                long missing = Math.max(0, w.getValue() - got.getOrDefault(w.getKey(), 0L));
                if (missing == 0) {
                    continue;
                }
                switch (statusOwed(milestone, channel, changes, sent, window)) {
                    case OWED -> {
                        lost += missing;
                        for (int i = 0; i < missing; i++) {
                            lostMessages.add(w.getKey());
                        }
                    }
                    case OVERTAKEN -> overtaken += missing;
                    case NEVER_SEEN -> neverSeen += missing;
                }
            }
        }
        long unexpected = 0;
        Map<String, Long> unexpectedByMessage = new TreeMap<>();
        for (Map.Entry<String, Long> g : got.entrySet()) {
            long extra = Math.max(0, g.getValue() - want.getOrDefault(g.getKey(), 0L));
            unexpected += extra;
            if (extra > 0) {
                unexpectedByMessage.put(g.getKey(), extra);
            }
        }
        return new Verdict(expected, lost, overtaken, neverSeen, unexpected, lostMessages, unexpectedByMessage);
    }

    /**
     * A carrier milestone (SHIPPED, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERED) is owed once the table held
     * its status. SHIPPED is announced only when the status leaves PENDING for a plain "on its way" one and is stale
     * once the parcel is further on (MilestoneRules: announcesShipping, isStale), so it is owed only when the first
     * status seen is INFO_RECEIVED or IN_TRANSIT. A message is overtaken when, within {@code window} of its
     * milestone, the parcel reached a status that makes it stale (MilestoneRules.isStale: terminal, or further on);
     * an exception does not (the product still tells "out for delivery" when an attempt fails after it).
     * ORDER_CONFIRMED is always owed.
     */
    static Owed statusOwed(String milestone, String channel, List<ShipmentChangeLog.Change> changes,
                           List<Outbox.Message> sent, Duration window) {
        Set<String> statuses = switch (milestone) {
            case "SHIPPED" -> Set.of("INFO_RECEIVED", "IN_TRANSIT");
            case "IN_TRANSIT" -> Set.of("IN_TRANSIT");
            case "OUT_FOR_DELIVERY" -> Set.of("OUT_FOR_DELIVERY");
            case "AVAILABLE_FOR_PICKUP" -> Set.of("AVAILABLE_FOR_PICKUP");
            case "DELIVERED" -> Set.of("DELIVERED");
            default -> Set.of();
        };
        if (milestone.equals("ORDER_CONFIRMED")) {
            return Owed.OWED;
        }
        if (milestone.equals("SHIPPED")) {
            String firstMoving = changes.stream().map(ShipmentChangeLog.Change::to)
                    .filter(st -> !st.equals("PENDING")).findFirst().orElse(null);
            if (firstMoving == null || !statuses.contains(firstMoving)) {
                return Owed.NEVER_SEEN;
            }
        }
        Long known = null;
        if (!statuses.isEmpty()) {
            known = changes.stream().filter(c -> statuses.contains(c.to())).map(ShipmentChangeLog.Change::seenAtMillis)
                    .findFirst().orElse(null);
            if (known == null) {
                return Owed.NEVER_SEEN;
            }
        } else {
            // a milestone without a status of its own: known once its message went out on another channel
            known = sent.stream().filter(m -> milestone.equals(m.milestone()) && !channel.equals(m.channel()))
                    .map(Outbox.Message::sentAtRealMillis).min(Long::compare).orElse(null);
            if (known == null) {
                return Owed.NEVER_SEEN;
            }
        }
        long from = known;
        boolean overtaken = changes.stream().anyMatch(c -> c.seenAtMillis() >= from
                && c.seenAtMillis() < from + window.toMillis() && makesStale(milestone, c.to()));
        return overtaken ? Owed.OVERTAKEN : Owed.OWED;
    }

    /** MilestoneRules.isStale for a carrier milestone, by the status the parcel reached. */
    static boolean makesStale(String milestone, String status) {
        ShipmentStatus s;
        try {
            s = ShipmentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (milestone.equals("DELIVERED") || milestone.equals("ORDER_CONFIRMED")) {
            return false;
        }
        if (milestone.equals("EXCEPTION")) {
            return s == ShipmentStatus.DELIVERED;
        }
        return s.isTerminal() || progress(s) > progress(milestone);
    }

    private static int progress(ShipmentStatus s) {
        return switch (s) {
            case INFO_RECEIVED -> 1;
            case IN_TRANSIT -> 2;
            case OUT_FOR_DELIVERY -> 3;
            case AVAILABLE_FOR_PICKUP -> 4;
            case DELIVERED -> 5;
            default -> -1;
        };
    }

    private static int progress(String milestone) {
        return switch (milestone) {
            case "SHIPPED", "IN_TRANSIT" -> 2;
            case "OUT_FOR_DELIVERY" -> 3;
            case "AVAILABLE_FOR_PICKUP" -> 4;
            default -> 0;
        };
    }

    /**
     * One episode the table knew and nobody told. EXCEPTION: owed unless the parcel was delivered within the window
     * (MilestoneRules.isStale: an exception is stale only once delivered). DELAYED, STALLED: never told while the
     * parcel is in trouble (an exception status without a delay reason), waiting at a pickup point or ended
     * (MilestoneRules.latenessIsNews, isStale), so not owed when raised behind such news; and stale when the flag
     * clears, a newer episode replaces it (isStaleDelay) or the parcel moves on: the stream log does not see flags
     * clear, so any status change or other episode within the window counts as overtaking it.
     */
    static Owed episodeOwed(String milestone, String episode, long at, List<ShipmentChangeLog.Change> changes,
                            List<ShipmentChangeLog.FlagRaised> raised, Duration window) {
        long until = at + window.toMillis();
        if (milestone.equals("EXCEPTION")) {
            boolean delivered = changes.stream().anyMatch(c -> c.seenAtMillis() >= at && c.seenAtMillis() < until
                    && "DELIVERED".equals(c.to()));
            return delivered ? Owed.OVERTAKEN : Owed.OWED;
        }
        if (!latenessIsNewsAt(at, changes, raised)) {
            return Owed.OVERTAKEN;
        }
        boolean overtaken = changes.stream().anyMatch(c -> c.seenAtMillis() > at && c.seenAtMillis() < until)
                || raised.stream().anyMatch(f -> f.seenAtMillis() > at && f.seenAtMillis() < until
                && !(f.flag().equals(milestone) && java.util.Objects.equals(f.episode(), episode)));
        return overtaken ? Owed.OVERTAKEN : Owed.OWED;
    }

    /**
     * MilestoneRules.latenessIsNews at real time {@code at}: the last status then was not a pickup point, not
     * terminal, and not an exception status (unless it stood for a delay reason, which raises no EXCEPTION episode).
     */
    private static boolean latenessIsNewsAt(long at, List<ShipmentChangeLog.Change> changes,
                                            List<ShipmentChangeLog.FlagRaised> raised) {
        ShipmentChangeLog.Change last = null;
        for (ShipmentChangeLog.Change c : changes) {
            if (c.seenAtMillis() <= at) {
                last = c;
            }
        }
        if (last == null) {
            return true;
        }
        ShipmentStatus s;
        try {
            s = ShipmentStatus.valueOf(last.to());
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (s == ShipmentStatus.AVAILABLE_FOR_PICKUP || s.isTerminal()) {
            return false;
        }
        if (!EXCEPTION_STATUSES.contains(last.to())) {
            return true;
        }
        long since = last.seenAtMillis();
        boolean exceptionEpisode = raised.stream().anyMatch(f -> f.flag().equals("EXCEPTION")
                && f.seenAtMillis() >= since && f.seenAtMillis() <= at);
        return !exceptionEpisode;
    }
}
