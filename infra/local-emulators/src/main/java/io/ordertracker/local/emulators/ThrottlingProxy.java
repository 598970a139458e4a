package io.ordertracker.local.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of an emulator of AWS Query-protocol APIs (moto for SES v1 and SNS) that can refuse chosen
 * actions the way AWS does when an account goes over its rate: the Query API's {@code ErrorResponse} document with
 * the service's throttling code and status. Moto never throttles on its own; this is how tests make it. Every other
 * request is forwarded unchanged (moto does not check signatures, so the changed Host does not matter).
 */
public final class ThrottlingProxy implements AutoCloseable {
    /** One way AWS refuses an action for going too fast. */
    public record Refusal(String action, int status, String code, String message) {
        /** SES v1 SendEmail over the account's maximum send rate. */
        public static final Refusal SES_SEND_EMAIL =
                new Refusal("SendEmail", 400, "Throttling", "Maximum sending rate exceeded.");
        /** SES v1 SendRawEmail (how the email sender sends) over the account's maximum send rate. */
        public static final Refusal SES_SEND_RAW_EMAIL =
                new Refusal("SendRawEmail", 400, "Throttling", "Maximum sending rate exceeded.");
        /** SNS Publish over the account's rate (ThrottledException). */
        public static final Refusal SNS_PUBLISH = new Refusal("Publish", 429, "Throttled", "Rate exceeded");
        /** SNS's opt-out lookup, whose own limit is low. */
        public static final Refusal SNS_OPT_OUT_CHECK =
                new Refusal("CheckIfPhoneNumberIsOptedOut", 429, "Throttled", "Rate exceeded");
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final Map<String, Refusal> refusing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();

    private ThrottlingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A proxy on a free loopback port forwarding to {@code target}, refusing nothing yet. */
    public static ThrottlingProxy start(URI target) {
        try {
            return new ThrottlingProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the throttling proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, answers these actions with their refusal (and only these); none: throttling stops. */
    public void throttle(Refusal... refusals) {
        refusing.clear();
        for (Refusal r : refusals) {
            refusing.put(r.action(), r);
        }
    }

    /** How many requests for {@code action} were refused. */
    public int refused(String action) {
        return refused.getOrDefault(action, new AtomicInteger()).get();
    }

    /** How many requests for {@code action} were forwarded to the emulator. */
    public int forwarded(String action) {
        return forwarded.getOrDefault(action, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String action = action(exchange, body);
            Refusal refusal = action == null ? null : refusing.get(action);
            if (refusal != null) {
                refused.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
                respond(exchange, refusal.status(), Map.of("Content-Type", List.of("text/xml")),
                        errorDocument(refusal).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (action != null) {
                forwarded.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        respond(exchange, response.statusCode(), response.headers().map(), response.body());
    }

    private static void respond(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The Query protocol names the action in the form body (POST) or the query string (GET). */
    static String action(HttpExchange exchange, byte[] body) {
        String form = exchange.getRequestMethod().equalsIgnoreCase("POST")
                ? new String(body, StandardCharsets.UTF_8) : exchange.getRequestURI().getRawQuery();
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** What AWS's Query APIs answer on an error. */
    static String errorDocument(Refusal refusal) {
        return "<ErrorResponse><Error><Type>Sender</Type><Code>" + refusal.code() + "</Code><Message>"
                + refusal.message() + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
