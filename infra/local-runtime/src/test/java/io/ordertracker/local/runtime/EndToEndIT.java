package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.Properties;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * The product's acceptance test: the whole stack from template.yaml in one JVM, an order posted for every
 * journey the carrier sandbox plays, simulated time run until every journey has ended, then statuses, messages and
 * tracking pages checked. It asserts what the template runs: each check starts once the functions it needs are
 * running (a function not built yet is reported as skipped by the runtime), and is strict from then on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    /**
     * Simulated seconds per real second: an hour a second, as `./tracker local --clock-factor 3600` plays it, so the
     * pipeline's real latency (about a second at worst) is an hour at most of simulated time and every journey's
     * message sequence comes out the same each run. The longest journey (about six days) plays in under three minutes.
     */
    private static final double CLOCK_FACTOR = 3600;
    /**
     * A Monday, before every journey's first scan: weekdays (business days for stalls, the weekend delivery) and
     * quiet hours fall the same way every run.
     */
    private static final Instant SIMULATED_START = Instant.parse("2026-11-16T00:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LogCapture logs;
    private static LocalRuntime runtime;
    private static final Map<String, SandboxHandle.JourneyInfo> journeyByOrder = new HashMap<>();
    private static final Map<String, JsonNode> orderResponses = new HashMap<>();
    /**
     * The shoppers' locales, one per order in turn, so every language is told a whole journey: the seven we write,
     * and two that fall back (Mexican Spanish to Spanish, European Portuguese to Brazilian Portuguese).
     */
    private static final List<String> LOCALES = List.of("en-US", "es-ES", "de-DE", "fr-FR", "it-IT", "nl-NL", "pt-BR",
            "es-MX", "pt-PT");
    private static final Map<String, String> localeByOrder = new HashMap<>();
    /** Simulated time when every order had been posted. */
    private static Instant postedBy;

    @BeforeAll
    static void playEveryJourney() throws Exception {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        logs = LogCapture.start();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockFactor(CLOCK_FACTOR)
                .withSimulatedStart(SIMULATED_START).withClockHeld());
        assertThat(runtime.journeys()).as("the carrier sandbox's journeys").isNotEmpty();
        Instant start = runtime.clock().instant();
        int n = 0;
        for (SandboxHandle.JourneyInfo j : runtime.journeys()) {
            String orderNumber = "E2E-" + (++n);
            String locale = LOCALES.get((n - 1) % LOCALES.size());
            localeByOrder.put(orderNumber, locale);
            HttpResponse<String> r = post("/v1/orders", DemoOrders.orderJson(orderNumber, j.carrier(), j.trackingNumber(),
                    j.timeZone(), locale));
            assertThat(r.statusCode()).as(j + ": " + r.body()).isEqualTo(201);
            journeyByOrder.put(orderNumber, j);
            orderResponses.put(orderNumber, EventCodec.parse(r.body()));
        }
        postedBy = runtime.clock().instant();
        runtime.runClock(); // every order is in before the first scan, however long start-up and posting took
        Instant lastStep = runtime.journeys().stream().map(SandboxHandle.JourneyInfo::endsAt)
                .max(Instant::compareTo).orElse(start);
        // a day past the last scan leaves the planner time to poll every shipment once more
        Instant until = (lastStep.isAfter(start) ? lastStep : start).plus(Duration.ofDays(1));
        long realSeconds = Math.max(0, (long) Math.ceil(Duration.between(runtime.clock().instant(), until).toSeconds() / CLOCK_FACTOR));
        Awaitility.await().atMost(Duration.ofSeconds(realSeconds + 30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !runtime.clock().instant().isBefore(until));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void everyFunctionThatIsBuiltStartsAndServesItsRoutes() {
        assertThat(runtime.skipped()).as("functions skipped for another reason than not being built yet")
                .allSatisfy(s -> assertThat(s.reason()).contains("not on the classpath"));
        assertThat(runtime.functions()).containsKeys("MerchantAuthorizerFunction", "OrdersApiFunction");
        assertThat(runtime.warnings()).as("template values the runtime could not resolve")
                .noneMatch(w -> w.contains("left unset"));
    }

    @Test
    void everyOrderIsAcceptedWithATrackingLinkOnThisServer() {
        assertThat(orderResponses).hasSize(runtime.journeys().size());
        orderResponses.values().forEach(o -> assertThat(o.path("shipments").get(0).path("trackingUrl").asText())
                .startsWith(runtime.baseUrl() + "/t/"));
        JsonNode shipments = new LocalPages(runtime).shipmentsJson();
        assertThat(shipments).hasSize(runtime.journeys().size());
    }

    @Test
    void everyShipmentEndsInItsJourneysStatus() {
        assumeTrue(running("PollPlannerFunction", "TrackingWorkerFunction"), () -> "polling not running: " + runtime.skipped());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> status = statusByOrder();
            journeyByOrder.forEach((order, j) -> {
                if (j.expectedFinalStatus() != null) {
                    assertThat(status.get(order)).as(order + " " + j).isEqualTo(j.expectedFinalStatus());
                }
            });
        });
    }

    @Test
    void everyMilestoneIsSentOnceAndNothingTwice() {
        assumeTrue(running("ChangeDetectorFunction", "EmailSenderFunction"), () -> "notifications not running: " + runtime.skipped());
        // the pipeline is asynchronous: the last scans' messages may still be on their way
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(EndToEndIT::expectedMilestonesWereSent);
        List<Outbox.Message> messages = runtime.outbox().messages();
        Map<String, Long> counts = messages.stream().collect(Collectors.groupingBy(
                m -> m.orderNumber() + "|" + m.trackingNumber() + "|" + m.milestone() + "|" + m.episode() + "|" + m.channel(),
                Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("messages sent twice").isEmpty();
        assertThat(messages).allSatisfy(m -> assertThat(m.milestone()).as("milestone of " + m).isNotNull());
    }

    private static void expectedMilestonesWereSent() {
        assertThat(runtime.outbox().messages()).isNotEmpty();
        for (String order : journeyByOrder.keySet()) {
            SandboxHandle.JourneyInfo j = journeyByOrder.get(order);
            String story = order + " " + j + " status changes " + runtime.shipmentChanges().stream()
                    .filter(c -> j.trackingNumber().equals(c.trackingNumber()))
                    .map(c -> c.from() + "->" + c.to()).toList();
            assertThat(milestones(order, "email")).as(story).containsOnlyOnce("ORDER_CONFIRMED");
            if (j.expectedFinalStatus() == null || !running("PollPlannerFunction", "TrackingWorkerFunction")) {
                continue; // the carrier never heard of it (or nothing polls it): nothing else to say
            }
            // SHIPPED is owed when the first thing seen of the parcel is a plain "on its way" status (info received,
            // in transit) that stayed current long enough to tell the shopper (10 real seconds, against a 3 s
            // scan-to-email target); on a fast clock a parcel may be delivered sooner, or first seen in an
            // exception, and then SHIPPED may rightly be dropped. Either way it is never sent twice.
            if (movingForMillis(j) >= 10_000) {
                assertThat(milestones(order, "email")).as(story).containsOnlyOnce("SHIPPED");
            } else {
                assertThat(milestones(order, "email").stream().filter("SHIPPED"::equals).count()).as(story).isLessThanOrEqualTo(1);
            }
            if (j.expectedFinalStatus().equals("DELIVERED")) {
                assertThat(milestones(order, "email")).as(story).containsOnlyOnce("DELIVERED");
                if (running("SmsSenderFunction")) {
                    assertThat(milestones(order, "sms")).as(story).containsOnlyOnce("DELIVERED");
                }
            }
            if (j.expectedFinalStatus().equals("EXCEPTION")) {
                assertThat(milestones(order, "email")).as(story).contains("EXCEPTION");
            }
        }
    }

    /**
     * Each journey declares the messages its shopper must get (Journeys, next to the journey): the whole sequence
     * per channel, in the order sent, each milestone once. The email and SMS of one milestone go through separate
     * queues (and an SMS may be held through quiet hours), so the order is asserted within each channel.
     */
    @Test
    void everyShopperIsToldInTheirOwnLanguage() throws IOException {
        assumeTrue(running("ChangeDetectorFunction", "EmailSenderFunction", "SmsSenderFunction"),
                () -> "notifications not running: " + runtime.skipped());
        Properties english = new Properties();
        try (var in = EndToEndIT.class.getResourceAsStream("/io/ordertracker/texts/texts.properties")) {
            assertThat(in).as("the English texts bundle on the runtime's classpath").isNotNull();
            english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> wrong = new ArrayList<>();
        Set<String> languagesTold = new TreeSet<>();
        localeByOrder.forEach((order, locale) -> {
            String language = locale.substring(0, 2); // es-MX is told in Spanish, pt-PT in Brazilian Portuguese
            for (Outbox.Message m : sentMessages(order)) {
                boolean email = m.channel().equals("email");
                String said = email ? m.subject() : m.text();
                if (email) {
                    languagesTold.add(m.language() == null ? "none" : m.language().substring(0, 2));
                    if (m.language() == null || !m.language().toLowerCase(Locale.ROOT).startsWith(language)) {
                        wrong.add(order + " (" + locale + ") " + m.milestone() + " email in " + m.language());
                    }
                }
                String englishWords = longestWords(english.getProperty((email ? "subject." : "sms.") + m.milestone(), ""));
                if (!language.equals("en") && englishWords.length() >= 8 && said.contains(englishWords)) {
                    wrong.add(order + " (" + locale + ") " + m.milestone() + " " + m.channel() + " in English: " + said);
                }
            }
        });
        assertThat(wrong).as("messages not in the shopper's language").isEmpty();
        assertThat(languagesTold).as("the email languages of a run with one order per locale in turn")
                .containsExactlyInAnyOrder("en", "es", "de", "fr", "it", "nl", "pt");
    }

    /** The longest run of words between the placeholders of an English message pattern. */
    private static String longestWords(String pattern) {
        return java.util.Arrays.stream(pattern.split("\\{[^}]*\\}")).map(String::trim)
                .max(java.util.Comparator.comparingInt(String::length)).orElse("");
    }

    @Test
    void everyJourneyTellsItsShopperExactlyTheMessagesItDeclares() {
        assumeTrue(running("ChangeDetectorFunction", "EmailSenderFunction", "SmsSenderFunction",
                "PollPlannerFunction", "TrackingWorkerFunction", "StallDetectorFunction"),
                () -> "pipeline not running: " + runtime.skipped());
        assertThat(postedBy).as("every order posted while simulated time stood at its start").isEqualTo(SIMULATED_START);
        List<String> undeclared = journeyByOrder.entrySet().stream().filter(e -> e.getValue().expectedMessages() == null)
                .map(e -> e.getKey() + " " + e.getValue().carrier() + " " + e.getValue().journey() + " sent "
                        + sentInOrder(e.getKey())).sorted().toList();
        assertThat(undeclared).as("journeys without declared messages").isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> wrong = new ArrayList<>();
            journeyByOrder.forEach((order, j) -> {
                for (String channel : List.of("email", "sms")) {
                    List<String> expected = j.expectedMessages().stream().filter(m -> m.endsWith(" " + channel)).toList();
                    List<Outbox.Message> sent = sentMessages(order).stream().filter(m -> m.channel().equals(channel)).toList();
                    if (!sameSequence(expected, sent)) {
                        wrong.add(order + " " + j.carrier() + " " + j.journey() + " " + channel + ": expected "
                                + expected + " but sent " + sent.stream().map(m -> m.milestone() + " " + m.channel()
                                + " at " + m.sentAt()).toList());
                    }
                }
            });
            assertThat(wrong).as("journeys whose shopper got other messages than declared").isEmpty();
        });
    }

    /** "MILESTONE channel" of every message sent for an order, oldest first. */
    private static List<String> sentInOrder(String orderNumber) {
        return sentMessages(orderNumber).stream().map(m -> m.milestone() + " " + m.channel()).toList();
    }

    private static List<Outbox.Message> sentMessages(String orderNumber) {
        List<Outbox.Message> all = new ArrayList<>(runtime.outbox().messages());
        java.util.Collections.reverse(all);
        return all.stream().filter(m -> orderNumber.equals(m.orderNumber())).toList();
    }

    /**
     * The messages sent are the expected ones in the expected order, except that messages sent within the same
     * half hour of simulated time may come in either order: SMS held through quiet hours all leave at 08:00 together.
     */
    private static boolean sameSequence(List<String> expected, List<Outbox.Message> sent) {
        if (expected.size() != sent.size()) {
            return false;
        }
        int i = 0;
        while (i < sent.size()) {
            int end = i + 1;
            while (end < sent.size() && Duration.between(sent.get(end - 1).sentAt(), sent.get(end).sentAt())
                    .compareTo(Duration.ofMinutes(30)) < 0) {
                end++;
            }
            List<String> got = new ArrayList<>(sent.subList(i, end).stream()
                    .map(m -> m.milestone() + " " + m.channel()).toList());
            List<String> want = new ArrayList<>(expected.subList(i, end));
            java.util.Collections.sort(got);
            java.util.Collections.sort(want);
            if (!got.equals(want)) {
                return false;
            }
            i = end;
        }
        return true;
    }

    @Test
    void everyTrackingLinkOpensItsPage() throws Exception {
        assumeTrue(running("TrackingPageFunction"), () -> "tracking page not running: " + runtime.skipped());
        for (Map.Entry<String, JsonNode> e : orderResponses.entrySet()) {
            JsonNode shipment = e.getValue().path("shipments").get(0);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(shipment.path("trackingUrl").asText()))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).as(e.getKey()).contains(shipment.path("trackingNumber").asText());
        }
        // the same page as JSON tells the shopper the status the table holds
        Map<String, String> status = statusByOrder();
        for (Map.Entry<String, JsonNode> e : orderResponses.entrySet()) {
            String url = e.getValue().path("shipments").get(0).path("trackingUrl").asText();
            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(EventCodec.parse(json.body()).path("shipments").get(0).path("status").asText())
                    .as(e.getKey()).isEqualTo(status.get(e.getKey()));
        }
    }

    @Test
    void anSesBouncePublishedToItsTopicReachesTheSuppressionFunction() throws Exception {
        assumeTrue(running("SuppressionFunction"), () -> "suppression not running: " + runtime.skipped());
        var props = runtime.functions().get("SuppressionFunction").spec().eventsOfType("SNS").values().iterator().next();
        String topicArn = runtime.resources().resolve(props.get("Topic"));
        JsonNode sample = EventCodec.parse(java.nio.file.Files.readString(
                io.ordertracker.local.emulators.SamTemplate.locate().getParent().resolve("events/SuppressionFunction-bounce.json")));
        String message = sample.path("Records").get(0).path("Sns").path("Message").asText();
        long before = runtime.functions().get("SuppressionFunction").invocations();
        try (var sns = io.ordertracker.local.emulators.LocalAws.configure(
                software.amazon.awssdk.services.sns.SnsClient.builder(), runtime.moto().orElseThrow().endpoint()).build()) {
            sns.publish(b -> b.topicArn(topicArn).message(message));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> runtime.functions().get("SuppressionFunction").invocations() > before);
        assertThat(runtime.functions().get("SuppressionFunction").errors()).isZero();
    }

    @Test
    void theBenchmarkReportCountsWhatTheRunDid() {
        JsonNode report = PipelineBench.report(runtime, orderResponses.size(), 1000, false);
        assertThat(report.path("shipments").asInt()).isEqualTo(runtime.journeys().size());
        assertThat(report.path("requests").path("DynamoDb").path("TransactWriteItems").asLong())
                .as("one order write per order").isGreaterThanOrEqualTo(orderResponses.size());
        assertThat(report.path("requests").path("ApiGatewayV2").path("HttpRequest").asLong())
                .isGreaterThanOrEqualTo(orderResponses.size());
        JsonNode ordersApi = report.path("lambda").path("OrdersApiFunction");
        assertThat(ordersApi.path("invocations").asLong()).isGreaterThanOrEqualTo(orderResponses.size());
        assertThat(ordersApi.path("gbSeconds").asDouble()).isPositive();
        assertThat(ordersApi.path("memoryMb").asInt()).isEqualTo(1024);
        JsonNode cost = report.path("costPer1000Shipments");
        assertThat(cost.path("infrastructureUsd").asDouble()).isPositive();
        assertThat(cost.path("totalUsd").asDouble()).isGreaterThanOrEqualTo(cost.path("infrastructureUsd").asDouble());
        if (running("ChangeDetectorFunction", "EmailSenderFunction", "TrackingWorkerFunction")) {
            assertThat(report.path("emails").asLong()).isEqualTo(runtime.outbox().messages().stream()
                    .filter(m -> m.channel().equals("email")).count());
            assertThat(report.path("scanToEmailMs").path("samples").asInt()).isPositive();
            assertThat(report.path("scanToEmailMs").path("p50").asLong()).isNotNegative();
        }
    }

    /**
     * Logs are kept longer and read more widely than the table, so no line of the run may name a shopper: no email
     * address, no phone number, none of the tracking numbers played. Errors are where data slips in (an exception's
     * message quotes what was being handled), so this runs last and first makes one send fail: moto forgets the
     * stack's sender identity and refuses the next email with a message that names the address.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noLogLineOfTheRunNamesAnAddressAPhoneNumberOrATrackingNumber() throws Exception {
        assumeTrue(running("ChangeDetectorFunction", "EmailSenderFunction"), () -> "notifications not running: " + runtime.skipped());
        String sender = runtime.functions().get("EmailSenderFunction").environment().get("SENDER_EMAIL");
        try (SesClient ses = io.ordertracker.local.emulators.LocalAws.configure(SesClient.builder(),
                runtime.moto().orElseThrow().endpoint()).build()) {
            ses.deleteIdentity(b -> b.identity(sender));
            ses.deleteIdentity(b -> b.identity(sender.substring(sender.indexOf('@') + 1)));
        }
        SandboxHandle.JourneyInfo j = runtime.journeys().get(0);
        HttpResponse<String> r = post("/v1/orders", DemoOrders.orderJson("E2E-UNSENT", j.carrier(), j.trackingNumber(), j.timeZone()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> logs.lines().stream().anyMatch(l -> l.contains("#E2E-UNSENT#") && l.contains("\"ERROR\"")));

        List<String> lines = logs.lines();
        assertThat(lines).as("the functions' own log lines were captured").anyMatch(l -> l.contains("order created with"));
        Map<String, Pattern> personal = new java.util.LinkedHashMap<>();
        personal.put("email address", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));
        personal.put("E.164 phone number", Pattern.compile("(?<![\\w+])\\+[1-9]\\d{6,14}(?!\\d)"));
        personal.put("tracking number", Pattern.compile(runtime.journeys().stream()
                .map(SandboxHandle.JourneyInfo::trackingNumber).distinct().map(Pattern::quote)
                .collect(Collectors.joining("|"))));
        List<String> offending = new ArrayList<>();
        for (String line : lines) {
            for (Map.Entry<String, Pattern> p : personal.entrySet()) {
                Matcher m = p.getValue().matcher(line);
                if (m.find()) {
                    offending.add(p.getKey() + " '" + m.group() + "' in: "
                            + (line.length() > 600 ? line.substring(0, 600) + "..." : line));
                    break;
                }
            }
        }
        assertThat(offending).as("log lines naming a shopper, of " + lines.size() + " written during the run")
                .isEmpty();
    }

    /**
     * The merchant changes its settings through the API, and the very next messages and the page use them: no
     * redeploy, no cache to wait for.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void settingsChangedThroughTheApiShowInTheNextEmailAndOnThePage() throws Exception {
        assumeTrue(running("ChangeDetectorFunction", "EmailSenderFunction", "TrackingPageFunction"),
                () -> "notifications or page not running: " + runtime.skipped());
        HttpResponse<String> current = send("GET", "/v1/settings", null, Map.of());
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        String etag = current.headers().firstValue("ETag").orElseThrow();
        String brand = "Kettle & Co. E2E";
        String review = "https://reviews.example.com/kettle-e2e";
        HttpResponse<String> patched = send("PATCH", "/v1/settings",
                "{\"displayName\":\"" + brand + "\",\"reviewUrl\":\"" + review + "\"}",
                Map.of("If-Match", etag, "Content-Type", "application/merge-patch+json"));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        SandboxHandle.JourneyInfo delivered = runtime.journeys().stream()
                .filter(j -> j.expectedFinalStatus().equals("DELIVERED")).findFirst().orElseThrow();
        HttpResponse<String> created = post("/v1/orders", DemoOrders.orderJson("E2E-SETTINGS", delivered.carrier(),
                delivered.trackingNumber(), delivered.timeZone()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // the journey is over in simulated time: the first poll finds it delivered
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                milestones("E2E-SETTINGS", "email").containsAll(List.of("ORDER_CONFIRMED", "DELIVERED")));
        List<Outbox.Message> emails = runtime.outbox().messages().stream()
                .filter(m -> "E2E-SETTINGS".equals(m.orderNumber()) && m.channel().equals("email")).toList();
        assertThat(emails).allSatisfy(m -> assertThat(m.subject()).contains(brand));
        Outbox.Message deliveredEmail = emails.stream().filter(m -> m.milestone().equals("DELIVERED")).findFirst().orElseThrow();
        assertThat(deliveredEmail.text()).contains(review);
        assertThat(deliveredEmail.html()).contains(review);

        // the email's one-click unsubscribe, through the template's /u/{token} route, as a mail client sends it
        assertThat(deliveredEmail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsKeys("From", "To", "Subject", "Content-Language");
        assertThat(deliveredEmail.language()).isEqualTo(deliveredEmail.headers().get("Content-Language"));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<(http://[^>]+/u/[^>]+)>")
                .matcher(deliveredEmail.headers().get("List-Unsubscribe"));
        assertThat(link.find()).as(deliveredEmail.headers().get("List-Unsubscribe")).isTrue();
        assertThat(deliveredEmail.headers().get("List-Unsubscribe")).contains("<mailto:unsubscribe@");
        HttpResponse<String> oneClick = HTTP.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        HttpResponse<String> choices = HTTP.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choices.statusCode()).isEqualTo(200);
        assertThat(choices.body()).contains("Kettle &amp; Co. E2E", "name=\"m\"").doesNotContain(" checked");
        HttpResponse<String> outbox = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/_local/outbox"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(EventCodec.parse(outbox.body()).findValues("List-Unsubscribe-Post")).isNotEmpty();

        String url = EventCodec.parse(created.body()).path("shipments").get(0).path("trackingUrl").asText();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Kettle &amp; Co. E2E");
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Real time the shipment spent in its first status past PENDING, if that was INFO_RECEIVED or IN_TRANSIT,
     * before the next change (or until now); 0 otherwise.
     */
    private static long movingForMillis(SandboxHandle.JourneyInfo j) {
        List<ShipmentChangeLog.Change> changes = runtime.shipmentChanges().stream()
                .filter(c -> j.trackingNumber().equals(c.trackingNumber())).toList();
        for (int i = 0; i < changes.size(); i++) {
            String to = changes.get(i).to();
            if (to.equals("PENDING")) {
                continue;
            }
            if (!to.equals("INFO_RECEIVED") && !to.equals("IN_TRANSIT")) {
                return 0; // first seen further along, or in trouble
            }
            long until = i + 1 < changes.size() ? changes.get(i + 1).seenAtMillis() : System.currentTimeMillis();
            return until - changes.get(i).seenAtMillis();
        }
        return 0;
    }

    private static List<String> milestones(String orderNumber, String channel) {
        List<String> out = new ArrayList<>();
        runtime.outbox().messages().stream()
                .filter(m -> orderNumber.equals(m.orderNumber()) && m.channel().equals(channel))
                .forEach(m -> out.add(m.milestone()));
        return out;
    }

    private static Map<String, String> statusByOrder() {
        Map<String, String> out = new HashMap<>();
        new LocalPages(runtime).shipmentsJson().forEach(s -> out.put(s.path("orderNumber").asText(), s.path("status").asText()));
        return out;
    }

    private static boolean running(String... functions) {
        return runtime.functions().keySet().containsAll(Set.of(functions));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
