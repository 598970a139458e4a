package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.orders.TrackingPageReader.TrackingPageData;
import io.ordertracker.json.Json;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.Telemetry;
import java.util.Optional;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The answer to one page request: the page (HTML, or JSON for {@code Accept: application/json}, with ETag
 * revalidation), the not-found page in the browser's language, or the error page. Status codes and headers are
 * {@link PageResponses}'.
 */
final class PageResponder {
    private final PageRenderer renderer;
    private final LaneBaselines lanes;

    /** @param lanes the lane baselines for an estimate when no date was given, or null */
    PageResponder(PageRenderer renderer, LaneBaselines lanes) {
        this.renderer = renderer;
        this.lanes = lanes;
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
        if (json) {
            return PageResponses.json(Json.write(PageJson.of(view)), ifNoneMatch);
        }
        return PageResponses.html(renderer.page(view), ifNoneMatch);
    }

    APIGatewayV2HTTPResponse error(HttpRequest request) {
        return PageResponses.error(renderer.message(text(request), "label.errorTitle", "label.errorText"));
    }

    private static PageText text(HttpRequest request) {
        return PageText.forLanguageTag(PageResponses.preferredLanguage(request.header("accept-language")));
    }
}
