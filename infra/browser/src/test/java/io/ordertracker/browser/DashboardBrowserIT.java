package io.ordertracker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.local.runtime.DemoOrders;
import io.ordertracker.local.runtime.LocalRuntime;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The merchant dashboard in a real browser, with figures from a real run: an order for every sandbox journey through
 * the local runtime's merchant API (with a promised date, and a few shoppers' inquiries), simulated time run until
 * every journey has ended and the aggregates have settled, then a link from POST /v1/dashboard-links opened in
 * headless Chromium at phone (390 px) and desktop (1280 px) widths (page-check.mjs, as the tracking page's test).
 * The headline numbers the browser shows must be GET /v1/analytics' own for the same period, axe-core must find no
 * violation at all, and the screenshots land in docs/screenshots/ (dashboard-phone.png, dashboard-desktop.png).
 * /_local/analytics must show the same figures, and the S3 export one object per delivered shipment. Once the figures
 * have settled, simulated time is held: a link's hour would otherwise be a second of real time at 3600x.
 */
class DashboardBrowserIT {
    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final Path BROWSER_DIR = ROOT.resolve("infra/browser");
    private static final Path SCREENSHOTS = ROOT.resolve("docs/screenshots");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final double CLOCK_FACTOR = 3600;
    private static final Instant SIMULATED_START = Instant.parse("2026-11-16T00:00:00Z");
    private static final String FROM = "2026-11-01";
    private static final String TO = "2026-12-31";
    /** The tiles' figures as the page marks them up: data-figure, then the machine-readable value. */
    private static final Pattern FIGURE = Pattern.compile("data-figure=\"([A-Za-z0-9]+)\"><p class=\"tile-label\">"
            + "[^<]*</p><data class=\"tile-value\" value=\"([^\"]*)\">([^<]*)</data>");
    private static final List<String> HEADLINE = List.of("orders", "shipments", "delivered", "onTimeRate",
            "inquiriesPer100Orders", "transitP50Days", "transitP90Days", "exceptions", "delays", "messages",
            "pageViews", "ordersViewedShare", "unsubscribes");

    private static LocalRuntime runtime;
    private static JsonNode totals;
    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void playEveryJourneyThenOpenTheDashboard() throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("SKIP_BROWSER_TESTS=true");
        }
        if (!new File(CHROMIUM).canExecute()) {
            fail("No Chromium at " + CHROMIUM + ": run infra/browser/install-chromium.sh (or set SKIP_BROWSER_TESTS=true)");
        }
        Assumptions.assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        if (!Files.exists(BROWSER_DIR.resolve("node_modules/axe-core/axe.min.js"))
                || !Files.exists(BROWSER_DIR.resolve("node_modules/puppeteer-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), BROWSER_DIR, 300);
        }
        // moto serves the signing key's secret (Secrets Manager), as template.yaml declares it
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockFactor(CLOCK_FACTOR)
                .withSimulatedStart(SIMULATED_START).withClockHeld());
        assertThat(runtime.functions()).containsKeys("MerchantStatsFunction", "AnalyticsApiFunction",
                "MerchantDashboardFunction");

        JsonNode journeys = JSON.readTree(get("/_local/sandbox/journeys?format=json").body());
        Instant lastScan = SIMULATED_START;
        int n = 0;
        for (JsonNode j : journeys) {
            String orderNumber = "DB-" + (++n);
            LocalDate promised = LocalDate.parse("2026-11-16").plusDays(n % 2 == 0 ? 3 : 6);
            String order = DemoOrders.orderJson(orderNumber, j.path("carrier").asText(), j.path("trackingNumber").asText(),
                    j.path("timeZone").asText()).replaceFirst("^\\{", "{\"promisedDeliveryDate\":\"" + promised + "\",");
            HttpResponse<String> created = send("POST", "/v1/orders", order);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Instant ends = Instant.parse(j.path("endsAt").asText());
            lastScan = ends.isAfter(lastScan) ? ends : lastScan;
        }
        int orders = n;
        Instant until = lastScan.plus(Duration.ofDays(1));
        runtime.runClock();
        long realSeconds = Math.max(0, (long) Math.ceil(
                Duration.between(runtime.clock().instant(), until).toSeconds() / CLOCK_FACTOR));
        Awaitility.await().atMost(Duration.ofSeconds(realSeconds + 60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !runtime.clock().instant().isBefore(until));
        for (String orderNumber : List.of("DB-1", "DB-2", "DB-3")) {
            HttpResponse<String> inquiry = send("POST", "/v1/orders/" + orderNumber + "/inquiries",
                    "{\"channel\":\"email\",\"reason\":\"where-is-my-order\"}");
            assertThat(inquiry.statusCode()).as(inquiry.body()).isEqualTo(201);
        }
        // the pipeline is asynchronous: the figures are read once they stop moving (every order in, two equal reads)
        String[] previous = {""};
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String now = analyticsTotals().toString();
            boolean settled = now.equals(previous[0]) && JSON.readTree(now).path("orders").asInt() == orders
                    && JSON.readTree(now).path("inquiries").asInt() == 3;
            previous[0] = now;
            return settled;
        });
        totals = analyticsTotals();
        // nothing more to play: simulated time stops, so a link's hour is not a second of real time at 3600x
        runtime.holdClock();

        HttpResponse<String> link = send("POST", "/v1/dashboard-links", "{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        String url = JSON.readTree(link.body()).path("url").asText();
        assertThat(url).startsWith(runtime.baseUrl() + "/d/");

        Path work = Files.createDirectories(Path.of("target", "browser-dashboard"));
        Path specFile = work.resolve("spec.json");
        Path resultFile = work.resolve("results.json");
        Files.deleteIfExists(resultFile);
        ObjectNode spec = JSON.createObjectNode();
        spec.put("chromium", CHROMIUM);
        spec.put("outDir", SCREENSHOTS.toString());
        spec.put("resultFile", resultFile.toAbsolutePath().toString());
        ArrayNode viewports = spec.putArray("viewports");
        viewports.addObject().put("name", "phone").put("width", 390).put("height", 844).put("mobile", true);
        viewports.addObject().put("name", "desktop").put("width", 1280).put("height", 900).put("mobile", false);
        spec.putArray("pages").addObject().put("name", "dashboard").put("url", url);
        Files.writeString(specFile, JSON.writeValueAsString(spec));
        run(List.of("node", BROWSER_DIR.resolve("page-check.mjs").toString(), specFile.toAbsolutePath().toString()),
                BROWSER_DIR, 240);
        for (JsonNode r : JSON.readTree(resultFile.toFile()).path("results")) {
            RESULTS.put(r.path("viewport").asText(), r);
        }
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theHeadlineNumbersShownAreTheAnalyticsApisOwn() {
        assertThat(totals.path("delivered").asInt()).as("a real run delivers parcels").isPositive();
        assertThat(totals.path("messages").asInt()).as("and tells shoppers").isPositive();
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(result("phone").path("noScriptDom").asText());
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        Map<String, String> api = new LinkedHashMap<>();
        HEADLINE.forEach(f -> api.put(f, totals.hasNonNull(f) ? totals.get(f).asText() : ""));
        assertThat(shown).as("the dashboard's tiles against GET /v1/analytics").containsExactlyEntriesOf(api);
        String text = result("desktop").path("facts").path("bodyText").asText();
        assertThat(text).contains("Delivery dashboard", "Carriers compared", "Orders per day",
                "Inquiries per 100 orders", "Told nothing yet");
        // every exception reason the API counts is named on the page ("ADDRESS_ISSUE" as "Address issue")
        totals.path("exceptionsByReason").fieldNames().forEachRemaining(reason -> assertThat(text.toLowerCase())
                .contains(reason.toLowerCase().replace('_', ' ')));
    }

    @Test
    void itRendersAtPhoneAndDesktopWidthsWithoutScriptsOrSidewaysScrolling() throws IOException {
        for (String viewport : List.of("phone", "desktop")) {
            JsonNode r = result(viewport);
            assertThat(r.path("status").asInt()).as(viewport).isEqualTo(200);
            assertThat(r.path("facts").path("scripts").asInt()).as(viewport).isZero();
            assertThat(r.path("facts").path("horizontalOverflow").asBoolean()).as(viewport + " scrolls sideways").isFalse();
            // the browser's own favicon request is a 404 (the API serves none); a style or image the CSP refused
            // would be a broken page
            assertThat(r.path("consoleErrors").toString()).as(viewport).doesNotContainIgnoringCase("security policy")
                    .doesNotContainIgnoringCase("refused");
            Path shot = Path.of(r.path("screenshot").asText());
            assertThat(shot).as(viewport).exists().startsWith(SCREENSHOTS).hasFileName("dashboard-" + viewport + ".png");
            assertThat(Files.size(shot)).as(viewport + " screenshot size").isGreaterThan(10_000);
        }
        assertThat(result("phone").path("headers").path("cache-control").asText()).isEqualTo("private, no-store");
        assertThat(result("phone").path("headers").path("referrer-policy").asText()).isEqualTo("no-referrer");
    }

    @Test
    void axeFindsNoViolationAtAll() {
        List<String> found = new ArrayList<>();
        RESULTS.forEach((viewport, r) -> StreamSupport.stream(r.path("violations").spliterator(), false)
                .forEach(v -> found.add(viewport + ": " + v.path("id").asText() + " (" + v.path("impact").asText()
                        + ") " + v.path("help").asText() + " " + v.path("nodes"))));
        assertThat(RESULTS).containsOnlyKeys("phone", "desktop");
        assertThat(found).isEmpty();
    }

    @Test
    void theLocalPageShowsTheSameDashboard() throws Exception {
        HttpResponse<String> local = get("/_local/analytics?from=" + FROM + "&to=" + TO);

        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.headers().firstValue("Link").orElseThrow()).startsWith("<" + runtime.baseUrl() + "/d/");
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(local.body());
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        assertThat(shown).containsEntry("orders", totals.path("orders").asText())
                .containsEntry("messages", totals.path("messages").asText()).hasSize(HEADLINE.size());
    }

    /** The same run through the S3 export (moto's S3): one object per delivered shipment, under its delivery day. */
    @Test
    void theExportHoldsOneLinePerDeliveredShipment() {
        String bucket = runtime.resources().ref("ShipmentExportBucket").orElseThrow();
        try (S3Client s3 = LocalAws.configure(S3Client.builder().forcePathStyle(true),
                runtime.moto().orElseThrow().endpoint()).build()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("shipments/")).contents().stream()
                            .map(S3Object::key).toList())
                            .hasSize(totals.path("delivered").asInt())
                            .allMatch(k -> k.matches("shipments/dt=2026-1[12]-[0-9]{2}/.+-.+\\.json")));
        }
    }

    private static JsonNode result(String viewport) {
        JsonNode r = RESULTS.get(viewport);
        assertThat(r).as("no browser result at " + viewport).isNotNull();
        return r;
    }

    private static JsonNode analyticsTotals() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/analytics?from=" + FROM + "&to=" + TO, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("totals");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey());
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("browser-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail(command + " exited " + p.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
