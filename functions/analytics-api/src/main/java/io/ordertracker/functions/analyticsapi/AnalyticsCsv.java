package io.ordertracker.functions.analyticsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.analytics.Figures;
import io.ordertracker.domain.analytics.NotificationFigures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /v1/analytics} as CSV (RFC 4180, {@code Accept: text/csv}): one line for the totals ({@code key} =
 * {@code total}), then one per row; the scalar figures only (the breakdowns by reason, channel or milestone are in
 * the JSON). Cells that a spreadsheet would run as a formula are prefixed with {@code '}.
 */
final class AnalyticsCsv {
    static final Map<String, Function<Figures, Object>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("orders", Figures::orders);
        COLUMNS.put("shipments", Figures::shipments);
        COLUMNS.put("delivered", Figures::delivered);
        COLUMNS.put("onTimeJudged", Figures::onTimeJudged);
        COLUMNS.put("onTimeRate", Figures::onTimeRate);
        COLUMNS.put("estimated", Figures::estimated);
        COLUMNS.put("estimateExactRate", Figures::estimateExactRate);
        COLUMNS.put("estimateMeanErrorDays", Figures::estimateMeanErrorDays);
        COLUMNS.put("transitP50Days", Figures::transitP50Days);
        COLUMNS.put("transitP90Days", Figures::transitP90Days);
        COLUMNS.put("scanned", Figures::scanned);
        COLUMNS.put("scannedWithin24hRate", Figures::scannedWithin24hRate);
        COLUMNS.put("exceptions", Figures::exceptions);
        COLUMNS.put("delays", Figures::delays);
        COLUMNS.put("stalls", Figures::stalls);
        COLUMNS.put("messages", Figures::messages);
        COLUMNS.put("inquiries", Figures::inquiries);
        COLUMNS.put("inquiriesPer100Orders", Figures::inquiriesPer100Orders);
        COLUMNS.put("pageViews", Figures::pageViews);
        COLUMNS.put("ordersViewed", Figures::ordersViewed);
        COLUMNS.put("ordersViewedShare", Figures::ordersViewedShare);
        COLUMNS.put("unsubscribes", Figures::unsubscribes);
        notificationColumns();
    }

    /** email* and sms* columns: what became of each channel's messages (blank rates, zero counts when none). */
    private static void notificationColumns() {
        Map<String, Function<NotificationFigures, Object>> figures = new LinkedHashMap<>();
        figures.put("Sent", NotificationFigures::sent);
        figures.put("Delivered", NotificationFigures::delivered);
        figures.put("Bounced", NotificationFigures::bounced);
        figures.put("Complained", NotificationFigures::complained);
        figures.put("Failed", NotificationFigures::failed);
        figures.put("Opened", NotificationFigures::opened);
        figures.put("Clicked", NotificationFigures::clicked);
        figures.put("DeliveryRate", NotificationFigures::deliveryRate);
        figures.put("BounceRate", NotificationFigures::bounceRate);
        figures.put("ComplaintRate", NotificationFigures::complaintRate);
        figures.put("OpenRate", NotificationFigures::openRate);
        figures.put("ClickRate", NotificationFigures::clickRate);
        for (Channel channel : Channel.values()) {
            String prefix = channel.name().toLowerCase(java.util.Locale.ROOT);
            figures.forEach((name, figure) -> COLUMNS.put(prefix + name, f -> {
                NotificationFigures n = f.notifications() == null ? null : f.notifications().get(channel.name());
                return n == null ? (name.endsWith("Rate") ? null : 0L) : figure.apply(n);
            }));
        }
    }

    private AnalyticsCsv() {
    }

    static APIGatewayV2HTTPResponse response(AnalyticsReport report) {
        StringBuilder csv = new StringBuilder("key");
        COLUMNS.keySet().forEach(c -> csv.append(',').append(c));
        csv.append("\r\n");
        line(csv, "total", report.totals());
        report.rows().forEach(r -> line(csv, r.key(), r.figures()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/csv; charset=utf-8");
        headers.put("Content-Disposition", "attachment; filename=\"analytics-" + report.from() + "-" + report.to()
                + "-" + report.groupBy().wire() + ".csv\"");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(csv.toString())
                .build();
    }

    private static void line(StringBuilder csv, String key, Figures f) {
        csv.append(cell(key));
        for (Function<Figures, Object> column : COLUMNS.values()) {
            Object v = column.apply(f);
            csv.append(',').append(v == null ? "" : cell(v.toString()));
        }
        csv.append("\r\n");
    }

    static String cell(String text) {
        String t = !text.isEmpty() && List.of('=', '+', '-', '@', '\t', '\r').contains(text.charAt(0))
                && !text.matches("-?[0-9.]+") ? "'" + text : text;
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")
                ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
