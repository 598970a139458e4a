package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.analytics.MerchantFacts;
import io.ordertracker.domain.analytics.PageViews;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.ShopperPreferences;
import io.ordertracker.domain.orders.TrackingPageReader;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.Priming;
import io.ordertracker.lambda.SafeErrors;
import io.ordertracker.lambda.Telemetry;
import io.ordertracker.storage.TrackingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The shopper's tracking page, {@code GET /t/{token}}: server-rendered HTML (no JavaScript), or the same facts as
 * JSON for {@code Accept: application/json}. Public (no authorizer): the unguessable token is the only key, so it
 * is never logged and never sent on to other sites (Referrer-Policy: no-referrer). Also the shopper's email choices,
 * {@code GET/POST /u/{token}} ({@link PreferencesPage}: unsubscribe, RFC 8058 one-click).
 */
public class TrackingPageFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingPageFunction.class);

    private final TrackingPageReader source;
    private final Clock clock;
    private final PageRenderer renderer = new PageRenderer();
    private final PageResponder responder;
    private final PreferencesPage preferences;
    @SuppressWarnings("unused") private Priming priming; // held so the SnapStart hook lives as long as the function

    public TrackingPageFunction() {
        this(TrackingTable.fromEnvironment(), Clocks.fromEnvironment());
        // Prime the SDK's query path and the templates before the SnapStart snapshot (an unknown token: one query).
        this.priming = Priming.register(Priming.step("query", () -> source.read("primingprimingprimingprimingprim", Instant.now())),
                Priming.step("render", () -> renderer.message(PageText.forLanguageTag(null), "label.notFoundTitle", "label.notFoundText")));
    }

    private TrackingPageFunction(TrackingTable table, Clock clock) {
        this(table.trackingPages(), table.preferences(), table.merchants(), clock,
                table.laneBaselines(clock, Duration.ofHours(1)), table.merchantFacts(clock));
    }

    /** For tests; {@code lanes} ("expected by" without a date) may be null; {@code facts} counts page views. */
    public TrackingPageFunction(TrackingPageReader source, ShopperPreferences shoppers, MerchantStore merchants,
                                Clock clock, LaneBaselines lanes, MerchantFacts facts) {
        this.source = source;
        this.clock = clock;
        this.responder = new PageResponder(renderer, lanes, new PageViews(facts, clock));
        this.preferences = new PreferencesPage(shoppers, merchants, clock, renderer);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = HttpRequest.of(event);
        return Telemetry.around(context, () -> {
            try {
                if (request.routeKey().endsWith(" /u/{token}")) {
                    return preferences.respond(request); // the shopper's email choices (unsubscribe)
                }
                return responder.respond(request, source.read(request.pathParameter("token"), clock.instant()));
            } catch (RuntimeException e) {
                LOG.error("tracking page failure: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
                Telemetry.metrics().addMetric("TrackingPageFailure", 1, MetricUnit.COUNT);
                return responder.error(request);
            }
        });
    }
}
