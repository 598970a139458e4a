package io.ordertracker.functions.merchantdashboard;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.Figures;
import io.ordertracker.domain.merchants.Branding;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What the dashboard shows, computed from the two reports of one read of the aggregates (by day and by carrier,
 * {@link AnalyticsReport#build}): headline tiles, the day-by-day trend as bar geometry for inline SVG with a data
 * table beside it, and the per-carrier comparison. Everything here is text or numbers for the template, which escapes
 * every value; the charts are rectangles computed here, so no markup is ever built from data.
 */
record DashboardView(Branding brand, String title, String from, String to, String periodText, String expiresText,
                     List<Tile> headline, List<Count> inquiriesByTold, List<Count> exceptionsByReason,
                     List<Count> delaysByReason, List<Count> messagesByChannel, List<Chart> charts,
                     List<DayRow> days, List<CarrierRow> carriers, Chart carrierChart,
                     List<OutcomeRow> outcomes) {

    static final Locale LOCALE = Locale.US;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", LOCALE);
    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", LOCALE);
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 160;

    /** @param figure the name of the figure in GET /v1/analytics (data-figure), so tests can match them */
    record Tile(String figure, String label, String value, String rawValue, String detail) {
    }

    record Count(String label, String value, String detail) {
    }

    record Bar(String x, String y, String width, String height, String label) {
    }

    record Chart(String id, String title, String summary, String maxLabel, String firstLabel, String lastLabel,
                 int width, int height, List<Bar> bars) {
    }

    record DayRow(String day, String orders, String shipments, String delivered, String onTimeRate, String exceptions,
                  String inquiries) {
    }

    record CarrierRow(String carrier, String shipments, String delivered, String onTimeRate, String transitP50,
                      String transitP90, String exceptions, String delays) {
    }

    /** What became of one channel's messages (NotificationFigures), formatted. */
    record OutcomeRow(String channel, String sent, String delivered, String deliveryRate, String bounced,
                      String complained, String failed, String opened, String openRate, String clicked,
                      String clickRate) {
        static List<OutcomeRow> of(Figures t) {
            List<OutcomeRow> rows = new ArrayList<>();
            if (t.notifications() != null) {
                t.notifications().forEach((channel, n) -> rows.add(new OutcomeRow(channelLabel(channel),
                        number(n.sent()), number(n.delivered()), percent(n.deliveryRate()), number(n.bounced()),
                        number(n.complained()), number(n.failed()), number(n.opened()), percent(n.openRate()),
                        number(n.clicked()), percent(n.clickRate()))));
            }
            return rows;
        }
    }

    /** Whether the outcomes table has a row (an empty table is not shown). */
    public boolean hasOutcomes() {
        return !outcomes.isEmpty();
    }

    static DashboardView of(Branding brand, AnalyticsReport byDay, AnalyticsReport byCarrier, Instant expiresAt) {
        Figures t = byDay.totals();
        String who = brand.hasName() ? brand.name() : "Your store";
        List<Tile> headline = List.of(
                tile("orders", "Orders", t.orders(), null),
                tile("shipments", "Parcels shipped", t.shipments(), null),
                tile("delivered", "Delivered", t.delivered(), null),
                new Tile("onTimeRate", "On time", percent(t.onTimeRate()), raw(t.onTimeRate()),
                        "of " + number(t.onTimeJudged()) + " deliveries with a promised or estimated date"),
                new Tile("inquiriesPer100Orders", "Inquiries per 100 orders", decimal(t.inquiriesPer100Orders()),
                        raw(t.inquiriesPer100Orders()), number(t.inquiries()) + " inquiries in all"),
                new Tile("transitP50Days", "Transit, median", days(t.transitP50Days()), raw(t.transitP50Days()),
                        "pickup to delivery"),
                new Tile("transitP90Days", "Transit, 90th percentile", days(t.transitP90Days()),
                        raw(t.transitP90Days()), "9 in 10 parcels arrive within this"),
                tile("exceptions", "Exceptions", t.exceptions(), "failed attempts, address problems, returns, losses"),
                tile("delays", "Delays", t.delays(), "parcels announced late"),
                tile("messages", "Messages sent", t.messages(), "emails and text messages to shoppers"),
                tile("pageViews", "Tracking page views", t.pageViews(), "visits, one per order per 30 minutes"),
                new Tile("ordersViewedShare", "Orders whose page was viewed", percent(t.ordersViewedShare()),
                        raw(t.ordersViewedShare()), number(t.ordersViewed()) + " orders viewed"),
                tile("unsubscribes", "Unsubscribes", t.unsubscribes(), "shoppers who stopped every email"));
        List<Count> told = new ArrayList<>();
        t.inquiriesByTold().forEach((k, v) -> told.add(new Count(toldLabel(k), number(v),
                t.orders() == 0 ? "" : decimal(Math.round(10_000.0 * v / t.orders()) / 100.0) + " per 100 orders")));
        List<Count> messages = new ArrayList<>();
        t.messagesSent().forEach((channel, byMilestone) -> messages.add(new Count(channelLabel(channel),
                number(byMilestone.values().stream().mapToLong(Long::longValue).sum()), "")));
        return new DashboardView(brand, who + ": delivery dashboard", byDay.from().toString(), byDay.to().toString(),
                DAY.format(byDay.from()) + " to " + DAY.format(byDay.to()),
                DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", LOCALE).format(expiresAt.atZone(ZoneOffset.UTC)),
                headline, told, reasons(t.exceptionsByReason()), reasons(t.delaysByReason()), messages,
                List.of(trend("orders-chart", "Orders per day", "orders", byDay, Figures::orders),
                        trend("delivered-chart", "Deliveries per day", "deliveries", byDay, Figures::delivered)),
                byDay.rows().stream().map(r -> new DayRow(r.key(), number(r.figures().orders()),
                        number(r.figures().shipments()), number(r.figures().delivered()),
                        percent(r.figures().onTimeRate()), number(r.figures().exceptions()),
                        number(r.figures().inquiries()))).toList(),
                byCarrier.rows().stream().map(r -> new CarrierRow(carrierName(r.key()), number(r.figures().shipments()),
                        number(r.figures().delivered()), percent(r.figures().onTimeRate()),
                        days(r.figures().transitP50Days()), days(r.figures().transitP90Days()),
                        number(r.figures().exceptions()), number(r.figures().delays()))).toList(),
                carrierChart(byCarrier), OutcomeRow.of(t));
    }

    /** One bar per day of the period, days without aggregates at zero, scaled to the busiest day. */
    static Chart trend(String id, String title, String noun, AnalyticsReport byDay, ToLongFunction<Figures> value) {
        Map<String, Long> byKey = new HashMap<>();
        byDay.rows().forEach(r -> byKey.put(r.key(), value.applyAsLong(r.figures())));
        List<LocalDate> period = byDay.from().datesUntil(byDay.to().plusDays(1)).toList();
        long max = Math.max(1, byKey.values().stream().mapToLong(Long::longValue).max().orElse(0));
        double slot = (double) CHART_WIDTH / period.size();
        List<Bar> bars = new ArrayList<>();
        long total = 0;
        LocalDate busiest = null;
        long busiestValue = 0;
        for (int i = 0; i < period.size(); i++) {
            long v = byKey.getOrDefault(period.get(i).toString(), 0L);
            total += v;
            if (v > busiestValue) {
                busiestValue = v;
                busiest = period.get(i);
            }
            if (v > 0) {
                double h = (double) CHART_HEIGHT * v / max;
                bars.add(new Bar(coord(i * slot + slot * 0.1), coord(CHART_HEIGHT - h), coord(slot * 0.8), coord(h),
                        DAY.format(period.get(i)) + ": " + number(v) + " " + noun));
            }
        }
        String summary = number(total) + " " + noun + " from " + DAY.format(byDay.from()) + " to "
                + DAY.format(byDay.to()) + (busiest == null ? "; none on any day."
                : "; the most on " + DAY.format(busiest) + " (" + number(busiestValue) + ").");
        return new Chart(id, title, summary, number(max), SHORT_DAY.format(byDay.from()), SHORT_DAY.format(byDay.to()),
                CHART_WIDTH, CHART_HEIGHT, bars);
    }

    /** Horizontal bars: each carrier's on-time rate out of 100%. */
    static Chart carrierChart(AnalyticsReport byCarrier) {
        int rowHeight = 28;
        List<Bar> bars = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (AnalyticsReport.Row r : byCarrier.rows()) {
            Double rate = r.figures().onTimeRate();
            String name = carrierName(r.key());
            parts.add(name + " " + (rate == null ? "not judged" : percent(rate)));
            if (rate != null && rate > 0) {
                bars.add(new Bar("0", coord(i * rowHeight + 4.0), coord(CHART_WIDTH * rate), coord(rowHeight - 8.0),
                        name + ": " + percent(rate) + " on time"));
            }
            i++;
        }
        String summary = parts.isEmpty() ? "No deliveries to compare." : "On time by carrier: " + String.join(", ", parts) + ".";
        return new Chart("carrier-chart", "On time by carrier", summary, "100%", "0%", "100%", CHART_WIDTH,
                Math.max(rowHeight, i * rowHeight), bars);
    }

    private static Tile tile(String figure, String label, long value, String detail) {
        return new Tile(figure, label, number(value), Long.toString(value), detail);
    }

    private static List<Count> reasons(Map<String, Long> byReason) {
        // NONE: a delay the carrier announced without saying why
        return byReason.entrySet().stream().map(e -> new Count(e.getKey().equals("NONE") ? "No reason given"
                : humanize(e.getKey()), number(e.getValue()), "")).toList();
    }

    static String carrierName(String code) {
        return Arrays.stream(Carrier.values()).filter(c -> c.code().equals(code)).findFirst()
                .map(Carrier::displayName).orElse(code);
    }

    private static String toldLabel(String wire) {
        return switch (wire) {
            case "nothing" -> "Told nothing yet";
            case "delay-notice" -> "After a delay notice";
            case "exception-notice" -> "After an exception notice";
            default -> wire;
        };
    }

    private static String channelLabel(String channel) {
        return switch (channel) {
            case "EMAIL" -> "Email";
            case "SMS" -> "Text message (SMS)";
            default -> humanize(channel);
        };
    }

    static String humanize(String constant) {
        String words = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String number(long v) {
        return NumberFormat.getIntegerInstance(LOCALE).format(v);
    }

    static String percent(Double rate) {
        return rate == null ? "n/a" : decimal(Math.round(rate * 1000) / 10.0) + "%";
    }

    static String decimal(Double v) {
        if (v == null) {
            return "n/a";
        }
        NumberFormat f = NumberFormat.getNumberInstance(LOCALE);
        f.setMaximumFractionDigits(1);
        return f.format(v);
    }

    private static String days(Integer d) {
        return d == null ? "n/a" : d + (d == 1 ? " day" : " days");
    }

    private static String raw(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String coord(double v) {
        return String.format(LOCALE, "%.2f", v);
    }
}
