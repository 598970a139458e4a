package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
import static io.ordertracker.functions.trackingpage.PageFixtures.SHOPPER_EMAIL;
import static io.ordertracker.functions.trackingpage.PageFixtures.SHOPPER_NAME;
import static io.ordertracker.functions.trackingpage.PageFixtures.SHOPPER_PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.functions.trackingpage.Journeys.Journey;
import io.ordertracker.functions.trackingpage.Journeys.Seeded;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The page over real HTTP, on DynamoDB Local seeded through the real write path. */
class TrackingPageFunctionIT {
    private static final LocalPageServer SERVER = new LocalPageServer(PageFixtures.function());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = SamTemplate.locate().getParent();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(SERVER.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void rendersStatusProgressEtaAndHistoryWithoutShopperContactDetails() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, PageFixtures.plainMerchant());
        HttpResponse<String> r = get("/t/" + seeded.token(), "Accept", "text/html");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        String html = r.body();
        assertThat(html).contains("<html lang=\"en-US\">", "Northwind Coffee", "Order " + seeded.orderNumber(),
                "In transit", "Your parcel is on its way.", "Monday, November 23, 2026", "Departed from Facility",
                "Louisville, KY, US", "https://www.ups.com/track?tracknum&#x3D;1Z5R89390357567127",
                "mailto:help@northwind.example", "Times are shown in Eastern Time.");
        assertThat(html).containsPattern("data-step=\"IN_TRANSIT\" aria-current=\"step\"");
        assertThat(html).doesNotContain(SHOPPER_NAME, "Ada", SHOPPER_EMAIL, SHOPPER_PHONE, "5555550123",
                seeded.token(), "<script");
        // Newest scan first.
        assertThat(html.indexOf("Departed from Facility")).isLessThan(html.indexOf("Pickup Scan"));
        assertThat(html.indexOf("Pickup Scan")).isLessThan(html.indexOf("Shipper created a label"));
    }

    @Test
    void securityAndCachingHeadersAllowOnlyTheHashedStyleBlock() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.OUT_FOR_DELIVERY, PageFixtures.plainMerchant());
        HttpResponse<String> r = get("/t/" + seeded.token());

        String csp = header(r, "Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'none'; style-src 'sha256-")
                .contains("base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "script-src", "unsafe-eval");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(r.body());
        assertThat(style.find()).isTrue();
        assertThat(csp).contains("'sha256-" + PageRenderer.sha256Base64(style.group(1)) + "'");
        assertThat(r.body()).doesNotContain(" style=\"");
        assertThat(header(r, "Cache-Control")).isEqualTo("private, max-age=300");
        assertThat(header(r, "ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(header(r, "Vary")).contains("Accept");
        assertThat(header(r, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(r, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(r, "Strict-Transport-Security")).startsWith("max-age=");
        assertThat(header(r, "X-Robots-Tag")).contains("noindex");
    }

    @Test
    void revalidatesWithTheEtagUntilANewScanArrives() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, PageFixtures.plainMerchant());
        HttpResponse<String> first = get("/t/" + seeded.token());
        String etag = header(first, "ETag");

        HttpResponse<String> again = get("/t/" + seeded.token(), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(header(again, "ETag")).isEqualTo(etag);
        assertThat(header(again, "Cache-Control")).isEqualTo("private, max-age=300");

        PageFixtures.putEvent(seeded.shipmentId(), new TrackingEvent(OffsetDateTime.parse("2026-11-19T22:00:00-05:00"),
                ShipmentStatus.IN_TRANSIT, null, "AR", "Arrived at Facility", "Secaucus, NJ, US"));
        HttpResponse<String> changed = get("/t/" + seeded.token(), "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Arrived at Facility", "Secaucus, NJ, US");
        assertThat(header(changed, "ETag")).isNotEqualTo(etag);
    }

    @Test
    void jsonAtTheSameUrlStatesTheSameFacts() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.EXCEPTION_ADDRESS, PageFixtures.plainMerchant());
        HttpResponse<String> r = get("/t/" + seeded.token(), "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).isEqualTo("application/json");
        assertThat(header(r, "Cache-Control")).isEqualTo("private, max-age=300");
        JsonNode page = JSON.readTree(r.body());
        assertThat(page.path("orderNumber").asText()).isEqualTo(seeded.orderNumber());
        assertThat(page.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(page.path("merchant").path("name").asText()).isEqualTo("Northwind Coffee");
        JsonNode s = page.path("shipments").get(0);
        assertThat(s.path("status").asText()).isEqualTo("EXCEPTION");
        assertThat(s.path("statusLabel").asText()).isEqualTo("Delivery problem");
        assertThat(s.path("tone").asText()).isEqualTo("PROBLEM");
        assertThat(s.path("reason").asText()).isEqualTo("ADDRESS_ISSUE");
        assertThat(s.path("progress").path("currentStep").asText()).isEqualTo("IN_TRANSIT");
        assertThat(s.path("carrierTrackingUrl").asText()).isEqualTo(Carrier.UPS.publicTrackingUrl("1Z5R89390357567127"));
        assertThat(s.path("advice").path("text").asText()).contains("contact Northwind Coffee");
        assertThat(s.path("estimatedDelivery").path("date").asText()).isEqualTo("2026-11-23");
        assertThat(s.path("events").get(0).path("description").asText()).startsWith("The address is incomplete");
        assertThat(s.path("events")).hasSize(4);

        String html = get("/t/" + seeded.token(), "Accept", "text/html").body();
        assertThat(html).contains(s.path("statusLabel").asText(), s.path("advice").path("text").asText(),
                s.path("estimatedDelivery").path("text").asText());
        assertThat(r.body()).doesNotContain(SHOPPER_EMAIL, SHOPPER_PHONE, SHOPPER_NAME, seeded.token());
    }

    @Test
    void unknownMalformedAndExpiredTokensGetAFriendlyNotFound() throws Exception {
        HttpResponse<String> unknown = get("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(header(unknown, "Content-Type")).startsWith("text/html");
        assertThat(unknown.body()).contains("We can&#39;t find this tracking page", "contact the shop");
        assertThat(header(unknown, "Cache-Control")).isEqualTo("private, max-age=60");
        assertThat(header(unknown, "Content-Security-Policy")).contains("style-src 'sha256-");

        assertThat(get("/t/not-a-token").statusCode()).isEqualTo(404);
        assertThat(get("/t/%3Cscript%3Ealert(1)%3C%2Fscript%3E").body()).doesNotContain("<script>alert");

        HttpResponse<String> json = get("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(header(json, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(json.body()).path("status").asInt()).isEqualTo(404);

        HttpResponse<String> spanish = get("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Accept-Language", "es-ES,es;q=0.9");
        assertThat(spanish.body()).contains("<html lang=\"es-ES\">", "No encontramos esta página");

        Seeded seeded = PageFixtures.seed(Journey.DELIVERED, PageFixtures.plainMerchant());
        assertThat(get("/t/" + seeded.token()).statusCode()).isEqualTo(200);
        PageFixtures.expire(seeded, PageFixtures.NOW.minusSeconds(1));
        assertThat(get("/t/" + seeded.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void hostileMerchantAndCarrierStringsRenderAsText() throws Exception {
        Merchant evil = PageFixtures.merchant("Evil", new MerchantSettings(
                "<script>window.__pwned=1</script>Evil & \"Co\" <b>",
                "https://cdn.example/logo.png\" onerror=\"alert(1)", "red;}</style><script>alert(2)</script>",
                "expression(alert(3))", null, "x@y.z\"><script>", "javascript:alert(4)", null, 3));
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, evil, new io.ordertracker.domain.orders.TrackingTokens().get(),
                "en-US", List.of(new TrackingEvent(OffsetDateTime.parse("2026-11-19T20:00:00-05:00"),
                        ShipmentStatus.IN_TRANSIT, null, "X\"><svg onload=alert(5)>",
                        "<img src=x onerror=\"window.__pwned=2\">Arrived", "</span><script>window.__pwned=3</script>")));
        String html = get("/t/" + seeded.token()).body();

        assertThat(html).doesNotContain("<script", "<img src=x", "onerror=\"", "javascript:", "</style><", "<b>",
                "expression(", "red;}");
        assertThat(html).contains("&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;Evil &amp; &quot;Co&quot; &lt;b&gt;",
                "&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned&#x3D;2&quot;&gt;Arrived",
                "&lt;/span&gt;&lt;script&gt;window.__pwned&#x3D;3&lt;/script&gt;");
        assertThat(html).contains("--brand:" + Branding.DEFAULT_PRIMARY, "--accent:" + Branding.DEFAULT_ACCENT);

        JsonNode json = JSON.readTree(get("/t/" + seeded.token(), "Accept", "application/json").body());
        assertThat(json.path("merchant").path("supportUrl").isMissingNode()).isTrue();
        assertThat(json.path("merchant").path("logoUrl").isMissingNode()).isTrue();
        assertThat(json.path("shipments").get(0).path("events").get(0).path("description").asText())
                .isEqualTo("<img src=x onerror=\"window.__pwned=2\">Arrived");
    }

    @Test
    void everyParcelOfTheOrderIsShownWithTheTokensOwnFirst() throws Exception {
        Merchant merchant = PageFixtures.plainMerchant();
        Seeded first = PageFixtures.seed(Journey.DELIVERED, merchant);
        OrderService service = new OrderService(PageFixtures.ORDERS, PageFixtures.CLOCK,
                new io.ordertracker.domain.orders.TrackingTokens());
        var added = (io.ordertracker.domain.orders.OrderStore.AddShipmentOutcome.Added) service.addShipment(
                first.merchantId(), first.orderNumber(), new NewOrder.NewShipment(Carrier.FEDEX, "123456789012"));
        String secondToken = added.shipment().trackingToken();

        String html = get("/t/" + secondToken).body();
        assertThat(html).contains("Parcel 1 of 2", "Parcel 2 of 2", "FedEx", "UPS");
        assertThat(html.indexOf("FedEx")).isLessThan(html.indexOf("UPS"));
        assertThat(html.indexOf("Order received")).isLessThan(html.indexOf("Delivered"));
        assertThat(html).doesNotContain(first.token());
    }

    @Test
    void speaksTheShoppersLanguageAndTimeZone() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.OUT_FOR_DELIVERY, PageFixtures.plainMerchant(),
                new io.ordertracker.domain.orders.TrackingTokens().get(), "es-MX", List.of());
        String html = get("/t/" + seeded.token()).body();
        assertThat(html).contains("<html lang=\"es-MX\">", "En reparto", "Historial de seguimiento",
                "viernes, 20 de noviembre de 2026");
        // The carrier's 10:00-14:00 (UTC-5) window, shown in the shopper's New York time and the Mexican format.
        assertThat(html).containsPattern("de 10:00\\W+a\\.\\W*m\\. a 2:00\\W+p\\.\\W*m\\.");
    }

    @Test
    void sampleEventsFromTheEventsFolderWork() throws Exception {
        ObjectMapper events = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayV2HTTPEvent htmlEvent = events.readValue(ROOT.resolve("events/TrackingPageFunction.json").toFile(),
                APIGatewayV2HTTPEvent.class);
        String token = htmlEvent.getPathParameters().get("token");
        if (PageFixtures.READER.read(token, PageFixtures.NOW).isEmpty()) {
            PageFixtures.seed(Journey.AVAILABLE_FOR_PICKUP, PageFixtures.plainMerchant(), token, "en-US", List.of());
        }
        TrackingPageFunction function = PageFixtures.function();

        APIGatewayV2HTTPResponse html = function.handleRequest(htmlEvent, null);
        assertThat(html.getStatusCode()).isEqualTo(200);
        assertThat(html.getBody()).contains("Ready for pickup", "UPS Access Point, Court Street Pharmacy");

        APIGatewayV2HTTPResponse json = function.handleRequest(events.readValue(
                ROOT.resolve("events/TrackingPageFunction-json.json").toFile(), APIGatewayV2HTTPEvent.class), null);
        assertThat(json.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(json.getBody()).path("shipments").get(0).path("advice").path("place").asText())
                .isEqualTo("UPS Access Point, Court Street Pharmacy, Brooklyn, NY, US");

        APIGatewayV2HTTPResponse unknown = function.handleRequest(events.readValue(
                ROOT.resolve("events/TrackingPageFunction-unknown.json").toFile(), APIGatewayV2HTTPEvent.class), null);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
    }

    @Test
    void aStoreFailureIsAFriendlyUncachedError() throws IOException {
        TrackingPageFunction broken = new TrackingPageFunction((token, now) -> {
            throw new IllegalStateException("table unavailable");
        }, PageFixtures.PREFERENCES, PageFixtures.MERCHANTS, PageFixtures.CLOCK, null, PageFixtures.FACTS);
        APIGatewayV2HTTPResponse r = broken.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withPathParameters(java.util.Map.of("token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).build(), null);
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(r.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(r.getBody()).contains("Something went wrong").doesNotContain("table unavailable");
    }

    static URI uri(String path) {
        return SERVER.uri(path);
    }
}
