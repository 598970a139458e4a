package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Milestone;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/analytics}: a merchant's figures over a period, in total and per day, carrier, service, lane or
 * milestone, summed from the daily aggregates ({@link MerchantFacts#read}: one query).
 */
public record AnalyticsReport(LocalDate from, LocalDate to, GroupBy groupBy, Figures totals, List<Row> rows) {
    /** The longest period one report covers (one query of at most this many days of aggregates). */
    public static final int MAX_DAYS = 366;

    public enum GroupBy {
        DAY, CARRIER, SERVICE, LANE, MILESTONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param key the day (ISO), the carrier code, {@code carrier#service}, the lane key or the milestone */
    public record Row(String key, Figures figures) {
    }

    public static AnalyticsReport of(MerchantFacts facts, String merchantId, LocalDate from, LocalDate to,
                                     GroupBy groupBy) {
        return build(facts.read(merchantId, from, to), from, to, groupBy);
    }

    public static AnalyticsReport build(List<DayGroup> groups, LocalDate from, LocalDate to, GroupBy groupBy) {
        Map<String, Long> totals = new HashMap<>();
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        for (DayGroup g : groups) {
            if (g.group().equals(Fact.DAY)) {
                sum(totals, g.counters());
            }
            switch (groupBy) {
                case DAY -> {
                    if (g.group().equals(Fact.DAY)) {
                        sum(rows.computeIfAbsent(g.day().toString(), k -> new HashMap<>()), g.counters());
                    }
                }
                case MILESTONE -> {
                    if (g.group().equals(Fact.DAY)) {
                        for (Milestone m : Milestone.values()) {
                            Map<String, Long> only = new HashMap<>();
                            for (io.ordertracker.domain.Channel ch : io.ordertracker.domain.Channel.values()) {
                                long v = g.get(Counters.sent(ch, m));
                                if (v > 0) {
                                    only.merge(Counters.sent(ch, m), v, Long::sum);
                                    only.merge(Counters.MESSAGES, v, Long::sum);
                                }
                                for (NotificationOutcome.Kind k : NotificationOutcome.Kind.values()) {
                                    long o = g.get(Counters.outcome(k, ch, m)); // the milestone's notifications
                                    if (o > 0) {
                                        only.merge(Counters.outcome(k, ch, m), o, Long::sum);
                                    }
                                }
                            }
                            if (!only.isEmpty()) {
                                sum(rows.computeIfAbsent(m.name(), k -> new HashMap<>()), only);
                            }
                        }
                    }
                }
                default -> {
                    String prefix = groupBy.wire() + "#";
                    if (g.group().startsWith(prefix)) {
                        sum(rows.computeIfAbsent(g.group().substring(prefix.length()), k -> new HashMap<>()),
                                g.counters());
                    }
                }
            }
        }
        return new AnalyticsReport(from, to, groupBy, Figures.of(totals),
                rows.entrySet().stream().map(e -> new Row(e.getKey(), Figures.of(e.getValue()))).toList());
    }

    private static void sum(Map<String, Long> into, Map<String, Long> add) {
        add.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}
