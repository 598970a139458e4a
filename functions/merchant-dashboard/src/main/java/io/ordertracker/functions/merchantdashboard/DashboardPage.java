package io.ordertracker.functions.merchantdashboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.DashboardLinks;
import io.ordertracker.domain.analytics.DayGroup;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.merchants.Branding;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@code GET /d/{token}}: the merchant's dashboard, public like the tracking page (the signed token is the key, so
 * it is never logged and never sent on: Referrer-Policy no-referrer). A valid token shows the figures of its merchant
 * and period, read once from the aggregates and summed by {@link AnalyticsReport#build} as GET /v1/analytics sums
 * them; an expired one a 410 page, anything else a 404 page; neither shows any figure.
 */
final class DashboardPage {
    static final String HTML = "text/html; charset=utf-8";
    private final DashboardLinks links;
    private final MerchantFacts facts;
    private final MerchantStore merchants;
    private final DashboardRenderer renderer = new DashboardRenderer();

    DashboardPage(DashboardLinks links, MerchantFacts facts, MerchantStore merchants) {
        this.links = links;
        this.facts = facts;
        this.merchants = merchants;
    }

    APIGatewayV2HTTPResponse respond(HttpRequest request) {
        return switch (links.verify(request.pathParameter("token"))) {
            case DashboardLinks.Verdict.Valid v -> {
                DashboardLinks.Grant g = v.grant();
                MDC.put("merchantId", g.merchantId());
                Telemetry.metrics().addMetric("DashboardViews", 1, MetricUnit.COUNT);
                List<DayGroup> groups = facts.read(g.merchantId(), g.from(), g.to());
                DashboardView view = DashboardView.of(Branding.of(merchants.findMerchant(g.merchantId())),
                        AnalyticsReport.build(groups, g.from(), g.to(), AnalyticsReport.GroupBy.DAY),
                        AnalyticsReport.build(groups, g.from(), g.to(), AnalyticsReport.GroupBy.CARRIER), g.expiresAt());
                yield html(200, renderer.dashboard(view));
            }
            case DashboardLinks.Verdict.Expired e -> {
                Telemetry.metrics().addMetric("DashboardLinkExpired", 1, MetricUnit.COUNT);
                yield html(410, renderer.message("This dashboard link has expired",
                        "Dashboard links work for a limited time. Ask for a new one with POST /v1/dashboard-links."));
            }
            case DashboardLinks.Verdict.Invalid i -> {
                Telemetry.metrics().addMetric("DashboardLinkInvalid", 1, MetricUnit.COUNT);
                yield html(404, renderer.message("We can't find this dashboard",
                        "Check that the whole link was copied, or ask for a new one with POST /v1/dashboard-links."));
            }
        };
    }

    APIGatewayV2HTTPResponse error() {
        return html(500, renderer.message("Something went wrong", "The dashboard could not be shown; please try again."));
    }

    /**
     * Never stored by any cache (the figures change and the URL is a credential); no script, frame, form or plugin;
     * only the page's own hashed style block and https images (the merchant's logo).
     */
    static APIGatewayV2HTTPResponse html(int status, DashboardRenderer.Rendered page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", HTML);
        headers.put("Cache-Control", "private, no-store");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'sha256-" + page.styleHash()
                + "'; img-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Robots-Tag", "noindex, nofollow");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(page.html())
                .build();
    }
}
