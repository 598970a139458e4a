package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.domain.orders.TrackingPageReader;
import io.ordertracker.domain.orders.TrackingPageReader.TrackingPageData;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The shopper's tracking page, {@code GET /t/{token}}: server-rendered HTML (no JavaScript), or the same facts as
 * JSON for {@code Accept: application/json}. Public (no authorizer): the unguessable token is the only key, so it
 * is never logged and never sent on to other sites (Referrer-Policy: no-referrer).
 */
public class TrackingPageFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingPageFunction.class);

    private final TrackingPageReader source;
    private final Clock clock;
    private final PageRenderer renderer = new PageRenderer();
    @SuppressWarnings("unused")
    private final Priming priming;

    public TrackingPageFunction() {
        TrackingPageReader reader = TrackingTable.fromEnvironment().trackingPages();
        this.source = reader;
        this.clock = Clocks.fromEnvironment();
        // Prime the SDK's query path and the templates before the SnapStart snapshot: an unknown token is a
        // single index query that returns nothing.
        this.priming = Priming.register(() -> {
            reader.read("primingprimingprimingprimingprim", Instant.now());
            renderer.message(PageText.forLanguageTag(null), "label.notFoundTitle", "label.notFoundText");
        });
    }

    public TrackingPageFunction(TrackingPageReader source, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Telemetry.around(context, () -> {
            try {
                return respond(event);
            } catch (RuntimeException e) {
                LOG.error("tracking page failure", e);
                Telemetry.metrics().addMetric("TrackingPageFailure", 1, MetricUnit.COUNT);
                PageText text = PageText.forLanguageTag(PageResponses.preferredLanguage(header(event, "accept-language")));
                return PageResponses.error(renderer.message(text, "label.errorTitle", "label.errorText"));
            } finally {
                MDC.clear();
            }
        });
    }

    private APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event) {
        String token = event.getPathParameters() == null ? null : event.getPathParameters().get("token");
        boolean json = PageResponses.prefersJson(header(event, "accept"));
        Optional<TrackingPageData> data = source.read(token, clock.instant());
        if (data.isEmpty()) {
            Telemetry.metrics().addMetric("TrackingPageNotFound", 1, MetricUnit.COUNT);
            PageText text = PageText.forLanguageTag(PageResponses.preferredLanguage(header(event, "accept-language")));
            return json ? PageResponses.notFoundJson(text)
                    : PageResponses.notFound(renderer.message(text, "label.notFoundTitle", "label.notFoundText"));
        }
        TrackingPageData page = data.get();
        MDC.put("merchantId", page.order().merchantId());
        MDC.put("shipmentId", page.shipmentId());
        Telemetry.metrics().addMetric("TrackingPageViews", 1, MetricUnit.COUNT);
        TrackingPageView view = TrackingPageView.of(page.merchant(), page.order(), page.shipments(), page.shipmentId());
        String ifNoneMatch = header(event, "if-none-match");
        if (json) {
            return PageResponses.json(Json.write(PageJson.of(view)), ifNoneMatch);
        }
        return PageResponses.html(renderer.page(view), ifNoneMatch);
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
