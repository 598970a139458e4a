package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ordertracker.domain.Carrier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local stand-in for the four carriers: one HTTP server, each carrier's real paths under its prefix
 * ({@code http://127.0.0.1:PORT/ups/api/track/v1/details/...}), scripted journeys played on a {@link SandboxClock},
 * faults injected on demand. Admin endpoints: {@code GET /_sandbox/journeys}, {@code POST /_sandbox/faults},
 * {@code DELETE /_sandbox/faults}, {@code GET /_sandbox/clock}.
 */
public final class CarrierSandbox implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxClock clock;
    private final List<Journey> journeys;
    private final FaultInjector faults = new FaultInjector();
    private final TokenStore tokens;
    private final Map<Carrier, CarrierApi> apis = new EnumMap<>(Carrier.class);
    private final Map<Carrier, AtomicInteger> trackingCalls = new EnumMap<>(Carrier.class);
    private final Map<Carrier, AtomicInteger> tokenCalls = new EnumMap<>(Carrier.class);

    private CarrierSandbox(HttpServer server, SandboxClock clock, int journeyCopies) {
        this.server = server;
        this.clock = clock;
        this.tokens = new TokenStore(clock);
        this.journeys = Journeys.catalogue(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate(), journeyCopies);
        Map<String, Journey> byNumber = journeys.stream()
                .collect(Collectors.toMap(Journey::trackingNumber, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        apis.put(Carrier.UPS, new UpsApi(clock, tokens, byNumber));
        apis.put(Carrier.FEDEX, new FedexApi(clock, tokens, byNumber));
        apis.put(Carrier.USPS, new UspsApi(clock, tokens, byNumber));
        apis.put(Carrier.DHL, new DhlApi(clock, tokens, byNumber));
        for (Carrier c : Carrier.values()) {
            trackingCalls.put(c, new AtomicInteger());
            tokenCalls.put(c, new AtomicInteger());
            server.createContext("/" + c.code(), exchange -> serveCarrier(c, exchange));
        }
        server.createContext("/_sandbox", this::serveAdmin);
        // one thread per request: a SLOW answer for one carrier must not hold up the others
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
    }

    /**
     * Starts on 127.0.0.1.
     *
     * @param port 0 for an ephemeral port
     */
    public static CarrierSandbox start(int port, SandboxClock clock) {
        return start(port, clock, 1);
    }

    /**
     * Starts on 127.0.0.1 playing the catalogue {@code journeyCopies} times, each copy under its own tracking
     * numbers ({@link Journeys#catalogue(java.time.LocalDate, int)}).
     */
    public static CarrierSandbox start(int port, SandboxClock clock, int journeyCopies) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            CarrierSandbox sandbox = new CarrierSandbox(server, clock, journeyCopies);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the carrier sandbox on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a carrier's API lives, to be used in place of its production base URL. */
    public URI baseUrl(Carrier carrier) {
        return URI.create("http://127.0.0.1:" + port() + "/" + carrier.code());
    }

    public Map<Carrier, URI> baseUrls() {
        Map<Carrier, URI> urls = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            urls.put(c, baseUrl(c));
        }
        return urls;
    }

    public SandboxClock clock() {
        return clock;
    }

    public List<Journey> journeys() {
        return journeys;
    }

    public List<Journey> journeys(Carrier carrier) {
        return journeys.stream().filter(j -> j.carrier() == carrier).toList();
    }

    public Journey journey(Carrier carrier, JourneyKind kind) {
        return journeys.stream().filter(j -> j.carrier() == carrier && j.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " journey for " + carrier));
    }

    public FaultInjector faults() {
        return faults;
    }

    public void inject(Fault fault) {
        faults.inject(fault);
    }

    /**
     * Faults at random from a seed (see {@link RandomFaults}); {@code outageCarrier} (a carrier code, or null)
     * answers 5xx to every tracking call from {@code outageFrom} to {@code outageUntil}. Plain arguments, so a
     * caller that reaches the sandbox by reflection needs none of its types.
     */
    public void injectRandomFaults(double rate, long seed, String outageCarrier, java.time.Instant outageFrom,
                                   java.time.Instant outageUntil, Duration timeout) {
        Carrier outage = outageCarrier == null ? null : Carrier.fromCode(outageCarrier)
                .orElseThrow(() -> new IllegalArgumentException("unknown carrier " + outageCarrier));
        faults.randomly(new RandomFaults(rate, seed, outage, outageFrom, outageUntil, timeout));
    }

    /** Faults applied so far, by kind. */
    public Map<String, Integer> injectedFaults() {
        return faults.injected();
    }

    /** Tracking calls received (faulted or not) since start, for asserting retries and batching. */
    public int trackingCalls(Carrier carrier) {
        return trackingCalls.get(carrier).get();
    }

    public int tokenCalls(Carrier carrier) {
        return tokenCalls.get(carrier).get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serveCarrier(Carrier carrier, HttpExchange exchange) throws IOException {
        try (exchange) {
            CarrierApi api = apis.get(carrier);
            String path = exchange.getRequestURI().getRawPath().substring(carrier.code().length() + 1);
            CarrierApi.Request request = new CarrierApi.Request(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), readBody(exchange));
            if (api.isTokenPath(path)) {
                tokenCalls.get(carrier).incrementAndGet();
                send(exchange, api.handle(request));
                return;
            }
            trackingCalls.get(carrier).incrementAndGet();
            Fault fault = faults.next(carrier, clock.instant()).orElse(null);
            if (fault == null) {
                send(exchange, api.handle(request));
                return;
            }
            switch (fault.kind()) {
                case SERVER_ERROR -> send(exchange, api.serverError());
                case RATE_LIMIT -> send(exchange, api.rateLimited()
                        .withHeader("Retry-After", String.valueOf(fault.retryAfter().toSeconds())));
                case SLOW -> {
                    sleep(fault.delay());
                    send(exchange, api.handle(request));
                }
                case TRUNCATED -> {
                    CarrierApi.Reply reply = api.handle(request);
                    send(exchange, new CarrierApi.Reply(reply.status(),
                            reply.body().substring(0, reply.body().length() / 2), reply.contentType(), reply.headers()));
                }
                case GARBAGE -> send(exchange, new CarrierApi.Reply(200,
                        "<html><head><title>502 Bad Gateway</title></head><body>\u0000\u00ff upstream reset</body>",
                        "text/html", Map.of()));
                case EXPIRED_TOKEN -> {
                    tokens.revokeAll(carrier);
                    send(exchange, api.handle(request));
                }
            }
        } catch (RuntimeException e) {
            // a sandbox bug must still answer, or the client under test just hangs
            send(exchange, new CarrierApi.Reply(500, "{\"sandboxError\":\"" + e + "\"}", "application/json", Map.of()));
        }
    }

    private void serveAdmin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_sandbox/journeys") && method.equals("GET")) {
                ArrayNode list = CarrierApi.JSON.createArrayNode();
                for (Journey j : journeys) {
                    ObjectNode o = list.addObject();
                    o.put("carrier", j.carrier().code());
                    o.put("trackingNumber", j.trackingNumber());
                    o.put("journey", j.kind().wireName());
                    o.put("expectedFinalStatus", j.expectedFinalStatus() == null ? null : j.expectedFinalStatus().name());
                    o.put("promisedDate", j.promisedDate() == null ? null : j.promisedDate().toString());
                    o.put("endsAt", j.steps().isEmpty() ? null : j.endsAt().toString());
                    o.put("destinationTimeZone", j.destinationZone() == null ? null : j.destinationZone().getId());
                    o.put("rescheduledDate", j.rescheduledDate() == null ? null : j.rescheduledDate().toString());
                    ArrayNode estimates = o.putArray("estimateChanges");
                    j.estimateChanges().forEach(c -> estimates.addObject().put("at", c.at(j.startDate()).toString())
                            .put("estimate", j.startDate().plusDays(c.newDay()).toString()));
                    if (j.expectedMessages() != null) {
                        ArrayNode expected = o.putArray("expectedMessages");
                        j.expectedMessages().forEach(expected::add);
                    }
                }
                send(exchange, CarrierApi.Reply.json(200, list));
            } else if (path.equals("/_sandbox/faults") && method.equals("POST")) {
                send(exchange, injectFromJson(readBody(exchange)));
            } else if (path.equals("/_sandbox/faults") && method.equals("DELETE")) {
                faults.clear();
                send(exchange, new CarrierApi.Reply(204, "", "application/json", Map.of()));
            } else if (path.equals("/_sandbox/clock") && method.equals("GET")) {
                ObjectNode o = CarrierApi.JSON.createObjectNode();
                o.put("now", clock.instant().toString());
                send(exchange, CarrierApi.Reply.json(200, o));
            } else {
                send(exchange, CarrierApi.Reply.json(404, CarrierApi.JSON.createObjectNode().put("error", "no such endpoint")));
            }
        }
    }

    /** {"carrier":"ups","kind":"SERVER_ERROR","count":2,"retryAfterSeconds":1,"delayMillis":3000} */
    private CarrierApi.Reply injectFromJson(String body) {
        try {
            JsonNode json = CarrierApi.JSON.readTree(body);
            Carrier carrier = Carrier.fromCode(json.path("carrier").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown carrier"));
            FaultKind kind = FaultKind.valueOf(json.path("kind").asText().toUpperCase(Locale.ROOT));
            Fault fault = Fault.of(carrier, kind, json.path("count").asInt(1));
            if (json.has("retryAfterSeconds")) {
                fault = fault.withRetryAfter(Duration.ofSeconds(json.get("retryAfterSeconds").asLong()));
            }
            if (json.has("delayMillis")) {
                fault = fault.withDelay(Duration.ofMillis(json.get("delayMillis").asLong()));
            }
            faults.inject(fault);
            ObjectNode o = CarrierApi.JSON.createObjectNode();
            o.put("carrier", carrier.code());
            o.put("kind", kind.name());
            o.put("pending", faults.pending(carrier));
            return CarrierApi.Reply.json(202, o);
        } catch (Exception e) {
            return CarrierApi.Reply.json(400, CarrierApi.JSON.createObjectNode().put("error", String.valueOf(e.getMessage())));
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, CarrierApi.Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.status() == 204 ? -1 : bytes.length);
        if (reply.status() != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the sandbox standalone: {@code java ... CarrierSandbox [port] [compression factor]}. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        double factor = args.length > 1 ? Double.parseDouble(args[1]) : 1440; // a day per real minute
        CarrierSandbox sandbox = start(port, SandboxClock.compressed(java.time.Instant.now(), factor));
        System.out.println("carrier sandbox on http://127.0.0.1:" + sandbox.port() + " (journeys: /_sandbox/journeys)");
    }
}
