package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
    static APIGatewayV2HTTPEvent event(String body, boolean base64, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setBody(body);
        e.setIsBase64Encoded(base64);
        e.setHeaders(headers);
        return e;
    }

    static JsonNode problem(APIGatewayV2HTTPResponse r) throws Exception {
        assertThat(r.getHeaders()).containsEntry("Content-Type", HttpResponses.PROBLEM_JSON);
        return new ObjectMapper().readTree(r.getBody());
    }

    @Test
    void headersAreCaseInsensitiveAndMissingHeadersAreNull() {
        HttpRequest r = HttpRequest.of(event(null, false, Map.of("Idempotency-Key", "abc")));
        assertThat(r.header("idempotency-key")).isEqualTo("abc");
        assertThat(r.header("IDEMPOTENCY-KEY")).isEqualTo("abc");
        assertThat(r.header("accept")).isNull();

        HttpRequest none = HttpRequest.of(event(null, false, null));
        assertThat(none.header("accept")).isNull();
        assertThat(none.headers()).isEmpty();
    }

    @Test
    void pathParametersRouteKeyAndDomainTolerateAnEmptyEvent() {
        HttpRequest empty = HttpRequest.of(new APIGatewayV2HTTPEvent());
        assertThat(empty.pathParameter("orderNumber")).isNull();
        assertThat(empty.routeKey()).isEmpty();
        assertThat(empty.domainName()).isNull();
        assertThat(empty.merchantId()).isNull();

        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setPathParameters(Map.of("orderNumber", "1001"));
        e.setRouteKey("GET /v1/orders/{orderNumber}");
        e.setRequestContext(RequestContext.builder().withDomainName("api.example.com").build());
        HttpRequest r = HttpRequest.of(e);
        assertThat(r.pathParameter("orderNumber")).isEqualTo("1001");
        assertThat(r.pathParameter("shipmentId")).isNull();
        assertThat(r.routeKey()).isEqualTo("GET /v1/orders/{orderNumber}");
        assertThat(r.domainName()).isEqualTo("api.example.com");
    }

    static HttpRequest withAuthorizerContext(Map<String, Object> lambda) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRequestContext(RequestContext.builder().withAuthorizer(
                RequestContext.Authorizer.builder().withLambda(lambda).build()).build());
        return HttpRequest.of(e);
    }

    @Test
    void theMerchantIdComesFromTheLambdaAuthorizerContextAndMustBeANonBlankString() {
        assertThat(withAuthorizerContext(Map.of("merchantId", "m_123")).merchantId()).isEqualTo("m_123");
        assertThat(withAuthorizerContext(Map.of("merchantId", " ")).merchantId()).isNull();
        assertThat(withAuthorizerContext(Map.of("merchantId", 42)).merchantId()).isNull();
        assertThat(withAuthorizerContext(Map.of("other", "m_123")).merchantId()).isNull();
        assertThat(withAuthorizerContext(null).merchantId()).isNull();
        assertThat(withAuthorizerContext(Map.of("plan", "pro")).authorizerContext("plan")).isEqualTo("pro");
    }

    @Test
    void aPlainBodyIsReturnedAsIsAndNoBodyIsEmpty() {
        RequestBody b = HttpRequest.of(event("{\"a\":\"é\"}", false, Map.of())).body(100);
        assertThat(b.ok()).isTrue();
        assertThat(b.text()).isEqualTo("{\"a\":\"é\"}");
        assertThat(b.problem()).isNull();

        RequestBody none = HttpRequest.of(event(null, false, Map.of())).body(100);
        assertThat(none.ok()).isTrue();
        assertThat(none.text()).isEmpty();
    }

    @Test
    void aBase64BodyIsDecoded() {
        String encoded = Base64.getEncoder().encodeToString("{\"city\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8));
        RequestBody b = HttpRequest.of(event(encoded, true, Map.of())).body(100);
        assertThat(b.ok()).isTrue();
        assertThat(b.text()).isEqualTo("{\"city\":\"Zürich\"}");
    }

    @Test
    void badBase64IsA400NamingTheBody() throws Exception {
        RequestBody b = HttpRequest.of(event("not base64!", true, Map.of())).body(100);
        assertThat(b.ok()).isFalse();
        assertThat(b.text()).isNull();
        assertThat(b.problem().getStatusCode()).isEqualTo(400);
        JsonNode p = problem(b.problem());
        assertThat(p.path("type").asText()).isEqualTo(HttpResponses.PROBLEM_BASE + "validation");
        assertThat(p.path("field").asText()).isEqualTo("body");
        assertThat(p.path("detail").asText()).contains("base64");
    }

    @Test
    void invalidUtf8IsA400NamingTheBodyWhetherBase64OrNot() throws Exception {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        RequestBody encoded = HttpRequest.of(event(Base64.getEncoder().encodeToString(latin1), true, Map.of())).body(100);
        assertThat(encoded.problem().getStatusCode()).isEqualTo(400);
        assertThat(problem(encoded.problem()).path("field").asText()).isEqualTo("body");
        assertThat(problem(encoded.problem()).path("detail").asText()).contains("UTF-8");

        RequestBody plain = HttpRequest.of(event("caf\u00e9", false, Map.of())).body(100);
        assertThat(plain.text()).isEqualTo("café");
    }

    @Test
    void theSizeLimitCountsDecodedBytesAndIsInclusive() throws Exception {
        assertThat(HttpRequest.of(event("x".repeat(10), false, Map.of())).body(10).ok()).isTrue();
        RequestBody over = HttpRequest.of(event("x".repeat(11), false, Map.of())).body(10);
        assertThat(over.problem().getStatusCode()).isEqualTo(413);
        JsonNode p = problem(over.problem());
        assertThat(p.path("type").asText()).isEqualTo(HttpResponses.PROBLEM_BASE + "payload-too-large");
        assertThat(p.path("field").asText()).isEqualTo("body");
        assertThat(p.path("detail").asText()).isEqualTo("The body must be at most 10 bytes.");

        // five two-byte characters: 5 chars but 10 bytes
        assertThat(HttpRequest.of(event("ééééé", false, Map.of())).body(9).problem().getStatusCode()).isEqualTo(413);
        // 12 base64 characters decode to 9 bytes
        String nine = Base64.getEncoder().encodeToString("123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(HttpRequest.of(event(nine, true, Map.of())).body(9).ok()).isTrue();
        assertThat(HttpRequest.of(event(nine, true, Map.of())).body(8).problem().getStatusCode()).isEqualTo(413);
    }

    @Test
    void aJsonBodyNeedsAJsonContentTypeOrNone() throws Exception {
        assertThat(HttpRequest.of(event("{}", false, Map.of())).jsonBody(100).text()).isEqualTo("{}");
        assertThat(HttpRequest.of(event("{}", false, null)).jsonBody(100).ok()).isTrue();
        assertThat(HttpRequest.of(event("{}", false, Map.of("Content-Type", "application/json; charset=utf-8")))
                .jsonBody(100).ok()).isTrue();
        assertThat(HttpRequest.of(event("{}", false, Map.of("content-type", " APPLICATION/JSON ")))
                .jsonBody(100).ok()).isTrue();

        RequestBody form = HttpRequest.of(event("a=b", false, Map.of("content-type", "application/x-www-form-urlencoded")))
                .jsonBody(100);
        assertThat(form.problem().getStatusCode()).isEqualTo(415);
        JsonNode p = problem(form.problem());
        assertThat(p.path("type").asText()).isEqualTo(HttpResponses.PROBLEM_BASE + "unsupported-media-type");
        assertThat(p.path("field").asText()).isEqualTo("Content-Type");
        // the content type is judged before the body is decoded
        assertThat(HttpRequest.of(event("%%%", true, Map.of("content-type", "text/plain"))).jsonBody(100)
                .problem().getStatusCode()).isEqualTo(415);
        // body(...) alone does not look at the content type
        assertThat(HttpRequest.of(event("a=b", false, Map.of("content-type", "text/plain"))).body(100).ok()).isTrue();
    }

    @Test
    void thenCallsTheNextStepOnlyForAnAcceptedBody() {
        APIGatewayV2HTTPResponse accepted = HttpResponses.json(200, Map.of("ok", true));
        Map<String, String> seen = new HashMap<>();
        APIGatewayV2HTTPResponse r = HttpRequest.of(event("{}", false, Map.of())).body(10).then(text -> {
            seen.put("text", text);
            return accepted;
        });
        assertThat(r).isSameAs(accepted);
        assertThat(seen).containsEntry("text", "{}");

        seen.clear();
        APIGatewayV2HTTPResponse refused = HttpRequest.of(event("{}", false, Map.of())).body(1).then(text -> {
            seen.put("text", text);
            return accepted;
        });
        assertThat(refused.getStatusCode()).isEqualTo(413);
        assertThat(seen).isEmpty();
    }
}
