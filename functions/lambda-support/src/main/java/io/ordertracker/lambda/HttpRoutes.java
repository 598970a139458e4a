package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A routing table from API Gateway route keys ({@code "GET /v1/orders/{orderNumber}"}) to handlers. A route key the
 * table does not know is answered 404 problem+json naming {@code path}.
 */
public final class HttpRoutes {
    /** One route's handler. */
    @FunctionalInterface
    public interface Handler {
        APIGatewayV2HTTPResponse handle(HttpRequest request);
    }

    private final Map<String, Handler> routes;

    private HttpRoutes(Map<String, Handler> routes) {
        this.routes = Map.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registered route keys. */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    public APIGatewayV2HTTPResponse dispatch(HttpRequest request) {
        String routeKey = request.routeKey();
        Handler handler = routes.get(routeKey);
        if (handler == null) {
            return HttpResponses.problem(404, "not-found", "Not found", "path", "No such route: " + routeKey);
        }
        return handler.handle(request);
    }

    /** Collects routes; a route key registered twice is a programming error. */
    public static final class Builder {
        private final Map<String, Handler> routes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder route(String routeKey, Handler handler) {
            if (routeKey == null || !routeKey.matches("\\$default|[A-Z]+ /\\S*") || handler == null) {
                throw new IllegalArgumentException("a route is 'METHOD /path' or $default, with a handler: " + routeKey);
            }
            if (routes.putIfAbsent(routeKey, handler) != null) {
                throw new IllegalArgumentException("route registered twice: " + routeKey);
            }
            return this;
        }

        public HttpRoutes build() {
            return new HttpRoutes(routes);
        }
    }

    /**
     * A {@link Priming} step: a read through this table (routing, request parsing, the handler's DynamoDB read and
     * its JSON answer) for a merchant that does not exist ({@link PrimingEvents}), so nothing is found or changed.
     */
    public Priming.Step priming(String routeKey) {
        return Priming.step(routeKey, () -> dispatch(HttpRequest.of(PrimingEvents.get(routeKey))));
    }
}
