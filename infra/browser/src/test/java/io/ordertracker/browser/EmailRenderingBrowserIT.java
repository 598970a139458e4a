package io.ordertracker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.EmailDelivery;
import io.ordertracker.notify.MessageComposer;
import io.ordertracker.notify.MessageContext;
import io.ordertracker.notify.MimeEmail;
import io.ordertracker.notify.UnsubscribeLink;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every milestone's email as the real composer and MIME builder make it (the HTML part of the raw message the
 * sender hands SES), in every language of {@link #LANGUAGES}, for a plain merchant and for one with hostile strings
 * in every merchant, shopper and carrier field, rendered in headless Chromium at 360 px (a small phone) and 800 px
 * (a desktop client's reading pane) by email-check.mjs: nothing scrolls sideways and the headline fits, axe-core
 * finds no violation at all, every image has alt text and loads (the merchant's logo from its CDN, answered
 * offline; every other request is refused), every link is a well-formed https/http or mailto URL, hostile strings
 * stay text, and each message is under 100 KB (Gmail clips larger ones). A handful of screenshots go to
 * docs/screenshots/ (linked from the README); the rest stay in target/browser/emails.
 *
 * <p>Like TrackingPageBrowserIT: Chromium and the npm packages come from infra/browser/install-chromium.sh (run by
 * .ci/run); without Chromium the test fails, unless SKIP_BROWSER_TESTS=true says that is intended.
 */
class EmailRenderingBrowserIT {
    /** The languages every email is rendered in. One list: the translated message texts add theirs here. */
    static final List<Locale> LANGUAGES = List.of(Locale.US, Locale.GERMANY);
    static final int MAX_BYTES = 100 * 1024;
    private static final Path ROOT = SamTemplate.locate().getParent();
    private static final Path BROWSER_DIR = ROOT.resolve("infra/browser");
    private static final Path SCREENSHOTS = ROOT.resolve("docs/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final String LOGO_CDN = "https://cdn.northwind.example/";
    private static final String TOKEN = "m_0123456789abcdef." + "0f".repeat(32) + "." + "Zx9_".repeat(8);
    /** Copied to docs/screenshots: every milestone in English at 360 px, two in German, two at 800 px. */
    private static final List<String> DOCUMENTED = new ArrayList<>();

    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();
    private static final Map<String, Integer> MIME_BYTES = new LinkedHashMap<>();
    private static final Map<String, String> HTML = new LinkedHashMap<>();

    static {
        for (Milestone m : Milestone.values()) {
            DOCUMENTED.add("plain-" + slug(m) + "-en-360");
        }
        DOCUMENTED.addAll(List.of("plain-shipped-de-360", "plain-exception-de-360", "plain-delivered-en-800",
                "plain-exception-en-800"));
    }

    static String slug(Milestone m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @BeforeAll
    static void renderEveryEmailInChromium() throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("SKIP_BROWSER_TESTS=true");
        }
        if (!new File(CHROMIUM).canExecute()) {
            fail("No Chromium at " + CHROMIUM + ": run infra/browser/install-chromium.sh (or set SKIP_BROWSER_TESTS=true)");
        }
        if (!Files.exists(BROWSER_DIR.resolve("node_modules/axe-core/axe.min.js"))
                || !Files.exists(BROWSER_DIR.resolve("node_modules/puppeteer-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), BROWSER_DIR, 300);
        }
        Path work = Files.createDirectories(Path.of("target", "browser", "emails").toAbsolutePath());
        List<Map<String, String>> pages = new ArrayList<>();
        for (String variant : List.of("plain", "hostile")) {
            for (Locale language : LANGUAGES) {
                for (Milestone milestone : Milestone.values()) {
                    String name = variant + "-" + slug(milestone) + "-" + language.getLanguage();
                    String html = render(variant.equals("hostile"), milestone, language, name);
                    Path file = work.resolve(name + ".html");
                    Files.writeString(file, html);
                    HTML.put(name, html);
                    pages.add(Map.of("name", name, "url", file.toUri().toString()));
                }
            }
        }
        Path specFile = work.resolve("spec.json");
        Path resultFile = work.resolve("results.json");
        Files.deleteIfExists(resultFile);
        ObjectNode spec = JSON.createObjectNode();
        spec.put("chromium", CHROMIUM);
        spec.put("outDir", work.resolve("shots").toString());
        spec.put("resultFile", resultFile.toString());
        spec.putArray("images").add(LOGO_CDN);
        ArrayNode viewports = spec.putArray("viewports");
        viewports.addObject().put("name", "360").put("width", 360).put("height", 740).put("mobile", true);
        viewports.addObject().put("name", "800").put("width", 800).put("height", 900).put("mobile", false);
        spec.set("pages", JSON.valueToTree(pages));
        Files.writeString(specFile, JSON.writeValueAsString(spec));
        run(List.of("node", BROWSER_DIR.resolve("email-check.mjs").toString(), specFile.toString()), BROWSER_DIR, 600);
        for (JsonNode r : JSON.readTree(resultFile.toFile()).path("results")) {
            RESULTS.put(r.path("page").asText() + "-" + r.path("viewport").asText(), r);
        }
        Files.createDirectories(SCREENSHOTS);
        for (String shot : DOCUMENTED) {
            Files.copy(Path.of(RESULTS.get(shot).path("screenshot").asText()), SCREENSHOTS.resolve("email-"
                    + shot.substring("plain-".length()) + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The email's HTML part exactly as it leaves for SES (composer, then MIME, then read back). */
    private static String render(boolean hostile, Milestone milestone, Locale language, String name) {
        List<byte[]> sent = new ArrayList<>();
        EmailDelivery delivery = new EmailDelivery((source, to, raw) -> {
            sent.add(raw);
            return "local";
        }, new MessageComposer(), "notify@tracker.example");
        Customer shopper = hostile
                ? new Customer("<script>window.__pwned='name'</script>Ada \u202eevil", "ada+x@example.com", null,
                        "Europe/Berlin", language.toLanguageTag())
                : new Customer("Ada Lovelace", "ada@example.com", null, "America/New_York", language.toLanguageTag());
        String orderNumber = hostile ? "NW-<b>" + "9".repeat(60) + "</b>" : "NW-5001";
        Order order = new Order("m_0123456789abcdef", orderNumber, shopper,
                List.of(new OrderItem(hostile ? "<img src=x onerror=\"window.__pwned='item'\">Cups" : "Espresso cups", 2, null)),
                LocalDate.parse("2026-11-24"), NOW, "h");
        Shipment shipment = shipment(milestone, orderNumber, hostile);
        TrackingEvent scan = shipment == null ? null : new TrackingEvent(OffsetDateTime.parse("2026-11-20T08:30:00-05:00"),
                shipment.status(), shipment.reason(), "X1", hostile
                        ? "<svg onload=\"window.__pwned='svg'\"></svg>Arrived " + "W".repeat(80)
                        : "Arrived at facility", hostile ? "</td></tr><script>window.__pwned='place'</script>" : "Louisville, KY, US");
        String trackingUrl = shipment == null ? null : "https://track.northwind.example/t/AbCdEfGhIjKlMnOpQrStUvWxYz012345";
        MessageContext ctx = new MessageContext(new Merchant("m_0123456789abcdef", "Northwind", settings(hostile), NOW),
                order, shipment, scan, milestone, shipment == null ? ExceptionReason.NONE : shipment.reason(),
                trackingUrl, ZoneId.of(shopper.timeZone()), language, null);
        delivery.send(ctx, shopper.email(), UnsubscribeLink.of("https://track.northwind.example", TOKEN));
        MIME_BYTES.put(name, sent.get(0).length);
        return MimeEmail.part(MimeEmail.parse(sent.get(0)), "text/html");
    }

    private static MerchantSettings settings(boolean hostile) {
        if (!hostile) {
            return new MerchantSettings("Northwind Coffee Roasters", LOGO_CDN + "logo.png", "#1f4e79", "#f2a900",
                    "orders@northwind.example", "help@northwind.example", "https://northwind.example/help", null, 3,
                    null, null, null, null, null, null, "https://northwind.example/review?order=NW-5001&src=email");
        }
        return new MerchantSettings(
                "<script>window.__pwned='merchant'</script><img src=x onerror=\"window.__pwned='img'\">Hostile & Co "
                        + "\u202eNorthwindNorthwindNorthwindNorthwindNorthwindNorthwindNorthwind",
                "javascript:alert(1)", "#fff\"}</style><script>alert(1)</script>", "#ffff00",
                "orders@northwind.example", "x@y.z\"><script>", "javascript:window.__pwned='link'", null, 3,
                "<b>From</b>\r\nBcc: all@evil.example", "reply\"@evil", null, null, null, null,
                "https://northwind.example/review?q=\"><script>alert(1)</script>");
    }

    private static Shipment shipment(Milestone m, String orderNumber, boolean hostile) {
        if (m == Milestone.ORDER_CONFIRMED) {
            return null;
        }
        ShipmentStatus status = switch (m) {
            case OUT_FOR_DELIVERY -> ShipmentStatus.OUT_FOR_DELIVERY;
            case AVAILABLE_FOR_PICKUP -> ShipmentStatus.AVAILABLE_FOR_PICKUP;
            case DELIVERED -> ShipmentStatus.DELIVERED;
            case EXCEPTION -> ShipmentStatus.EXCEPTION;
            default -> ShipmentStatus.IN_TRANSIT;
        };
        ExceptionReason reason = m == Milestone.EXCEPTION ? ExceptionReason.ADDRESS_ISSUE : ExceptionReason.NONE;
        return new Shipment("m_0123456789abcdef", orderNumber, "shp_1", Carrier.UPS,
                hostile ? "1Z<i>" + "7".repeat(40) : "1Z5R89390357567127", "tok", status, reason,
                EstimatedDelivery.of(LocalDate.parse("2026-11-23"), EstimatedDelivery.Kind.SCHEDULED),
                m == Milestone.DELAYED, m == Milestone.STALLED, NOW, NOW, null, true, NOW, NOW, 1);
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

    @Test
    void everyMilestoneInEveryLanguageWasRenderedAtBothWidths() {
        assertThat(RESULTS).hasSize(2 * LANGUAGES.size() * Milestone.values().length * 2);
        RESULTS.forEach((name, r) -> {
            assertThat(r.path("facts").path("lang").asText()).as(name).isIn(LANGUAGES.stream().map(Locale::toLanguageTag).toList());
            assertThat(r.path("facts").path("headline").asText()).as(name).isNotBlank();
            assertThat(r.path("consoleErrors")).as(name).isEmpty();
        });
    }

    @Test
    void nothingScrollsSidewaysAndTheHeadlineFitsAt360And800Pixels() {
        RESULTS.forEach((name, r) -> {
            assertThat(r.path("facts").path("horizontalOverflow").asBoolean())
                    .as(name + " scrolls sideways (scrollWidth " + r.path("facts").path("scrollWidth") + ")").isFalse();
            assertThat(r.path("facts").path("headlineInside").asBoolean()).as(name + " headline cut off").isTrue();
        });
    }

    @Test
    void axeCoreFindsNoViolations() {
        RESULTS.forEach((name, r) -> assertThat(r.path("violations")).as(name + ": " + r.path("violations")).isEmpty());
    }

    @Test
    void everyImageHasAltTextAndLoadsAndNothingElseIsFetched() {
        RESULTS.forEach((name, r) -> {
            for (JsonNode img : r.path("facts").path("images")) {
                assertThat(img.path("alt").isNull()).as(name + " img without alt: " + img).isFalse();
                assertThat(img.path("loaded").asBoolean()).as(name + " broken image: " + img).isTrue();
            }
            assertThat(r.path("refused")).as(name + " fetched something else").isEmpty();
        });
        assertThat(RESULTS.get("plain-shipped-en-360").path("facts").path("images")).as("the plain merchant's logo")
                .singleElement().satisfies(img -> assertThat(img.path("alt").asText()).isEqualTo("Northwind Coffee Roasters"));
    }

    @Test
    void everyLinkIsAWellFormedHttpOrMailtoUrlAndTheUnsubscribeLinkIsThere() {
        RESULTS.forEach((name, r) -> {
            List<String> hrefs = new ArrayList<>();
            for (JsonNode a : r.path("facts").path("links")) {
                assertThat(a.path("protocol").asText()).as(name + " link " + a).isIn("https:", "http:", "mailto:");
                assertThat(a.path("text").asText()).as(name + " link without text " + a).isNotBlank();
                hrefs.add(a.path("href").asText());
            }
            assertThat(hrefs).as(name).contains("https://track.northwind.example/u/" + TOKEN);
        });
    }

    @Test
    void hostileStringsStayInertText() {
        RESULTS.entrySet().stream().filter(e -> e.getKey().startsWith("hostile-")).forEach(e -> {
            JsonNode facts = e.getValue().path("facts");
            assertThat(facts.path("scripts").asInt()).as(e.getKey()).isZero();
            assertThat(facts.path("eventHandlerAttributes").asInt()).as(e.getKey()).isZero();
            assertThat(facts.path("pwned").isNull()).as(e.getKey() + " ran " + facts.path("pwned")).isTrue();
            assertThat(facts.path("bodyText").asText()).as(e.getKey())
                    .contains("<script>window.__pwned='merchant'</script>", "NW-<b>999");
        });
        assertThat(HTML.get("hostile-exception-en")).doesNotContain("javascript:", "<script", "onerror=\"");
    }

    @Test
    void everyMessageIsUnder100KilobytesWholeMimeIncluded() {
        assertThat(MIME_BYTES).hasSize(2 * LANGUAGES.size() * Milestone.values().length);
        MIME_BYTES.forEach((name, bytes) -> assertThat(bytes).as(name).isLessThan(MAX_BYTES));
        HTML.forEach((name, html) -> assertThat(html.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThan(MAX_BYTES));
    }

    @Test
    void theDocumentedScreenshotsAreWritten() throws IOException {
        for (String shot : DOCUMENTED) {
            Path file = SCREENSHOTS.resolve("email-" + shot.substring("plain-".length()) + ".png");
            assertThat(file).exists();
            assertThat(Files.size(file)).as(file.toString()).isGreaterThan(5_000);
        }
    }
}
