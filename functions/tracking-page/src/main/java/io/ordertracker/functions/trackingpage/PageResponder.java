package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.orders.TrackingPageReader.TrackingPageData;
import io.ordertracker.json.Json;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.analytics.PageViews;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.Telemetry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The answer to one page request: the page (HTML, or JSON for {@code Accept: application/json}, with ETag
 * revalidation), the not-found page in the browser's language, or the error page. Status codes and headers are
 * {@link PageResponses}'. A page rendered is counted as the shopper's visit ({@link PageViews}) before it is sent.
 */
final class PageResponder {
    private static final Logger LOG = LoggerFactory.getLogger(PageResponder.class);
    private final PageRenderer renderer;
    private final LaneBaselines lanes;
    private final PageViews views;

    /**
     * @param lanes the lane baselines for an estimate when no date was given, or null
     * @param views where a shopper's visit is counted (the merchant's analytics)
     */
    PageResponder(PageRenderer renderer, LaneBaselines lanes, PageViews views) {
        this.renderer = renderer;
        this.lanes = lanes;
        this.views = views;
    }

    APIGatewayV2HTTPResponse respond(HttpRequest request, Optional<TrackingPageData> data) {
        boolean json = PageResponses.prefersJson(request.header("accept"));
        if (data.isEmpty()) {
            Telemetry.metrics().addMetric("TrackingPageNotFound", 1, MetricUnit.COUNT);
            PageText text = text(request);
            return json ? PageResponses.notFoundJson(text)
                    : PageResponses.notFound(renderer.message(text, "label.notFoundTitle", "label.notFoundText"));
        }
        TrackingPageData page = data.get();
        MDC.put("merchantId", page.order().merchantId());
        MDC.put("shipmentId", page.shipmentId());
        Telemetry.metrics().addMetric("TrackingPageViews", 1, MetricUnit.COUNT);
        TrackingPageView view = TrackingPageView.of(page.merchant(), page.order(), page.shipments(), page.shipmentId(),
                lanes == null ? null : lanes::expectation);
        String ifNoneMatch = request.header("if-none-match");
        APIGatewayV2HTTPResponse response = json ? PageResponses.json(Json.write(PageJson.of(view)), ifNoneMatch)
                : PageResponses.html(renderer.page(view), ifNoneMatch);
        count(request, page); // once the page is in hand: a page that failed to render is no visit
        return response;
    }

    /** The visit for the merchant's analytics; the shopper gets the page whether or not it could be counted. */
    private void count(HttpRequest request, TrackingPageData page) {
        try {
            views.view(request.method(), page.order().merchantId(), page.order().orderNumber());
        } catch (RuntimeException e) {
            LOG.warn("page view not counted: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
            Telemetry.metrics().addMetric("PageViewNotCounted", 1, MetricUnit.COUNT);
        }
    }

    APIGatewayV2HTTPResponse error(HttpRequest request) {
        return PageResponses.error(renderer.message(text(request), "label.errorTitle", "label.errorText"));
    }

    private static PageText text(HttpRequest request) {
        return PageText.forLanguageTag(PageResponses.preferredLanguage(request.header("accept-language")));
    }
}
