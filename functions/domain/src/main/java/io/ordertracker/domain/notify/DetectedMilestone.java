package io.ordertracker.domain.notify;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;

/**
 * A milestone found by comparing two versions of a shipment (or an order's creation).
 *
 * @param episode distinguishes repeatable milestones: the exception reason for EXCEPTION, the missed date for
 *                DELAYED, the last scan before the silence for STALLED; empty for once-ever milestones. It is part of
 *                the ledger key, so each (shipment, milestone, episode, channel) is told at most once.
 * @param reason  the exception reason (EXCEPTION only; NONE otherwise)
 */
public record DetectedMilestone(Milestone milestone, String episode, ExceptionReason reason) {

    public DetectedMilestone {
        episode = episode == null ? "" : episode;
        reason = reason == null ? ExceptionReason.NONE : reason;
    }

    public static DetectedMilestone of(Milestone milestone) {
        return new DetectedMilestone(milestone, "", ExceptionReason.NONE);
    }
}
