package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.runtime.PipelineTimeline.Hop;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./tracker bench pipeline --orders N [--clock-factor F] [--max-seconds S]}: starts the local runtime, posts N
 * orders (one parcel each, cycling through the sandbox's journeys), plays simulated time until every journey has
 * ended and the pipeline has gone quiet, and prints, last, one line of JSON: AWS requests counted per service,
 * Lambda GB-seconds per function (measured handler time x configured memory), the cost per 1,000 shipments from
 * the price table in this module ({@code prices.json}, with sources and date), infrastructure apart from message
 * fees, and scan-to-email latency p50/p95 in real milliseconds.
 */
public final class PipelineBench {
    private PipelineBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int orders = 100;
        double factor = 3600;
        int maxSeconds = 600;
        try {
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--orders" -> orders = Integer.parseInt(args[i + 1]);
                    case "--clock-factor" -> factor = Double.parseDouble(args[i + 1]);
                    case "--max-seconds" -> maxSeconds = Integer.parseInt(args[i + 1]);
                    default -> {
                        err.println("usage: ./tracker bench pipeline --orders N [--clock-factor F] [--max-seconds S]");
                        return 2;
                    }
                }
            }
        } catch (NumberFormatException e) {
            err.println("not a number: " + e.getMessage());
            orders = 0;
        }
        if (args.length % 2 != 0 || orders < 1 || factor <= 0 || maxSeconds < 1) {
            err.println("usage: ./tracker bench pipeline --orders N [--clock-factor F] [--max-seconds S]");
            return 2;
        }
        JsonNode result;
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockFactor(factor))) {
            result = measure(runtime, orders, Duration.ofSeconds(maxSeconds), err);
        }
        out.flush();
        out.println(result.toString()); // after the runtime has stopped, so nothing prints after it
        return 0;
    }

    /** Runs the benchmark on a started runtime; the result is the JSON line printed last. */
    static JsonNode measure(LocalRuntime runtime, int orders, Duration limit, PrintStream progress) {
        List<SandboxHandle.JourneyInfo> journeys = runtime.journeys().stream()
                .filter(j -> !j.journey().equals("not-found")).toList();
        if (journeys.isEmpty()) {
            throw new IllegalStateException("the carrier sandbox is not running: nothing to track");
        }
        AwsCallRecorder.reset();
        PipelineTimeline.start();
        runtime.resetShipmentWriteCounts();
        runtime.outbox().clear();
        long realStart = System.currentTimeMillis();
        Instant simulatedStart = runtime.clock().instant();
        int posted = post(runtime, orders, journeys, progress);
        Instant lastEnd = journeys.stream().map(SandboxHandle.JourneyInfo::endsAt).max(Instant::compareTo).orElseThrow();
        Instant playUntil = (lastEnd.isAfter(simulatedStart) ? lastEnd : simulatedStart).plus(Duration.ofDays(1));
        long deadline = realStart + limit.toMillis();
        int lastActivity = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            int activity = runtime.outbox().messages().size() + runtime.shipmentChanges().size();
            if (activity != lastActivity) {
                lastActivity = activity;
                quietSince = System.currentTimeMillis();
            }
            boolean played = !runtime.clock().instant().isBefore(playUntil);
            if (played && System.currentTimeMillis() - quietSince > 3000) {
                break;
            }
            progress.printf("bench: simulated %s, %d status changes, %d messages%n", runtime.clock().instant(),
                    runtime.shipmentChanges().size(), runtime.outbox().messages().size());
            pause(2000);
        }
        boolean timedOut = System.currentTimeMillis() >= deadline;
        PipelineTimeline.stop();
        JsonNode result = report(runtime, posted, System.currentTimeMillis() - realStart, timedOut);
        printHops(result.path("scanToEmailHopsMs"), progress);
        printSlowest(chains(runtime.outbox().messages(), PipelineTimeline.marks()), realStart, progress);
        return result;
    }

    private static int post(LocalRuntime runtime, int orders, List<SandboxHandle.JourneyInfo> journeys, PrintStream progress) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger created = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                SandboxHandle.JourneyInfo j = journeys.get(i % journeys.size());
                String body = DemoOrders.orderJson("BENCH-" + (i + 1), j.carrier(), j.trackingNumber(), j.timeZone());
                futures.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/v1/orders"))
                            .header("Authorization", "Bearer " + runtime.apiKey())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    // Eight posting threads outrun the merchant's request rate (MerchantRequestsPerSecond): wait as
                    // told, like a well-behaved client. Retry-After counts simulated seconds; a real second is never
                    // shorter, so waiting that many real seconds is always enough.
                    for (int attempt = 0; r.statusCode() == 429 && attempt < 30; attempt++) {
                        Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                        r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    if (r.statusCode() == 201) {
                        created.incrementAndGet();
                    } else {
                        progress.println("bench: order refused: " + r.statusCode() + " " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("posting orders failed", e);
        } finally {
            pool.shutdownNow();
        }
        return created.get();
    }

    static JsonNode report(LocalRuntime runtime, int shipments, long realMillis, boolean timedOut) {
        JsonNode prices = prices();
        ObjectNode result = EventCodec.MAPPER.createObjectNode();
        result.put("benchmark", "pipeline");
        result.put("shipments", shipments);
        result.put("realSeconds", realMillis / 1000.0);
        result.put("clockFactor", runtime.clockFactor());
        result.put("timedOut", timedOut);
        result.set("requests", EventCodec.MAPPER.valueToTree(AwsCallRecorder.countsByService()));

        Map<String, Double> infra = new LinkedHashMap<>();
        Map<String, Double> fees = new LinkedHashMap<>();
        ObjectNode lambda = result.putObject("lambda");
        double gbSeconds = 0;
        long invocations = 0;
        for (LocalFunction f : runtime.functions().values()) {
            if (f.invocations() == 0) {
                continue;
            }
            ObjectNode fn = lambda.putObject(f.name());
            fn.put("invocations", f.invocations());
            fn.put("errors", f.errors());
            fn.put("memoryMb", f.spec().memoryMb());
            fn.put("billedMillis", f.billedMillis());
            fn.put("gbSeconds", round(f.gbSeconds(), 6));
            gbSeconds += f.gbSeconds();
            invocations += f.invocations();
        }
        infra.put("lambdaCompute", gbSeconds * price(prices, "lambda.gbSecond.arm64"));
        infra.put("lambdaRequests", invocations * price(prices, "lambda.request"));

        List<String> writes = new ArrayList<>();
        prices.path("dynamodbWriteOperations").forEach(o -> writes.add(o.asText()));
        Map<String, Long> units = new HashMap<>();
        AwsCallRecorder.unitsByService().forEach((service, ops) -> ops.forEach((op, n) -> {
            String s = service.toLowerCase(Locale.ROOT);
            String key;
            if (s.contains("dynamodb")) {
                key = writes.contains(op) ? "dynamodb.writeRequestUnit" : "dynamodb.readRequestUnit";
            } else if (s.contains("apigateway")) {
                key = "apigateway.http.request";
            } else if (s.equals("sqs")) {
                key = "sqs.request";
            } else if (s.equals("sns")) {
                key = op.equals("Publish") ? null : "sns.request"; // publishes: SMS fee below, or topic publish
            } else if (s.contains("secretsmanager")) {
                key = "secretsmanager.apiCall";
            } else if (s.equals("ssm")) {
                key = "ssm.parameterApiCall";
            } else {
                key = null;
            }
            if (key != null) {
                units.merge(key, n, Long::sum);
            }
        }));
        units.forEach((key, n) -> infra.merge(key, n * price(prices, key), Double::sum));
        long emails = runtime.outbox().messages().stream().filter(m -> m.channel().equals("email")).count();
        long sms = runtime.outbox().messages().stream().filter(m -> m.channel().equals("sms")).count();
        long publishes = AwsCallRecorder.countsByService().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("sns"))
                .mapToLong(e -> e.getValue().getOrDefault("Publish", 0L)).sum();
        long topicPublishes = publishes - sms;
        infra.merge("sns.publish", Math.max(0, topicPublishes) * price(prices, "sns.publish"), Double::sum);
        fees.put("ses.email", emails * price(prices, "ses.email"));
        double smsFees = sms * price(prices, "sns.sms.us");

        double per1000 = shipments == 0 ? 0 : 1000.0 / shipments;
        double infraTotal = infra.values().stream().mapToDouble(Double::doubleValue).sum() * per1000;
        double emailFees = fees.values().stream().mapToDouble(Double::doubleValue).sum() * per1000;
        ObjectNode cost = result.putObject("costPer1000Shipments");
        cost.put("infrastructureUsd", round(infraTotal, 4));
        cost.put("messageFeesUsd", round(emailFees, 4));
        cost.put("totalUsd", round(infraTotal + emailFees, 4));
        cost.put("smsFeesUsdAside", round(smsFees * per1000, 4));
        ObjectNode breakdown = cost.putObject("infrastructureBreakdownUsd");
        infra.forEach((k, v) -> breakdown.put(k, round(v * per1000, 5)));
        cost.put("emailsPerShipment", shipments == 0 ? 0 : round((double) emails / shipments, 2));
        cost.put("smsPerShipment", shipments == 0 ? 0 : round((double) sms / shipments, 2));
        cost.put("priceTable", "infra/local-runtime/src/main/resources/io/ordertracker/local/runtime/prices.json");
        cost.put("pricesAsOf", prices.path("asOf").asText());
        cost.put("targetInfrastructureUsd", 0.20);
        cost.put("targetTotalUsd", 1.00);

        List<Long> latencies = scanToEmailLatencies(runtime);
        ObjectNode latency = result.putObject("scanToEmailMs");
        latency.put("samples", latencies.size());
        latency.put("p50", percentile(latencies, 50));
        latency.put("p95", percentile(latencies, 95));
        latency.put("target_p95", 3000);
        result.put("emails", emails);
        result.put("sms", sms);
        result.set("requestsByFunction", EventCodec.MAPPER.valueToTree(AwsCallRecorder.countsByFunctionAndOperation()));
        result.set("requestsPerShipment", requestsPerShipment(shipments));
        long[] shipmentWrites = runtime.shipmentWriteCounts();
        result.putObject("shipmentStreamRecords").put("total", shipmentWrites[0]).put("scheduleOnly", shipmentWrites[1]);
        ObjectNode stream = result.putObject("streamRecords");
        PipelineTimeline.streamRecords().forEach((f, n) ->
                stream.putObject(f).put("delivered", n[0]).put("filteredOut", n[1]));
        result.set("scanToEmailHopsMs", hops(chains(runtime.outbox().messages(), PipelineTimeline.marks())));
        return result;
    }

    /** AWS requests per shipment by service and operation (what the write-path work of issue #18 is judged by). */
    private static JsonNode requestsPerShipment(int shipments) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        AwsCallRecorder.countsByService().forEach((service, ops) -> ops.forEach((op, n) ->
                out.put(service + "." + op, shipments == 0 ? 0 : round((double) n / shipments, 2))));
        return out;
    }

    /**
     * The marks of one scan's email, in order: the first is where the chain starts (the worker is handed the poll),
     * each other names the hop that ends at it, measured from the mark before.
     */
    static final List<String> HOPS = List.of("pollDeliveredToWorker", "shipmentWritten", "streamRecordToDetector",
            "emailJobQueued", "emailJobToSender", "sesAccepted");

    /** One scan's email: its marks in {@link #HOPS} order (null where the chain breaks), real epoch millis. */
    record Chain(String shipmentId, String milestone, Long[] marks) {
        long total() {
            return marks[0] == null ? -1 : marks[marks.length - 1] - marks[0];
        }
    }

    static List<Chain> chains(List<Outbox.Message> messages, List<PipelineTimeline.Mark> marks) {
        Map<String, List<PipelineTimeline.Mark>> byShipment = new HashMap<>();
        marks.forEach(m -> byShipment.computeIfAbsent(m.shipmentId(), k -> new ArrayList<>()).add(m));
        List<Chain> out = new ArrayList<>();
        for (Outbox.Message m : messages) {
            if (!m.channel().equals("email") || m.shipmentId() == null || !SCAN_MILESTONES.contains(m.milestone())) {
                continue;
            }
            List<PipelineTimeline.Mark> own = byShipment.getOrDefault(m.shipmentId(), List.of());
            long accepted = m.sentAtRealMillis();
            // the job's own marks (a shipment has several jobs; a sender may take one up more than once)
            String job = PipelineTimeline.job(m.milestone(), m.episode());
            Long picked = latest(own, Hop.MESSAGE_DELIVERED, "EmailSenderFunction", job, accepted);
            Long queued = latest(own, Hop.MESSAGE_QUEUED, "ChangeDetectorFunction", job, picked);
            Long read = latest(own, Hop.STREAM_RECORD_DELIVERED, "ChangeDetectorFunction", null, queued);
            Long written = latest(own, Hop.SHIPMENT_WRITTEN, "TrackingWorkerFunction", null, read);
            Long polled = latest(own, Hop.MESSAGE_DELIVERED, "TrackingWorkerFunction", null, written);
            out.add(new Chain(m.shipmentId(), m.milestone(), new Long[] {polled, written, read, queued, picked, accepted}));
        }
        return out;
    }

    /**
     * Per hop, samples and p50/p95 of real milliseconds over every email a carrier scan caused, walking back from
     * the send: the sender's pick-up of the job, the change detector's queueing of it, the stream's
     * delivery of the shipment record to the detector, the shipment write before that, and the tracking queue's
     * delivery of the poll to the worker (the carrier call happens inside the first hop, shipmentWritten). Each
     * mark is the latest of its kind at or before the next one; an email whose chain breaks (the change came from
     * a push, the stall detector or the API) counts only for the hops it has.
     */
    static JsonNode hops(List<Chain> chains) {
        Map<String, List<Long>> hops = new LinkedHashMap<>();
        HOPS.subList(1, HOPS.size()).forEach(h -> hops.put(h, new ArrayList<>()));
        hops.put("workerToSesAccepted", new ArrayList<>());
        for (Chain c : chains) {
            Long[] chain = c.marks();
            for (int i = 1; i < chain.length; i++) {
                if (chain[i - 1] != null) {
                    hops.get(HOPS.get(i)).add(chain[i] - chain[i - 1]);
                }
            }
            if (chain[0] != null) {
                hops.get("workerToSesAccepted").add(c.total());
            }
        }
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        hops.forEach((name, values) -> {
            values.sort(Long::compare);
            ObjectNode h = out.putObject(name);
            h.put("samples", values.size());
            h.put("p50", percentile(values, 50));
            h.put("p95", percentile(values, 95));
        });
        return out;
    }

    /** The slowest few chains, hop by hop, so a long tail can be read rather than guessed at. */
    private static void printSlowest(List<Chain> chains, long realStart, PrintStream progress) {
        chains.stream().filter(c -> c.marks()[0] != null)
                .sorted((a, b) -> Long.compare(b.total(), a.total())).limit(5).forEach(c -> {
                    StringBuilder line = new StringBuilder(String.format("bench: slow: %s %s at +%d ms:", c.shipmentId(),
                            c.milestone(), c.marks()[0] - realStart));
                    for (int i = 1; i < c.marks().length; i++) {
                        line.append(' ').append(HOPS.get(i)).append('=').append(c.marks()[i] - c.marks()[i - 1]);
                    }
                    progress.println(line);
                });
    }

    /**
     * The latest mark of a kind at or before {@code notAfter} (null when that is null); of the given notification
     * job, unless that is null.
     */
    private static Long latest(List<PipelineTimeline.Mark> marks, Hop hop, String function, String job, Long notAfter) {
        if (notAfter == null) {
            return null; // the chain broke at a later mark
        }
        Long best = null;
        for (PipelineTimeline.Mark m : marks) {
            if (m.hop() == hop && m.function().equals(function) && m.atMillis() <= notAfter
                    && (job == null || job.equals(m.job()))
                    && (best == null || m.atMillis() > best)) {
                best = m.atMillis();
            }
        }
        return best;
    }

    private static void printHops(JsonNode hops, PrintStream progress) {
        progress.println("bench: scan-to-email, per hop (real ms):        samples    p50    p95");
        hops.fields().forEachRemaining(e -> progress.printf("bench:   %-40s %7d %6d %6d%n", e.getKey(),
                e.getValue().path("samples").asInt(), e.getValue().path("p50").asLong(), e.getValue().path("p95").asLong()));
    }

    /** Milestones a carrier scan causes (the others come from the clock or the order, not from a scan). */
    private static final java.util.Set<String> SCAN_MILESTONES = java.util.Set.of("SHIPPED", "IN_TRANSIT",
            "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP", "DELIVERED", "EXCEPTION");

    /**
     * For each email a scan caused: real time from the shipment's status change (seen on the table's stream, right
     * after the tracking worker wrote it) to the send.
     */
    static List<Long> scanToEmailLatencies(LocalRuntime runtime) {
        List<ShipmentChangeLog.Change> changes = runtime.shipmentChanges();
        List<Long> out = new ArrayList<>();
        for (Outbox.Message m : runtime.outbox().messages()) {
            if (!m.channel().equals("email") || m.shipmentId() == null || !SCAN_MILESTONES.contains(m.milestone())) {
                continue;
            }
            changes.stream()
                    .filter(c -> m.shipmentId().equals(c.shipmentId()) && c.from() != null
                            && c.seenAtMillis() <= m.sentAtRealMillis())
                    .mapToLong(ShipmentChangeLog.Change::seenAtMillis).max()
                    .ifPresent(seen -> out.add(m.sentAtRealMillis() - seen));
        }
        out.sort(Long::compare);
        return out;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static JsonNode prices() {
        try (InputStream in = PipelineBench.class.getResourceAsStream("prices.json")) {
            return EventCodec.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double price(JsonNode prices, String key) {
        JsonNode p = prices.path("prices").path(key).path("usd");
        if (p.isMissingNode()) {
            throw new IllegalStateException("prices.json has no price for " + key);
        }
        return p.asDouble();
    }

    private static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
