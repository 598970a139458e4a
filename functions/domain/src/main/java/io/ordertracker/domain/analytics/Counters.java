package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;

/** The counter names of the daily aggregates (attribute names of the stored items; docs/analytics.md). */
public final class Counters {
    public static final String ORDERS = "orders";
    public static final String SHIPMENTS = "shipments";
    /** Shipments whose first moving scan came (time to first scan counted in {@link #firstScanBucket}). */
    public static final String SCANNED = "scanned";
    /** ... within 24 hours of the shipment being posted to us. */
    public static final String SCANNED_WITHIN_24H = "scannedWithin24h";
    public static final String DELIVERED = "delivered";
    /** Deliveries with a promised date or a first estimate to judge them by, and those on or before it. */
    public static final String ON_TIME_JUDGED = "onTimeJudged";
    public static final String ON_TIME = "onTime";
    /** Deliveries with a first carrier estimate: exact, early, late, and the sum of |actual - estimate| in days. */
    public static final String ESTIMATED = "estimated";
    public static final String ESTIMATE_EXACT = "estimateExact";
    public static final String ESTIMATE_EARLY = "estimateEarly";
    public static final String ESTIMATE_LATE = "estimateLate";
    public static final String ESTIMATE_ERROR_DAYS = "estimateErrorDays";
    public static final String EXCEPTIONS = "exceptions";
    public static final String DELAYS = "delays";
    public static final String STALLS = "stalls";
    public static final String MESSAGES = "messages";
    public static final String INQUIRIES = "inquiries";
    public static final String PAGE_VIEWS = "pageViews";
    public static final String ORDERS_VIEWED = "ordersViewed";
    /** Shoppers who turned a channel off (per channel in {@link #unsubscribed}); {@link Unsubscribed}. */
    public static final String UNSUBSCRIBES = "unsubscribes";
    /** Upper bounds (hours, exclusive) of the time-to-first-scan buckets; the last bucket is everything beyond. */
    public static final int[] FIRST_SCAN_HOURS = {6, 12, 24, 48, 72};

    private Counters() {
    }

    /** Deliveries that took {@code day} whole days of transit ({@code t30}: 30 or more). */
    public static String transit(int day) {
        return "t" + day;
    }

    public static String firstScanBucket(long hours) {
        for (int i = 0; i < FIRST_SCAN_HOURS.length; i++) {
            if (hours < FIRST_SCAN_HOURS[i]) {
                return "fs" + i;
            }
        }
        return "fs" + FIRST_SCAN_HOURS.length;
    }

    public static String exception(ExceptionReason reason) {
        return "exc_" + reason.name();
    }

    public static String delay(ExceptionReason reason) {
        return "dly_" + reason.name();
    }

    public static String sent(Channel channel, Milestone milestone) {
        return "sent_" + channel.name() + "_" + milestone.name();
    }

    /** What became of the messages sent on a channel for a milestone ({@link NotificationOutcome}). */
    public static String outcome(NotificationOutcome.Kind kind, Channel channel, Milestone milestone) {
        return "out_" + kind.name() + "_" + channel.name() + "_" + milestone.name();
    }

    public static String inquiry(Inquiry.Told told) {
        return "inq_" + told.name();
    }

    public static String inquiryReason(Inquiry.Reason reason) {
        return "inqr_" + reason.name();
    }

    public static String unsubscribed(Channel channel) {
        return "unsub_" + channel.name();
    }
}
