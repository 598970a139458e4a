package io.ordertracker.domain.notify;

import java.time.LocalDate;

/**
 * What a shipment remembers of the dates its shopper was given, so a delay is judged against what the shopper
 * understands (docs/design.md, "Delayed and stalled"). Stored on the shipment item; written by the two writers of
 * {@code delayed} (the tracking worker on every carrier answer, the hourly stall detector).
 *
 * @param firstEstimate the carrier's first delivery date (the SHIPPED message and the page showed it); null until the
 *                      carrier gives one
 * @param toldDate      the date the shopper was last told by a message: the first estimate, or the new date of the
 *                      last delay episode. An earlier estimate (good news) shows on the page but never lowers it;
 *                      null until the first estimate (the promised date stands in for it)
 * @param episode       the current delay episode (part of the DELAYED ledger key): the new date told, or
 *                      {@code after-<date>} when the date held was missed or reported late without a new one;
 *                      null when never delayed
 * @param notice        what the current (or last) delay episode tells the shopper; null when never delayed
 */
public record DelayState(LocalDate firstEstimate, LocalDate toldDate, String episode, DelayNotice notice) {

    public static final DelayState NONE = new DelayState(null, null, null, null);

    public static DelayState orNone(DelayState s) {
        return s == null ? NONE : s;
    }
}
