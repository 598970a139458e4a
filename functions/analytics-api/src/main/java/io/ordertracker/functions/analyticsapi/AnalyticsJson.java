package io.ordertracker.functions.analyticsapi;

import io.ordertracker.domain.analytics.AnalyticsReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of {@code GET /v1/analytics} (schema AnalyticsReport in docs/openapi.yaml); null rates are left out. */
final class AnalyticsJson {
    private AnalyticsJson() {
    }

    static Map<String, Object> of(AnalyticsReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", report.from().toString());
        out.put("to", report.to().toString());
        out.put("groupBy", report.groupBy().wire());
        out.put("totals", report.totals());
        out.put("rows", report.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", r.key());
            row.put("figures", r.figures());
            return row;
        }).toList());
        return out;
    }
}
