package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.lanes.TransitHistogram;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one group over a period, from its summed counters (docs/analytics.md defines each). Rates are
 * null when nothing could be judged (no deliveries with a date to judge by, no orders).
 */
public record Figures(long orders, long shipments, long delivered, long onTimeJudged, Double onTimeRate,
                      long estimated, Double estimateExactRate, Double estimateMeanErrorDays,
                      Integer transitP50Days, Integer transitP90Days, long scanned, Double scannedWithin24hRate,
                      Map<String, Long> timeToFirstScan, long exceptions, Map<String, Long> exceptionsByReason,
                      long delays, Map<String, Long> delaysByReason, long stalls, long messages,
                      Map<String, Map<String, Long>> messagesSent, long inquiries, Double inquiriesPer100Orders,
                      Map<String, Long> inquiriesByTold, Map<String, Long> inquiriesByReason, long pageViews,
                      long ordersViewed, Double ordersViewedShare,
                      long unsubscribes, Map<String, Long> unsubscribesByChannel,
                      Map<String, NotificationFigures> notifications) {

    private static final String[] FIRST_SCAN_LABELS = {"under6h", "under12h", "under24h", "under48h", "under72h",
        "over72h"};

    public static Figures of(Map<String, Long> c) {
        long orders = get(c, Counters.ORDERS);
        long delivered = get(c, Counters.DELIVERED);
        long judged = get(c, Counters.ON_TIME_JUDGED);
        long estimated = get(c, Counters.ESTIMATED);
        long scanned = get(c, Counters.SCANNED);
        long[] transit = new long[TransitHistogram.LAST_BUCKET + 1];
        for (int d = 0; d < transit.length; d++) {
            transit[d] = get(c, Counters.transit(d));
        }
        TransitHistogram histogram = new TransitHistogram(transit);
        boolean anyTransit = histogram.total() > 0;
        Map<String, Long> firstScan = new java.util.LinkedHashMap<>();
        for (int i = 0; i < FIRST_SCAN_LABELS.length; i++) {
            firstScan.put(FIRST_SCAN_LABELS[i], get(c, "fs" + i));
        }
        Map<String, Long> exceptions = new TreeMap<>();
        Map<String, Long> delays = new TreeMap<>();
        for (ExceptionReason r : ExceptionReason.values()) {
            putPositive(exceptions, r.name(), get(c, Counters.exception(r)));
            putPositive(delays, r.name(), get(c, Counters.delay(r)));
        }
        Map<String, Map<String, Long>> sent = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            Map<String, Long> byMilestone = new TreeMap<>();
            for (Milestone m : Milestone.values()) {
                putPositive(byMilestone, m.name(), get(c, Counters.sent(ch, m)));
            }
            if (!byMilestone.isEmpty()) {
                sent.put(ch.name(), byMilestone);
            }
        }
        Map<String, Long> told = new java.util.LinkedHashMap<>();
        for (Inquiry.Told t : Inquiry.Told.values()) {
            told.put(t.wire(), get(c, Counters.inquiry(t)));
        }
        Map<String, Long> reasons = new java.util.LinkedHashMap<>();
        for (Inquiry.Reason r : Inquiry.Reason.values()) {
            reasons.put(r.wire(), get(c, Counters.inquiryReason(r)));
        }
        long inquiries = get(c, Counters.INQUIRIES);
        long viewed = get(c, Counters.ORDERS_VIEWED);
        return new Figures(orders, get(c, Counters.SHIPMENTS), delivered, judged,
                rate(get(c, Counters.ON_TIME), judged), estimated, rate(get(c, Counters.ESTIMATE_EXACT), estimated),
                rate(get(c, Counters.ESTIMATE_ERROR_DAYS), estimated),
                anyTransit ? histogram.percentile(50) : null, anyTransit ? histogram.percentile(90) : null,
                scanned, rate(get(c, Counters.SCANNED_WITHIN_24H), scanned), firstScan,
                get(c, Counters.EXCEPTIONS), exceptions, get(c, Counters.DELAYS), delays, get(c, Counters.STALLS),
                get(c, Counters.MESSAGES), sent, inquiries,
                orders == 0 ? null : round(100.0 * inquiries / orders), told, reasons,
                get(c, Counters.PAGE_VIEWS), viewed, rate(viewed, orders),
                get(c, Counters.UNSUBSCRIBES), unsubscribesByChannel(c),
                NotificationFigures.byChannel(c));
    }

    private static Map<String, Long> unsubscribesByChannel(Map<String, Long> c) {
        Map<String, Long> byChannel = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            putPositive(byChannel, ch.name(), get(c, Counters.unsubscribed(ch)));
        }
        return byChannel;
    }

    private static long get(Map<String, Long> c, String name) {
        return c.getOrDefault(name, 0L);
    }

    private static void putPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static Double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
