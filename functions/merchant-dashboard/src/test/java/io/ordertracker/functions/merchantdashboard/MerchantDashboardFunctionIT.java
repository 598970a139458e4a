package io.ordertracker.functions.merchantdashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.DashboardLinks;
import io.ordertracker.domain.analytics.Fact;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MutableClock;
import io.ordertracker.local.emulators.OpenApiContract;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import io.ordertracker.storage.TrackingTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard link and page on DynamoDB Local: a signed link shows its merchant's figures (the same as
 * AnalyticsReport's, which GET /v1/analytics answers), the clock past its expiry gives 410, a tampered or foreign
 * token 404, never figures; merchant-supplied text is escaped; POST answers match docs/openapi.yaml.
 */
class MerchantDashboardFunctionIT {
    static final Path ROOT = SamTemplate.locate().toAbsolutePath().getParent();
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final OpenApiContract CONTRACT = new OpenApiContract(ROOT.resolve("docs/openapi.yaml"));
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Pattern FIGURE = Pattern.compile("data-figure=\"([A-Za-z0-9]+)\"><p class=\"tile-label\">[^<]*</p>"
            + "<data class=\"tile-value\" value=\"([^\"]*)\">");

    static {
        new LocalResources(SamTemplate.load(ROOT.resolve("template.yaml"))).createTables(CLIENT);
    }

    /** Moved by the test: expiry is judged by it, never by the wall clock. */
    final MutableClock clock = new MutableClock(NOW);
    final TrackingTable table = new TrackingTable(CLIENT, "TrackingTable");
    final DynamoDbMerchantFacts facts = table.merchantFacts(clock);
    final byte[] key = "test-signing-key-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
    final DashboardLinks links = new DashboardLinks(() -> key, clock);
    final MerchantDashboardFunction function = new MerchantDashboardFunction(links, facts, table.merchants(),
            table.merchantRateLimiter(new MerchantRateLimiter.Limit(0, 0), clock), "https://api.example");
    final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "");
    final String other = "m_" + UUID.randomUUID().toString().replace("-", "");

    record Answer(int status, String body, JsonNode json, Map<String, String> headers) {
    }

    Answer call(String routeKey, String merchantId, Map<String, String> path, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setPathParameters(path);
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        event.setHeaders(headers);
        event.setBody(body);
        APIGatewayV2HTTPEvent.RequestContext ctx = new APIGatewayV2HTTPEvent.RequestContext();
        if (merchantId != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer auth = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            auth.setLambda(Map.of("merchantId", merchantId));
            ctx.setAuthorizer(auth);
        }
        event.setRequestContext(ctx);
        APIGatewayV2HTTPResponse r = function.handleRequest(event, null);
        String type = r.getHeaders().get("Content-Type");
        JsonNode json = null;
        if (type != null && type.contains("json")) {
            json = Json.read(r.getBody(), JsonNode.class);
            CONTRACT.assertConforms(routeKey, r.getStatusCode(), type, json);
        }
        return new Answer(r.getStatusCode(), r.getBody(), json, r.getHeaders());
    }

    Answer createLink(String merchantId, String body) {
        return call("POST /v1/dashboard-links", merchantId, null, body);
    }

    Answer page(String token) {
        return call("GET /d/{token}", null, Map.of("token", token), null);
    }

    String token(Answer created) {
        String url = created.json().path("url").asText();
        assertThat(url).startsWith("https://api.example/d/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    void seed(String merchantId, String carrier, int orders, int delivered, int onTime) {
        LocalDate day = LocalDate.parse("2026-11-20");
        for (int i = 0; i < orders; i++) {
            facts.record(new Fact(merchantId, "ORDER#" + carrier + i, day, List.of(Fact.DAY), Map.of("orders", 1L)));
            facts.record(new Fact(merchantId, "SHIPMENT#" + carrier + i, day, List.of(Fact.DAY, "carrier#" + carrier),
                    Map.of("shipments", 1L)));
        }
        for (int i = 0; i < delivered; i++) {
            facts.record(new Fact(merchantId, "DELIVERED#" + carrier + i, day.plusDays(2),
                    List.of(Fact.DAY, "carrier#" + carrier), Map.of("delivered", 1L, "t2", 1L, "onTimeJudged", 1L,
                            "onTime", i < onTime ? 1L : 0L)));
        }
    }

    static Map<String, String> figuresShown(String html) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void aSignedLinkShowsItsMerchantsFiguresAsTheAnalyticsReportHasThem() {
        seed(merchant, "ups", 4, 3, 2);
        seed(merchant, "fedex", 2, 1, 1);
        LocalDate day = LocalDate.parse("2026-11-21");
        facts.record(new Fact(merchant, "VIEWS", day, List.of(Fact.DAY), Map.of("pageViews", 5L, "ordersViewed", 3L)));
        facts.record(new Fact(merchant, "UNSUB", day, List.of(Fact.DAY), Map.of("unsubscribes", 1L, "unsub_EMAIL", 1L)));

        Answer created = createLink(merchant, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofHours(1)).toString());
        Answer shown = page(token(created));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(shown.headers().get("Cache-Control")).isEqualTo("private, no-store");
        assertThat(shown.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(shown.headers().get("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'sha256-");
        assertThat(shown.body()).doesNotContain("<script");
        var totals = AnalyticsReport.of(facts, merchant, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                AnalyticsReport.GroupBy.DAY).totals();
        Map<String, String> figures = figuresShown(shown.body());
        assertThat(figures).containsEntry("orders", "6").containsEntry("shipments", "6").containsEntry("delivered", "4")
                .containsEntry("onTimeRate", String.valueOf(totals.onTimeRate()))
                .containsEntry("transitP50Days", String.valueOf(totals.transitP50Days()))
                .containsEntry("inquiriesPer100Orders", "0.0").containsEntry("pageViews", "5")
                .containsEntry("ordersViewedShare", "0.5").containsEntry("unsubscribes", "1");
        assertThat(totals.onTimeRate()).isEqualTo(0.75);
        assertThat(shown.body()).contains("<th scope=\"row\">UPS</th><td>4</td><td>3</td><td>66.7%</td>",
                "<th scope=\"row\">FedEx</th><td>2</td><td>1</td><td>100%</td>", "<title id=\"orders-chart-t\">",
                "<time datetime=\"2026-11-20\">2026-11-20</time>");
    }

    @Test
    void theNotificationOutcomesAreATablePerChannel() {
        LocalDate day = LocalDate.parse("2026-11-20");
        for (int i = 0; i < 4; i++) {
            facts.record(new Fact(merchant, "SENT#e" + i, day, List.of(Fact.DAY), Map.of("messages", 1L,
                    "sent_EMAIL_SHIPPED", 1L)));
        }
        facts.record(new Fact(merchant, "OUT#1", day, List.of(Fact.DAY), Map.of("out_DELIVERED_EMAIL_SHIPPED", 3L,
                "out_BOUNCED_PERMANENT_EMAIL_SHIPPED", 1L, "out_OPENED_EMAIL_SHIPPED", 2L,
                "out_CLICKED_EMAIL_SHIPPED", 1L)));

        String html = page(token(createLink(merchant, "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}"))).body();

        assertThat(html).contains("<caption id=\"outcomes-caption\">", "<th scope=\"col\">Delivery rate</th>",
                "<th scope=\"row\">Email</th><td>4</td><td>3</td><td>75%</td><td>1</td><td>0</td><td>0</td>"
                        + "<td>2</td><td>66.7%</td><td>1</td><td>33.3%</td>");
    }

    @Test
    void pastItsExpiryTheLinkShowsA410PageWithoutFigures() {
        seed(merchant, "ups", 3, 0, 0);
        String token = token(createLink(merchant, "{\"expiresInMinutes\":5}"));
        clock.set(NOW.plus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(page(token).status()).isEqualTo(200);

        clock.set(NOW.plus(Duration.ofMinutes(5)));
        Answer expired = page(token);

        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This dashboard link has expired").doesNotContain("data-figure");
        assertThat(expired.headers().get("Cache-Control")).isEqualTo("private, no-store");
    }

    @Test
    void aTamperedForeignOrGarbledTokenIsNotFoundAndShowsNothing() {
        seed(merchant, "ups", 5, 0, 0);
        String token = token(createLink(merchant, null));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        // the same signature on a grant for another merchant, and on a later expiry
        String otherMerchant = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(merchant, other).getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replaceFirst("\\|([0-9]{10})\\|", "|9999999999|").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        String foreignKey = new DashboardLinks(() -> "another-key-another-key-another-key-xx".getBytes(StandardCharsets.UTF_8),
                clock).issue(merchant, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), Duration.ofHours(1)).token();
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String bad : List.of(otherMerchant, later, foreignKey, flipped, "garbage", "a.b", token + "x")) {
            Answer r = page(bad);
            assertThat(r.status()).as(bad).isEqualTo(404);
            assertThat(r.body()).as(bad).contains("find this dashboard").doesNotContain("data-figure");
        }
        assertThat(page(token).status()).isEqualTo(200);
    }

    @Test
    void aMerchantsLinkNeverShowsAnotherMerchantsFigures() {
        seed(merchant, "ups", 7, 0, 0);
        Answer mine = page(token(createLink(merchant, null)));
        Answer theirs = page(token(createLink(other, null)));

        assertThat(figuresShown(mine.body())).containsEntry("orders", "7");
        assertThat(figuresShown(theirs.body())).containsEntry("orders", "0").containsEntry("shipments", "0");
    }

    @Test
    void merchantSuppliedNameAndColoursAreEscapedOrDropped() {
        table.merchants().createMerchant(new Merchant(merchant, "Plain", null, NOW));
        table.merchants().saveSettings(merchant, new MerchantSettings("<script>alert('x')</script>\"Evil & Co\"",
                "javascript:alert(1)", "#fff\"}</style><script>alert(1)</script>", null, null, null, null, null, 3));
        Answer shown = page(token(createLink(merchant, null)));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("<script", "javascript:", "</style><")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;Evil &amp; Co&quot;")
                .contains("--brand:" + io.ordertracker.domain.merchants.Branding.DEFAULT_PRIMARY);
    }

    @Test
    void theLinkTakesADefaultPeriodAndRefusesBadInputNamingTheField() {
        Answer defaults = createLink(merchant, null);
        assertThat(defaults.status()).isEqualTo(201);
        assertThat(defaults.json().path("from").asText()).isEqualTo("2026-11-01");
        assertThat(defaults.json().path("to").asText()).isEqualTo("2026-11-30");

        Map<String, String> fieldOf = Map.of(
                "{\"from\":\"2026-13-01\"}", "from",
                "{\"to\":\"yesterday\"}", "to",
                "{\"from\":\"2026-11-02\",\"to\":\"2026-11-01\"}", "to",
                "{\"from\":\"2024-01-01\",\"to\":\"2026-11-01\"}", "to",
                "{\"expiresInMinutes\":0}", "expiresInMinutes",
                "{\"expiresInMinutes\":1441}", "expiresInMinutes",
                "{\"expiresInMinutes\":\"60\"}", "expiresInMinutes",
                "{\"merchantId\":\"m_other\"}", "merchantId",
                "[1]", "body",
                "{", "body");
        fieldOf.forEach((body, field) -> {
            Answer r = createLink(merchant, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.json().path("field").asText()).as(body).isEqualTo(field);
        });
        assertThat(createLink(null, null).status()).isEqualTo(401);
    }
}
