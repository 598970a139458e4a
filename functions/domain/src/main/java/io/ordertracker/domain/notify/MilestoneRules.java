package io.ordertracker.domain.notify;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Which milestones a change of a shipment means (docs/design.md, "Milestones"), and whether a queued
 * message has been overtaken by what happened since. Pure: the change detector feeds it old and new images, the
 * senders feed it the current shipment.
 */
public final class MilestoneRules {
    private MilestoneRules() {
    }

    /**
     * @param before the shipment before the write (null when the item was just created)
     * @param after  the shipment after the write (null when deleted)
     */
    public static List<DetectedMilestone> detect(Shipment before, Shipment after) {
        List<DetectedMilestone> out = new ArrayList<>();
        if (after == null || !eligible(before, after)) {
            return out;
        }
        ShipmentStatus was = before == null ? ShipmentStatus.PENDING : before.status();
        ShipmentStatus now = after.status();
        boolean statusChanged = was != now;

        if (statusChanged && !shipped(was) && shipped(now) && announcesShipping(now)) {
            out.add(DetectedMilestone.of(Milestone.SHIPPED));
        }
        if (statusChanged) {
            switch (now) {
                case IN_TRANSIT -> out.add(DetectedMilestone.of(Milestone.IN_TRANSIT));
                case OUT_FOR_DELIVERY -> out.add(DetectedMilestone.of(Milestone.OUT_FOR_DELIVERY));
                case AVAILABLE_FOR_PICKUP -> out.add(DetectedMilestone.of(Milestone.AVAILABLE_FOR_PICKUP));
                case DELIVERED -> out.add(DetectedMilestone.of(Milestone.DELIVERED));
                default -> { }
            }
        }
        if (isExceptionStatus(now) && !after.reason().isDelay()) {
            // a carrier delay is told as DELAYED (below), never as an exception: nobody has to act
            ExceptionReason reason = exceptionReason(now, after.reason());
            ExceptionReason previous = before == null || !isExceptionStatus(was) || before.reason().isDelay()
                    ? null : exceptionReason(was, before.reason());
            if (reason != previous) {
                out.add(new DetectedMilestone(Milestone.EXCEPTION, reason.name(), reason));
            }
        }
        boolean wasDelayed = before != null && before.delayed();
        if (after.delayed() && (!wasDelayed || newDelayEpisode(before, after)) && latenessIsNews(after)) {
            out.add(new DetectedMilestone(Milestone.DELAYED, delayEpisode(after), after.delay().notice() == null
                    ? ExceptionReason.NONE : after.delay().notice().reason()));
        }
        boolean wasStalled = before != null && before.stalled();
        if (after.stalled() && !wasStalled && latenessIsNews(after)) {
            out.add(new DetectedMilestone(Milestone.STALLED, stallEpisode(after), ExceptionReason.NONE));
        }
        return out;
    }

    /**
     * Shoppers hear about active shipments only. The write that ends tracking because the parcel reached a
     * terminal status (delivered, returned, lost) may also clear {@code active}: that last news is still told.
     */
    static boolean eligible(Shipment before, Shipment after) {
        if (after.active()) {
            return true;
        }
        return before != null && before.active() && after.status().isTerminal() && before.status() != after.status();
    }

    /** The carrier has the parcel, or at least its label data ("shipped" in the shopper's words). */
    private static boolean shipped(ShipmentStatus s) {
        return s != ShipmentStatus.PENDING && s != ShipmentStatus.UNKNOWN;
    }

    /** A jump straight to delivered or an exception has its own, more useful message; no "shipped" beside it. */
    private static boolean announcesShipping(ShipmentStatus s) {
        return switch (s) {
            case INFO_RECEIVED, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP -> true;
            default -> false;
        };
    }

    /**
     * Whether "your parcel is late" or "has not moved" tells the shopper anything: not while it waits for them at a
     * pickup point (it is not meant to move), and not while it is in trouble (a failed attempt, an exception, a
     * return), which they were told about already and which the next message (redelivery, pickup, delivered)
     * resolves. The flags still show on the page and in the merchant's figures.
     */
    static boolean latenessIsNews(Shipment s) {
        boolean inTrouble = isExceptionStatus(s.status()) && !s.reason().isDelay(); // older data: EXCEPTION/WEATHER
        return s.status() != ShipmentStatus.AVAILABLE_FOR_PICKUP && !inTrouble;
    }

    public static boolean isExceptionStatus(ShipmentStatus s) {
        return switch (s) {
            case DELIVERY_ATTEMPTED, EXCEPTION, RETURNING_TO_SENDER, RETURNED_TO_SENDER, FAILED -> true;
            default -> false;
        };
    }

    /** The reason the shopper is told: the carrier's when it gave one, else the one the status implies. */
    public static ExceptionReason exceptionReason(ShipmentStatus status, ExceptionReason given) {
        if (given != null && given != ExceptionReason.NONE) {
            return given;
        }
        return switch (status) {
            case DELIVERY_ATTEMPTED -> ExceptionReason.RECIPIENT_UNAVAILABLE;
            case RETURNING_TO_SENDER -> ExceptionReason.RETURNING;
            case RETURNED_TO_SENDER -> ExceptionReason.RETURNED;
            case FAILED -> ExceptionReason.LOST;
            default -> ExceptionReason.OTHER;
        };
    }

    /**
     * The delay episode ({@link DelayState#episode()}, set by {@link DelayAndStallRules#delay}): a later date than the
     * shopper was told, or a told date missed, is a new episode. Shipments flagged before episodes were stored fall
     * back to the date that was missed.
     */
    public static String delayEpisode(Shipment s) {
        if (s.delay().episode() != null) {
            return s.delay().episode();
        }
        return s.estimatedDelivery() != null && s.estimatedDelivery().date() != null
                ? s.estimatedDelivery().date().toString() : "promised";
    }

    /**
     * A delay that goes on under a new episode (the date slipped again, or the date told was missed). A shipment
     * flagged before episodes were stored has none: its first stored episode is not news.
     */
    private static boolean newDelayEpisode(Shipment before, Shipment after) {
        String was = before.delay().episode();
        return was != null && after.delay().episode() != null && !was.equals(after.delay().episode());
    }

    /** Whether a queued DELAYED message was overtaken by a later episode (the newer one says what is true now). */
    public static boolean isStaleDelay(String jobEpisode, Shipment current) {
        return isStale(Milestone.DELAYED, current) || (current.delay().episode() != null && jobEpisode != null
                && !jobEpisode.isEmpty() && !jobEpisode.equals(current.delay().episode()));
    }

    /** A stall episode is the last scan before the silence: only a new scan can end it and start another. */
    public static String stallEpisode(Shipment s) {
        return s.lastScanAt() != null ? s.lastScanAt().toString()
                : s.createdAt() != null ? s.createdAt().toString() : "none";
    }

    /**
     * Whether a queued message about {@code milestone} no longer matches the shipment {@code current}: a later
     * milestone overtook it (an out-for-delivery SMS held overnight when the parcel is delivered at 7:55), the
     * flag it announces was cleared, or the merchant stopped tracking. Stale messages are dropped, not sent.
     */
    public static boolean isStale(Milestone milestone, Shipment current) {
        if (milestone == Milestone.ORDER_CONFIRMED) {
            return false;
        }
        if (current == null) {
            return true;
        }
        if (!current.active() && !current.status().isTerminal()) {
            return true;
        }
        return switch (milestone) {
            case SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP ->
                    current.status().isTerminal() || progress(current.status()) > progress(milestone);
            case DELIVERED -> false;
            case EXCEPTION -> current.status() == ShipmentStatus.DELIVERED;
            case DELAYED -> !current.delayed() || current.status().isTerminal() || !latenessIsNews(current);
            case STALLED -> !current.stalled() || current.status().isTerminal() || !latenessIsNews(current);
            case ORDER_CONFIRMED -> false;
        };
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

    /** "Shipped" still holds while the parcel is in transit: a jump from PENDING to IN_TRANSIT announces it. */
    private static int progress(Milestone m) {
        return switch (m) {
            case SHIPPED -> 2;
            case IN_TRANSIT -> 2;
            case OUT_FOR_DELIVERY -> 3;
            case AVAILABLE_FOR_PICKUP -> 4;
            case DELIVERED -> 5;
            default -> 0;
        };
    }
}
