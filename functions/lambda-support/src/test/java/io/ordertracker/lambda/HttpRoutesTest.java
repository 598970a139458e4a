package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final HttpRoutes routes = HttpRoutes.builder()
            .route("POST /v1/orders", r -> HttpResponses.json(201, Map.of("route", "create")))
            .route("GET /v1/orders/{orderNumber}", r -> HttpResponses.json(200, Map.of("order", r.pathParameter("orderNumber"))))
            .build();

    static HttpRequest request(String routeKey, Map<String, String> path) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey(routeKey);
        e.setPathParameters(path);
        return HttpRequest.of(e);
    }

    @Test
    void aKnownRouteKeyReachesItsHandlerWithTheRequest() {
        APIGatewayV2HTTPResponse created = routes.dispatch(request("POST /v1/orders", null));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getBody()).isEqualTo("{\"route\":\"create\"}");

        APIGatewayV2HTTPResponse got = routes.dispatch(request("GET /v1/orders/{orderNumber}", Map.of("orderNumber", "1001")));
        assertThat(got.getStatusCode()).isEqualTo(200);
        assertThat(got.getBody()).isEqualTo("{\"order\":\"1001\"}");
        assertThat(routes.routeKeys()).containsExactlyInAnyOrder("POST /v1/orders", "GET /v1/orders/{orderNumber}");
    }

    @Test
    void anUnknownRouteKeyIsA404ProblemNamingThePath() throws Exception {
        for (String key : new String[] {"DELETE /v1/orders", "get /v1/orders/{orderNumber}", "GET /v1/orders/1001"}) {
            APIGatewayV2HTTPResponse r = routes.dispatch(request(key, null));
            assertThat(r.getStatusCode()).as(key).isEqualTo(404);
            assertThat(r.getHeaders()).containsEntry("Content-Type", HttpResponses.PROBLEM_JSON);
            JsonNode p = MAPPER.readTree(r.getBody());
            assertThat(p.path("type").asText()).isEqualTo(HttpResponses.PROBLEM_BASE + "not-found");
            assertThat(p.path("title").asText()).isEqualTo("Not found");
            assertThat(p.path("field").asText()).isEqualTo("path");
            assertThat(p.path("detail").asText()).isEqualTo("No such route: " + key);
        }
        JsonNode none = MAPPER.readTree(routes.dispatch(request(null, null)).getBody());
        assertThat(none.path("status").asInt()).isEqualTo(404);
        assertThat(none.path("detail").asText()).isEqualTo("No such route: ");
    }

    @Test
    void aRouteKeyMayBeRegisteredOnceAndMustLookLikeOne() {
        HttpRoutes.Handler h = r -> HttpResponses.json(200, Map.of());
        assertThatThrownBy(() -> HttpRoutes.builder().route("GET /a", h).route("GET /a", h))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> HttpRoutes.builder().route("/a", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRoutes.builder().route("GET /a", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpRoutes.builder().route("$default", h).build().routeKeys()).containsExactly("$default");
    }
}
