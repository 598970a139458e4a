package io.ordertracker.domain.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One thing that happened to a merchant's orders, as counter increments on that merchant's daily aggregates
 * (docs/analytics.md). Recorded at most once per {@code factId}: the id names the happening itself (this shipment
 * delivered, this message sent), so a redelivered stream record, or the same transition seen in two writes, counts
 * once.
 *
 * @param merchantId whose aggregates (part of every key)
 * @param factId     what happened, e.g. {@code DELIVERED#<shipmentId>}; stored hashed
 * @param day        the UTC day it happened (from the event's own time, never the time it was processed)
 * @param groups     the aggregates it counts on: {@link #DAY} and, where known, {@code carrier#..}, {@code service#..},
 *                   {@code lane#..}
 * @param add        counter name to increment
 */
public record Fact(String merchantId, String factId, LocalDate day, List<String> groups, Map<String, Long> add) {
    /** The group every fact counts on: the merchant's whole day. */
    public static final String DAY = "day";

    public Fact {
        groups = List.copyOf(groups);
        add = Map.copyOf(add);
        if (groups.isEmpty() || groups.size() > 8) {
            throw new IllegalArgumentException("a fact counts on 1 to 8 groups");
        }
    }
}
