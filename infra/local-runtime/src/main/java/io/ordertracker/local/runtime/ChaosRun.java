package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.ShipmentStateMachine;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.StatusDecision;
import io.ordertracker.storage.Keys;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./tracker chaos [--shipments N] [--seed S] [--fault-rate F] [--crash-rate C] [--duplicate-rate D]
 * [--clock-factor X] [--max-seconds T]}: runs shipments through the whole local runtime (every function, the
 * template's wiring, the carrier sandbox) on a fast clock while injecting, reproducibly from the seed, carrier
 * faults and an outage of one carrier, crashes inside functions, duplicated and out-of-order deliveries, a poison
 * message in each consumed queue that has a dead-letter queue and a poison stream record; then checks, from what
 * the run left behind (the messages SES and SNS accepted, the table, the dead-letter and on-failure queues, the
 * table's stream), that nothing was lost, sent twice or moved backwards. Prints one JSON line last; exits 1 when a
 * check fails. See docs/reliability.md.
 */
public final class ChaosRun {
    /** A Monday before every journey's first scan, as the end-to-end test plays them: weekdays fall the same way. */
    static final Instant SIMULATED_START = Instant.parse("2026-11-16T00:00:00Z");
    private static final String USAGE = "usage: ./tracker chaos [--shipments N] [--seed S] [--fault-rate F] "
            + "[--crash-rate C] [--duplicate-rate D] [--restarts] [--clock-factor X] [--max-seconds T]";
    /** Queues a poison message goes to: the consumed queues whose dead-letter queue a person would read. */
    static final List<String> POISONED_QUEUES = List.of("TrackingQueue", "EmailQueue");
    /** Journeys in one copy of the sandbox's catalogue, at least: sizes how many copies a run asks for. */
    private static final int MIN_CATALOGUE_SIZE = 30;

    /** What a run is asked to do. */
    public record Settings(int shipments, long seed, double faultRate, double crashRate, double duplicateRate,
                           double clockFactor, Duration limit, boolean restarts) {
        public static Settings defaults() {
            return new Settings(100, 1, 0.2, 0.05, 0.05, 3600, Duration.ofMinutes(30), false);
        }

        Settings withRestarts() {
            return new Settings(shipments, seed, faultRate, crashRate, duplicateRate, clockFactor, limit, true);
        }

        ChaosSettings chaos() {
            return new ChaosSettings(seed, faultRate, crashRate, duplicateRate);
        }
    }

    private ChaosRun() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings s = Settings.defaults();
        boolean duplicateRateGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--shipments" -> s = new Settings(Integer.parseInt(value), s.seed(), s.faultRate(),
                            s.crashRate(), s.duplicateRate(), s.clockFactor(), s.limit(), s.restarts());
                    case "--seed" -> s = new Settings(s.shipments(), Long.parseLong(value), s.faultRate(),
                            s.crashRate(), s.duplicateRate(), s.clockFactor(), s.limit(), s.restarts());
                    case "--fault-rate" -> s = new Settings(s.shipments(), s.seed(), Double.parseDouble(value),
                            s.crashRate(), s.duplicateRate(), s.clockFactor(), s.limit(), s.restarts());
                    case "--crash-rate" -> s = new Settings(s.shipments(), s.seed(), s.faultRate(),
                            Double.parseDouble(value), duplicateRateGiven ? s.duplicateRate() : Double.parseDouble(value),
                            s.clockFactor(), s.limit(), s.restarts());
                    case "--duplicate-rate" -> {
                        duplicateRateGiven = true;
                        s = new Settings(s.shipments(), s.seed(), s.faultRate(), s.crashRate(),
                                Double.parseDouble(value), s.clockFactor(), s.limit(), s.restarts());
                    }
                    case "--clock-factor" -> s = new Settings(s.shipments(), s.seed(), s.faultRate(), s.crashRate(),
                            s.duplicateRate(), Double.parseDouble(value), s.limit(), s.restarts());
                    case "--max-seconds" -> s = new Settings(s.shipments(), s.seed(), s.faultRate(), s.crashRate(),
                            s.duplicateRate(), s.clockFactor(), Duration.ofSeconds(Long.parseLong(value)), s.restarts());
                    case "--restarts" -> {
                        s = s.withRestarts();
                        continue; // a flag: no value follows
                    }
                    default -> {
                        err.println(USAGE);
                        return 2;
                    }
                }
                i++;
            }
            s.chaos(); // validates the rates
        } catch (RuntimeException e) {
            err.println("chaos: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (s.shipments() < 1 || s.clockFactor() <= 0 || s.faultRate() > 1 || s.limit().isNegative()) {
            err.println(USAGE);
            return 2;
        }
        JsonNode result = run(s, err);
        out.flush();
        out.println(result.toString()); // after the runtime has stopped, so nothing prints after it
        return result.path("ok").asBoolean() ? 0 : 1;
    }

    /** Starts a runtime, runs the shipments under chaos, stops it; the result is the JSON line printed last. */
    public static JsonNode run(Settings settings, PrintStream progress) {
        int copies = (settings.shipments() + MIN_CATALOGUE_SIZE - 1) / MIN_CATALOGUE_SIZE;
        LocalRuntime.Options options = LocalRuntime.Options.defaults().withPort(0)
                .withClockFactor(settings.clockFactor()).withSimulatedStart(SIMULATED_START).withClockHeld();
        // The merchant's request limit counts on the simulated clock, which stands still while the orders are
        // posted: the run is not about the limiter, so it is off (the stack parameter's 0).
        // The email sender paces SES calls in real seconds (SES_MAX_SEND_RATE, 2 a second per container). On a fast
        // clock that is 2 emails per simulated half hour at 3600x: 1,000 shipments' emails queue for simulated days
        // and go stale before they are sent, a loss the compression makes, not the faults. The run gives SES the
        // template's rate per simulated second instead, as the lease above is stretched to simulated time.
        double sendRate = TEMPLATE_SES_SENDS_PER_SECOND * settings.clockFactor();
        try (LocalRuntime runtime = LocalRuntime.startWithChaos(options, settings.chaos(), copies,
                Map.of("MerchantRequestsPerSecond", "0"), Map.of("CLAIM_LEASE_SECONDS", Long.toString(
                        (long) Math.max(120, CLAIM_LEASE_REAL.toSeconds() * settings.clockFactor())),
                        "SES_MAX_SEND_RATE", Double.toString(sendRate)))) {
            return new ChaosRun.Execution(runtime, settings, progress).execute();
        }
    }

    /** One run on a started runtime. */
    private static final class Execution {
        private final LocalRuntime runtime;
        private final Settings settings;
        private final PrintStream progress;
        private final ChaosInjector chaos;
        /** order number -> the journey its one parcel plays. */
        private final Map<String, SandboxHandle.JourneyInfo> journeyByOrder = new LinkedHashMap<>();
        private final ChaosPoison poison;
        private final Map<String, Integer> restarts = new TreeMap<>();
        /** The carrier out for {@link #OUTAGE}, drawn from the seed (null without carrier faults). */
        private String outageCarrier;

        Execution(LocalRuntime runtime, Settings settings, PrintStream progress) {
            this.runtime = runtime;
            this.settings = settings;
            this.progress = progress;
            this.chaos = ChaosInjector.active();
            this.poison = new ChaosPoison(runtime);
        }

        JsonNode execute() {
            long realStart = System.currentTimeMillis();
            List<SandboxHandle.JourneyInfo> journeys = runtime.journeys();
            if (journeys.size() < settings.shipments()) {
                throw new IllegalStateException("the sandbox plays " + journeys.size() + " journeys, fewer than "
                        + settings.shipments() + " shipments");
            }
            // Round robin over the stories: the catalogue's copies follow one another, so the first N journeys
            // take each story in turn, each under its own tracking number.
            journeys = journeys.subList(0, settings.shipments());
            poison.inject();
            int posted = post(journeys);
            Instant start = runtime.clock().instant();
            Instant lastStep = journeys.stream().map(SandboxHandle.JourneyInfo::endsAt).max(Instant::compareTo)
                    .orElse(start);
            injectCarrierFaults(start);
            runtime.runClock();
            // a day past the last scan leaves the planner time to poll every shipment once more, and the stall
            // detector its hourly runs
            Instant playUntil = (lastStep.isAfter(start) ? lastStep : start).plus(Duration.ofDays(1));
            boolean timedOut = waitUntilQuiet(playUntil, realStart + settings.limit().toMillis());
            return report(posted, System.currentTimeMillis() - realStart, timedOut);
        }

        /** Carrier faults at the run's rate, and one carrier (drawn from the seed) out for {@link #OUTAGE} on day 1. */
        private void injectCarrierFaults(Instant start) {
            if (settings.faultRate() == 0) {
                return;
            }
            List<String> carriers = List.of("ups", "fedex", "usps", "dhl");
            outageCarrier = carriers.get(new SplittableRandom(settings.seed()).nextInt(carriers.size()));
            Instant from = start.plus(Duration.ofHours(36)); // day 1, 12:00 UTC: mornings in America, vans out
            runtime.injectCarrierFaults(settings.faultRate(), settings.seed(), outageCarrier, from,
                    from.plus(OUTAGE), TIMEOUT);
        }

        private int post(List<SandboxHandle.JourneyInfo> journeys) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> futures = new ArrayList<>();
                int n = 0;
                for (SandboxHandle.JourneyInfo j : journeys) {
                    String orderNumber = "CHAOS-" + (++n);
                    journeyByOrder.put(orderNumber, j);
                    String body = DemoOrders.orderJson(orderNumber, j.carrier(), j.trackingNumber(), j.timeZone());
                    futures.add(pool.submit(() -> postOne(http, body)));
                }
                int created = 0;
                for (Future<Boolean> f : futures) {
                    created += f.get() ? 1 : 0;
                }
                progress.printf("chaos: %d orders posted%n", created);
                return created;
            } catch (Exception e) {
                throw new IllegalStateException("posting orders failed", e);
            } finally {
                pool.shutdownNow();
            }
        }

        private boolean postOne(HttpClient http, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/v1/orders"))
                    .header("Authorization", "Bearer " + runtime.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Over the merchant's request rate: wait as told (simulated seconds; the clock is held, so real ones)
            for (int attempt = 0; (r.statusCode() == 429 || r.statusCode() >= 500) && attempt < 60; attempt++) {
                Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() != 201) {
                progress.println("chaos: order refused: " + r.statusCode() + " " + r.body());
            }
            return r.statusCode() == 201;
        }

        /** Until simulated time passed {@code playUntil}, the poison has landed and nothing moved for 5 s. */
        private boolean waitUntilQuiet(Instant playUntil, long deadline) {
            Instant start = runtime.clock().instant();
            List<Instant> restartsDue = new ArrayList<>();
            if (settings.restarts()) {
                for (int day : RESTART_DAYS) {
                    restartsDue.add(start.plus(Duration.ofDays(day)).plus(Duration.ofHours(15)));
                }
            }
            long playedAt = 0;
            int lastActivity = -1;
            long quietSince = System.currentTimeMillis();
            long lastReport = 0;
            while (System.currentTimeMillis() < deadline) {
                int activity = runtime.outbox().messages().size() + runtime.shipmentChanges().size();
                if (activity != lastActivity) {
                    lastActivity = activity;
                    quietSince = System.currentTimeMillis();
                }
                boolean played = !runtime.clock().instant().isBefore(playUntil);
                if (played && playedAt == 0) {
                    playedAt = System.currentTimeMillis();
                }
                // the poison is given two minutes after the play to reach its queues; if it has not, the report says so
                boolean poisonDone = poison.settled() || (played && System.currentTimeMillis() - playedAt > 120_000);
                // quiet for longer than a claim lease, so a job whose sender died holding the claim has been retried
                if (played && System.currentTimeMillis() - quietSince > QUIET.toMillis() && poisonDone
                        && poison.jobQueuesEmpty()) {
                    return false;
                }
                if (!restartsDue.isEmpty() && !runtime.clock().instant().isBefore(restartsDue.get(0))) {
                    restartsDue.remove(0);
                    progress.printf("chaos: ElasticMQ stops for %d s at simulated %s%n", RESTART_DOWNTIME.toSeconds(),
                            runtime.clock().instant());
                    runtime.restartQueues(RESTART_DOWNTIME);
                    restarts.merge("elasticmq", 1, Integer::sum);
                }
                if (System.currentTimeMillis() - lastReport > 10_000) {
                    lastReport = System.currentTimeMillis();
                    progress.printf("chaos: simulated %s, %d status changes, %d messages, crashes %d%n",
                            runtime.clock().instant(), runtime.shipmentChanges().size(),
                            runtime.outbox().messages().size(),
                            chaos.crashesByPoint().values().stream().mapToLong(Long::longValue).sum());
                }
                pause(1000);
            }
            return true;
        }

        // -------------------------------------------------------------------------------------------- checks

        private JsonNode report(int posted, long realMillis, boolean timedOut) {
            ObjectNode result = EventCodec.MAPPER.createObjectNode();
            result.put("benchmark", "chaos");
            result.put("seed", settings.seed());
            result.put("shipments", posted);
            result.put("faultRate", settings.faultRate());
            result.put("crashRate", settings.crashRate());
            result.put("duplicateRate", settings.duplicateRate());
            result.put("clockFactor", settings.clockFactor());

            List<Outbox.Message> sent = runtime.outbox().messages();
            Map<String, List<Outbox.Message>> sentByOrder = sent.stream().filter(m -> m.orderNumber() != null)
                    .collect(Collectors.groupingBy(Outbox.Message::orderNumber));
            Map<String, List<ShipmentChangeLog.FlagRaised>> flagsByTracking = runtime.shipmentFlagsRaised().stream()
                    .filter(f -> f.trackingNumber() != null)
                    .collect(Collectors.groupingBy(ShipmentChangeLog.FlagRaised::trackingNumber));
            Map<String, List<ShipmentChangeLog.Change>> changesByTracking = runtime.shipmentChanges().stream()
                    .filter(c -> c.trackingNumber() != null)
                    .collect(Collectors.groupingBy(ShipmentChangeLog.Change::trackingNumber));
            long expected = 0;
            long lost = 0;
            long overtaken = 0;
            long neverSeen = 0;
            long unexpected = 0;
            Map<String, Long> lostByMilestone = new TreeMap<>();
            // sent beyond what the journey lists (a send again after a crash, a delay or stall the detector saw
            // that the journey does not script): not a check, shown so a new kind stands out
            Map<String, Long> unexpectedByMessage = new TreeMap<>();
            List<String> lostExamples = new ArrayList<>();
            for (Map.Entry<String, SandboxHandle.JourneyInfo> e : journeyByOrder.entrySet()) {
                SandboxHandle.JourneyInfo journey = e.getValue();
                List<ShipmentChangeLog.Change> changes = changesByTracking.getOrDefault(journey.trackingNumber(), List.of());
                ChaosExpectations.Verdict v = ChaosExpectations.judge(journey.expectedMessages(), changes,
                        flagsByTracking.getOrDefault(journey.trackingNumber(), List.of()),
                        sentByOrder.getOrDefault(e.getKey(), List.of()), OVERTAKE_WINDOW);
                expected += v.expected();
                lost += v.lost();
                overtaken += v.overtaken();
                neverSeen += v.neverSeen();
                unexpected += v.unexpected();
                v.unexpectedByMessage().forEach((k, n) -> unexpectedByMessage.merge(k, n, Long::sum));
                for (String message : v.lostMessages()) {
                    String key = message.split(" ")[0] + " " + message.split(" ")[1];
                    lostByMilestone.merge(key, 1L, Long::sum);
                    if (lostExamples.size() < 10) {
                        lostExamples.add(e.getKey() + " " + journey.carrier() + " " + journey.journey() + " "
                                + journey.trackingNumber() + ": " + message + "; statuses seen "
                                + changes.stream().map(ShipmentChangeLog.Change::to).toList());
                    }
                }
            }
            Map<String, Long> byLedgerKey = sent.stream().collect(Collectors.groupingBy(ChaosInjector::ledgerKey,
                    Collectors.counting()));
            Set<String> crashedAfterSend = chaos.crashedAfterSend();
            long duplicates = 0;
            long sentAgainAfterCrash = 0;
            List<String> duplicateExamples = new ArrayList<>();
            for (Map.Entry<String, Long> e : byLedgerKey.entrySet()) {
                if (e.getValue() < 2) {
                    continue;
                }
                if (crashedAfterSend.contains(e.getKey())) {
                    sentAgainAfterCrash += e.getValue() - 1;
                } else {
                    duplicates += e.getValue() - 1;
                    if (duplicateExamples.size() < 10) {
                        duplicateExamples.add(e.getKey() + " x" + e.getValue());
                    }
                }
            }
            List<String> regressions = regressions();
            long eventsStoredTwice = eventsStoredTwice();
            ChaosPoison.DeadLetters deadLetters = poison.deadLetters(outageCarrier);

            result.put("milestonesExpected", expected);
            result.put("messagesSent", sent.size());
            result.put("lost", lost);
            result.put("overtakenBeforeItCouldBeSent", overtaken);
            result.put("neverKnownToTheTable", neverSeen);
            result.put("duplicates", duplicates);
            result.put("sentAgainAfterCrashBetweenSendAndRecord", sentAgainAfterCrash);
            result.put("crashesBetweenSendAndRecord", crashedAfterSend.size());
            result.put("regressions", regressions.size());
            result.put("eventsStoredTwice", eventsStoredTwice);
            result.put("unexpectedMessages", unexpected);
            result.set("deadLetters", deadLetters.json());
            result.put("unexpectedDeadLetters", deadLetters.unexpected());
            result.put("plansDeadLetteredInTheOutage", deadLetters.outagePlans());
            result.put("poisonNotDeadLettered", deadLetters.poisonMissing());

            List<Long> latencies = scanToMessageLatencies(sent);
            ObjectNode latency = result.putObject("scanToMessageMs");
            latency.put("samples", latencies.size());
            latency.put("p95", PipelineBench.percentile(latencies, 95));
            latency.put("max", latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));

            ObjectNode injected = result.putObject("injected");
            injected.set("carrierFaults", EventCodec.MAPPER.valueToTree(runtime.injectedCarrierFaults()));
            injected.set("crashes", EventCodec.MAPPER.valueToTree(chaos.crashesByPoint()));
            injected.put("crashesTotal", chaos.crashesByPoint().values().stream().mapToLong(Long::longValue).sum());
            injected.set("duplicatedDeliveries", EventCodec.MAPPER.valueToTree(chaos.duplicatedDeliveries()));
            injected.set("poison", poison.describe());
            injected.set("restarts", EventCodec.MAPPER.valueToTree(restarts));
            ObjectNode examples = result.putObject("examples");
            examples.set("lost", EventCodec.MAPPER.valueToTree(lostExamples));
            examples.set("lostByMilestone", EventCodec.MAPPER.valueToTree(lostByMilestone));
            examples.set("unexpectedByMessage", EventCodec.MAPPER.valueToTree(unexpectedByMessage));
            examples.set("duplicates", EventCodec.MAPPER.valueToTree(duplicateExamples));
            examples.set("regressions", EventCodec.MAPPER.valueToTree(regressions.stream().limit(10).toList()));
            result.put("realSeconds", realMillis / 1000.0);
            result.put("timedOut", timedOut);
            boolean ok = !timedOut && lost == 0 && duplicates == 0 && regressions.isEmpty() && eventsStoredTwice == 0
                    && deadLetters.unexpected() == 0 && deadLetters.poisonMissing() == 0 && posted == settings.shipments();
            result.put("ok", ok);
            return result;
        }

        /** Status changes seen on the table's stream that moved a shipment backwards or out of a terminal status. */
        private List<String> regressions() {
            List<String> out = new ArrayList<>();
            for (ShipmentChangeLog.Change c : runtime.shipmentChanges()) {
                if (c.from() == null) {
                    continue;
                }
                ShipmentStatus from;
                ShipmentStatus to;
                try {
                    from = ShipmentStatus.valueOf(c.from());
                    to = ShipmentStatus.valueOf(c.to());
                } catch (IllegalArgumentException e) {
                    continue; // the poison record's status: not a status the product wrote
                }
                boolean backwards = ShipmentStateMachine.decide(from, null, to, null).outcome()
                        == StatusDecision.Outcome.REGRESSION;
                if (from.isTerminal() || backwards) {
                    out.add(c.carrier() + " " + c.trackingNumber() + " " + c.from() + "->" + c.to());
                }
            }
            return out;
        }

        /** Carrier events stored more than once for one shipment (the same scan under two ids). */
        private long eventsStoredTwice() {
            Map<String, Integer> counts = new HashMap<>();
            Map<String, AttributeValue> startKey = null;
            do {
                Map<String, AttributeValue> from = startKey;
                var page = runtime.dynamo().scan(b -> b.tableName(runtime.tableName()).exclusiveStartKey(from)
                        .filterExpression("#e = :event").expressionAttributeNames(Map.of("#e", Keys.ENTITY))
                        .expressionAttributeValues(Map.of(":event", AttributeValue.fromS("EVENT"))));
                for (Map<String, AttributeValue> item : page.items()) {
                    String scan = String.join("|", s(item, Keys.PK), s(item, "time"), s(item, "status"),
                            s(item, "carrierCode"), s(item, "description"), s(item, "location"));
                    counts.merge(scan, 1, Integer::sum);
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
            return counts.values().stream().mapToLong(n -> n - 1).sum();
        }

        private static String s(Map<String, AttributeValue> item, String name) {
            AttributeValue v = item.get(name);
            return v == null ? "" : v.s() != null ? v.s() : String.valueOf(v.n());
        }

        /** For each message a scan caused: real time from the status change (seen on the stream) to the send. */
        private List<Long> scanToMessageLatencies(List<Outbox.Message> sent) {
            Map<String, List<ShipmentChangeLog.Change>> changes = runtime.shipmentChanges().stream()
                    .filter(c -> c.shipmentId() != null && c.from() != null)
                    .collect(Collectors.groupingBy(ShipmentChangeLog.Change::shipmentId));
            List<Long> out = new ArrayList<>();
            for (Outbox.Message m : sent) {
                if (m.shipmentId() == null || !SCAN_MILESTONES.contains(m.milestone())) {
                    continue;
                }
                changes.getOrDefault(m.shipmentId(), List.of()).stream()
                        .filter(c -> c.seenAtMillis() <= m.sentAtRealMillis())
                        .mapToLong(ShipmentChangeLog.Change::seenAtMillis).max()
                        .ifPresent(seen -> out.add(m.sentAtRealMillis() - seen));
            }
            out.sort(Long::compare);
            return out;
        }
    }

    /**
     * The notification ledger's claim lease (120 s in the template) keeps a second copy of a job from sending while
     * the first is still at work: it must outlast a send. It is reckoned on the simulated clock, where 120 s are 33
     * real milliseconds at 3600x, less than a send takes here; so the run gives it ten real seconds, which keeps
     * the template's order (function timeout < lease < visibility timeout) in real time.
     */
    static final Duration CLAIM_LEASE_REAL = Duration.ofSeconds(10);
    /** template.yaml's SES_MAX_SEND_RATE for the email sender (per container), given per simulated second here. */
    static final double TEMPLATE_SES_SENDS_PER_SECOND = 2;

    /**
     * How soon (real time) after a milestone a later change may overtake it and make its message rightly stale: the
     * pipeline's latency under chaos (a crashed batch comes back a visibility timeout later) and a text held through
     * quiet hours (up to 11 simulated hours, 11 s at 3600x).
     */
    static final Duration OVERTAKE_WINDOW = Duration.ofSeconds(20);

    /** How long nothing may move before the run ends: longer than the claim lease plus a visibility timeout. */
    static final Duration QUIET = CLAIM_LEASE_REAL.plusSeconds(5);

    /** Days of the run (15:00 UTC, mid-afternoon in America: scans and sends in full swing) ElasticMQ restarts on. */
    private static final int[] RESTART_DAYS = {1, 2, 4};
    /** How long ElasticMQ is gone each time (real time: at 3600x, two simulated hours). */
    private static final Duration RESTART_DOWNTIME = Duration.ofSeconds(2);

    /** One carrier answers 5xx to everything for this long (simulated). */
    static final Duration OUTAGE = Duration.ofHours(4);
    /** A timeout fault holds the answer back longer than the carriers' request timeout (15 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(16);
    /** Milestones a carrier scan causes. */
    private static final Set<String> SCAN_MILESTONES = Set.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY",
            "AVAILABLE_FOR_PICKUP", "DELIVERED", "EXCEPTION");

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
