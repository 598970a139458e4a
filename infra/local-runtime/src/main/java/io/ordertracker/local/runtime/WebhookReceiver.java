package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import io.ordertracker.storage.DynamoDbWebhookEndpoints;
import io.ordertracker.storage.Keys;
import io.ordertracker.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local runtime's own webhook receiver: {@code POST /_local/webhooks/receiver} (or any path below it, one
 * receiver per name) answers 204 and keeps what arrived, with the Standard Webhooks signature checked against the
 * secrets of the endpoints registered for that URL. {@code POST /_local/webhooks/receiver/fail?for=PT2H} makes it
 * answer 503 for that long in simulated time ({@code for=PT0S} heals it); with {@code &start=first-request} the
 * window opens at the next request instead of now. {@code GET /_local/webhooks} lists the
 * arrivals, HTML or JSON.
 */
public final class WebhookReceiver implements HttpApiGateway.LocalPages {
    static final String RECEIVER = "/_local/webhooks/receiver";
    private static final int MAX_KEPT = 20_000;
    private static final int MAX_BODY = 256 * 1024;

    /** One POST that arrived. @param signature "valid", "invalid" or "unknown endpoint" */
    public record Arrival(Instant arrivedAt, String path, String webhookId, String webhookTimestamp,
                          String webhookSignature, String body, int answered, String signature) {
    }

    private final LocalRuntime runtime;
    private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
    private volatile Instant failUntil = Instant.MIN;
    /** Set by {@code start=first-request}: the failure window opens with the next request. */
    private volatile Duration failFor;

    WebhookReceiver(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    /** Everything that arrived, oldest first. */
    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** The receiver's URL as an endpoint would register it. */
    public String url() {
        return "http://127.0.0.1:" + runtime.port() + RECEIVER;
    }

    /** When the current failure window ends (simulated time); Instant.MIN when not failing. */
    public Instant failingUntil() {
        return failUntil;
    }

    /** Answers 503 until {@code until} (simulated time). */
    public void failUntil(Instant until) {
        this.failUntil = until;
    }

    @Override
    public boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        if (path.equals(RECEIVER + "/fail") && method.equals("POST")) {
            return fail(exchange);
        }
        if ((path.equals(RECEIVER) || path.startsWith(RECEIVER + "/")) && method.equals("POST")) {
            return receive(exchange, path);
        }
        if (path.equals("/_local/webhooks") && method.equals("GET")) {
            ArrayNode list = json();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String query = exchange.getRequestURI().getQuery();
            if ((accept != null && accept.contains("application/json") && !accept.contains("text/html"))
                    || (query != null && query.contains("format=json"))) {
                HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                        EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(list));
            } else {
                HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", "no-store"), html(list));
            }
            return true;
        }
        return false;
    }

    private boolean fail(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String value = query == null ? "" : query.replaceFirst("^.*\\bfor=([^&]*).*$", "$1");
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeException e) {
            HttpApiGateway.send(exchange, 400, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"for must be an ISO-8601 duration, e.g. PT2H\"}");
            return true;
        }
        if (query != null && query.contains("start=first-request")) {
            // from the first request that arrives after this call, however long until it comes
            failFor = d;
            failUntil(Instant.MAX);
            HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "application/json"),
                    "{\"failingFor\":\"" + d + "\",\"from\":\"the next request\"}");
            return true;
        }
        failFor = null;
        Instant until = runtime.clock().instant().plus(d);
        failUntil(until);
        HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "application/json"),
                "{\"failingUntil\":\"" + until + "\"}");
        return true;
    }

    private boolean receive(HttpExchange exchange, String path) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readNBytes(MAX_BODY);
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        var h = exchange.getRequestHeaders();
        String id = h.getFirst("webhook-id");
        String ts = h.getFirst("webhook-timestamp");
        String sig = h.getFirst("webhook-signature");
        Instant now = runtime.clock().instant();
        synchronized (this) {
            if (failFor != null) {
                failUntil = now.plus(failFor);
                failFor = null;
            }
        }
        int status = now.isBefore(failUntil) ? 503 : 204;
        String check = verify(path, id, ts, body, sig, now);
        synchronized (arrivals) {
            if (arrivals.size() >= MAX_KEPT) {
                arrivals.remove(0);
            }
            arrivals.add(new Arrival(now, path, id, ts, sig, body, status, check));
        }
        HttpApiGateway.send(exchange, status, Map.of(), new byte[0]);
        return true;
    }

    /** Checks the signature with the secrets of every endpoint registered for this receiver path. */
    private String verify(String path, String id, String ts, String body, String sig, Instant now) {
        List<String> secrets = new ArrayList<>();
        for (WebhookEndpoint e : endpoints()) {
            String urlPath = java.net.URI.create(e.url()).getPath();
            if (urlPath != null && urlPath.replaceAll("/+$", "").equals(path)) {
                secrets.addAll(e.signingSecrets(now));
            }
        }
        if (secrets.isEmpty()) {
            return "unknown endpoint";
        }
        // The 5-minute timestamp tolerance is real time: at --clock-factor F a request's few real milliseconds
        // of travel are F times as many simulated ones, so the receiver accepts 5 real minutes of lag.
        long nowSeconds = now.getEpochSecond();
        try {
            long lag = nowSeconds - Long.parseLong(ts);
            if (lag >= 0 && lag <= WebhookSignature.TOLERANCE_SECONDS * Math.max(1, runtime.clockFactor())) {
                nowSeconds = Long.parseLong(ts);
            }
        } catch (NumberFormatException | NullPointerException e) {
            // verify() refuses it
        }
        for (String secret : secrets) {
            if (WebhookSignature.verify(secret, id, ts, body, sig, nowSeconds)) {
                return "valid";
            }
        }
        return "invalid";
    }

    /** Every registered endpoint (the local table is small; a scan is fine here and nowhere else). */
    private List<WebhookEndpoint> endpoints() {
        List<WebhookEndpoint> out = new ArrayList<>();
        if (runtime.tableName() == null) {
            return out;
        }
        Supplier<Iterable<Map<String, AttributeValue>>> items = () -> runtime.dynamo().scanPaginator(b -> b
                .tableName(runtime.tableName()).filterExpression("#e = :e")
                .expressionAttributeNames(Map.of("#e", Keys.ENTITY))
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(DynamoDbWebhookEndpoints.ENTITY)))).items();
        DynamoDbWebhookEndpoints store = new DynamoDbWebhookEndpoints(runtime.dynamo(), runtime.tableName());
        for (Map<String, AttributeValue> item : items.get()) {
            store.find(item.get("merchantId").s(), item.get("endpointId").s()).ifPresent(out::add);
        }
        return out;
    }

    private ArrayNode json() {
        ArrayNode out = EventCodec.MAPPER.createArrayNode();
        List<Arrival> list = new ArrayList<>(arrivals());
        Collections.reverse(list);
        for (Arrival a : list) {
            ObjectNode o = out.addObject();
            o.put("arrivedAt", a.arrivedAt().toString());
            o.put("path", a.path());
            o.put("webhookId", a.webhookId());
            o.put("webhookTimestamp", a.webhookTimestamp());
            o.put("webhookSignature", a.webhookSignature());
            o.put("answered", a.answered());
            o.put("signature", a.signature());
            o.put("body", a.body());
        }
        return out;
    }

    private String html(ArrayNode list) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>Webhooks - order-tracker"
                + " local</title><style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{border-bottom:1px solid #ddd;"
                + "padding:.3rem .6rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;max-width:50rem;margin:0}"
                + "</style></head><body><nav><a href=\"/_local\">local runtime</a></nav><h1>Webhooks received</h1><p>Register <code>")
                .append(LocalPages.esc(url())).append("</code> as an endpoint. Failing until: ")
                .append(failUntil.equals(Instant.MIN) ? "not failing" : LocalPages.esc(failUntil.toString()))
                .append(". <a href=\"/_local/webhooks?format=json\">JSON</a></p><table><tr><th>arrived (simulated)</th>"
                        + "<th>answered</th><th>signature</th><th>webhook-id</th><th>body</th></tr>");
        list.forEach(a -> b.append("<tr><td>").append(LocalPages.esc(a.path("arrivedAt").asText())).append("</td><td>")
                .append(a.path("answered").asInt()).append("</td><td>").append(LocalPages.esc(a.path("signature").asText()))
                .append("</td><td>").append(LocalPages.esc(a.path("webhookId").asText())).append("</td><td><pre>")
                .append(LocalPages.esc(a.path("body").asText())).append("</pre></td></tr>"));
        return b.append("</table></body></html>").toString();
    }
}
