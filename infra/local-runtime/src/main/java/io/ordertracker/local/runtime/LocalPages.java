package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runtime's own pages on the API port, HTML for people and JSON for scripts ({@code Accept: application/json}
 * or {@code ?format=json}): {@code /_local/outbox} (every email and SMS sent, newest first),
 * {@code /_local/shipments} (status, next poll, flags) and {@code /_local/sandbox/journeys}; {@code /_local/analytics}
 * opens the demo merchant's dashboard (a fresh signed link from MerchantDashboardFunction).
 */
final class LocalPages implements HttpApiGateway.LocalPages {
    private final LocalRuntime runtime;

    LocalPages(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        boolean json = wantsJson(exchange);
        java.util.regex.Matcher engaged = ENGAGED.matcher(path);
        if (engaged.matches()) {
            engage(exchange, java.net.URLDecoder.decode(engaged.group(1), java.nio.charset.StandardCharsets.UTF_8),
                    engaged.group(2));
            return true;
        }
        switch (path) {
            case "/_local" -> html(exchange, "Local runtime", index());
            case "/_local/outbox" -> {
                if (json) {
                    json(exchange, outboxJson());
                } else {
                    html(exchange, "Outbox", outboxHtml());
                }
            }
            case "/_local/shipments" -> {
                ArrayNode shipments = shipmentsJson();
                if (json) {
                    json(exchange, shipments);
                } else {
                    html(exchange, "Shipments", shipmentsHtml(shipments));
                }
            }
            case "/_local/sandbox/journeys" -> {
                ArrayNode journeys = journeysJson();
                if (json || !exchange.getRequestHeaders().getFirst("Accept").contains("text/html")) {
                    json(exchange, journeys);
                } else {
                    html(exchange, "Sandbox journeys", journeysHtml(journeys));
                }
            }
            case "/_local/requests" -> {
                ObjectNode body = EventCodec.MAPPER.createObjectNode();
                body.set("byService", EventCodec.MAPPER.valueToTree(AwsCallRecorder.countsByService()));
                body.set("byFunction", EventCodec.MAPPER.valueToTree(AwsCallRecorder.countsByFunction()));
                ObjectNode functions = body.putObject("functions");
                runtime.functions().values().forEach(f -> functions.putObject(f.name()).put("invocations", f.invocations())
                        .put("errors", f.errors()).put("coldStarts", f.coldStarts()).put("billedMillis", f.billedMillis()));
                json(exchange, body);
            }
            case "/_local/analytics" -> dashboard(exchange);
            case "/_local/clock" -> json(exchange, EventCodec.MAPPER.createObjectNode()
                    .put("now", runtime.clock().instant().toString()).put("factor", runtime.clockFactor()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern ENGAGED = java.util.regex.Pattern.compile("/_local/outbox/([^/]+)/(open|click)");

    /**
     * {@code POST /_local/outbox/{messageId}/open|click}: a shopper opened the email or clicked its link, reported as
     * the configuration set's Open or Click event (202); 404 problem+json for an id no email in the outbox has.
     */
    private void engage(HttpExchange exchange, String messageId, String what) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpApiGateway.send(exchange, 405, Map.of("Allow", "POST", "Content-Type", "application/problem+json"),
                    problem(405, "Method Not Allowed", "POST to report an " + what));
            return;
        }
        var message = runtime.outbox().byMessageId(messageId);
        ProviderEvents events = runtime.providerEvents();
        if (message.isEmpty() || events == null || !events.engaged(message.get(), what.equals("open") ? "Open" : "Click")) {
            HttpApiGateway.send(exchange, 404, Map.of("Content-Type", "application/problem+json", "Cache-Control", "no-store"),
                    problem(404, "Not Found", "messageId: no email sent with a configuration set has this id"));
            return;
        }
        ObjectNode body = EventCodec.MAPPER.createObjectNode().put("messageId", messageId)
                .put("eventType", what.equals("open") ? "Open" : "Click");
        HttpApiGateway.send(exchange, 202, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                EventCodec.MAPPER.writeValueAsBytes(body));
    }

    private static String problem(int status, String title, String detail) {
        return EventCodec.MAPPER.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).toString();
    }

    private static boolean wantsJson(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String query = exchange.getRequestURI().getQuery();
        return (accept != null && accept.contains("application/json") && !accept.contains("text/html"))
                || (query != null && query.contains("format=json"));
    }

    ArrayNode outboxJson() {
        ArrayNode out = EventCodec.MAPPER.createArrayNode();
        for (Outbox.Message m : runtime.outbox().messages()) {
            ObjectNode o = out.addObject();
            o.put("channel", m.channel());
            o.put("to", m.to());
            o.put("subject", m.subject());
            o.put("text", m.text());
            o.put("orderNumber", m.orderNumber());
            o.put("trackingNumber", m.trackingNumber());
            o.put("milestone", m.milestone());
            o.put("sentAt", m.sentAt().toString());
            if (m.episode() != null) {
                o.put("episode", m.episode());
            }
            if (m.messageId() != null) {
                o.put("messageId", m.messageId());
            }
            if (!m.tags().isEmpty()) {
                ObjectNode tags = o.putObject("tags");
                new java.util.TreeMap<>(m.tags()).forEach(tags::put);
            }
            if (m.configurationSet() != null) {
                o.put("configurationSet", m.configurationSet());
            }
            if (m.html() != null) {
                o.put("html", m.html());
            }
            if (m.channel().equals("email")) {
                o.put("language", m.language());
                ObjectNode headers = o.putObject("headers");
                orderedHeaders(m).forEach(headers::put);
            }
        }
        return out;
    }

    ArrayNode shipmentsJson() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (runtime.tableName() != null) {
            runtime.dynamo().scanPaginator(b -> b.tableName(runtime.tableName())
                            .filterExpression("entityType = :s")
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SHIPMENT"))))
                    .items().forEach(items::add);
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> str(i, "createdAt")).reversed());
        ArrayNode out = EventCodec.MAPPER.createArrayNode();
        for (Map<String, AttributeValue> i : items) {
            ObjectNode o = out.addObject();
            for (String name : List.of("merchantId", "orderNumber", "shipmentId", "carrier", "trackingNumber", "status",
                    "reason", "etaDate", "lastScanAt", "createdAt", "updatedAt")) {
                String v = str(i, name);
                if (v != null) {
                    o.put(name, v);
                }
            }
            for (String flag : List.of("delayed", "stalled", "active")) {
                o.put(flag, i.containsKey(flag) && Boolean.TRUE.equals(i.get(flag).bool()));
            }
            if (i.containsKey("nextPollAt") && i.get("nextPollAt").n() != null) {
                o.put("nextPollAt", Instant.ofEpochSecond(Long.parseLong(i.get("nextPollAt").n())).toString());
            }
            String token = str(i, "trackingToken");
            if (token != null) {
                o.put("trackingUrl", runtime.baseUrl() + "/t/" + token);
            }
        }
        return out;
    }

    ArrayNode journeysJson() {
        ArrayNode out = EventCodec.MAPPER.createArrayNode();
        for (SandboxHandle.JourneyInfo j : runtime.journeys()) {
            ObjectNode o = out.addObject();
            o.put("carrier", j.carrier());
            o.put("trackingNumber", j.trackingNumber());
            o.put("journey", j.journey());
            if (j.expectedFinalStatus() != null) {
                o.put("expectedFinalStatus", j.expectedFinalStatus());
            }
            o.put("endsAt", j.endsAt().toString());
            o.put("timeZone", j.timeZone());
        }
        return out;
    }

    private String index() {
        StringBuilder b = new StringBuilder();
        b.append("<p>Simulated time: <b>").append(runtime.clock().instant()).append("</b> (x").append(runtime.clockFactor())
                .append(")</p><ul><li><a href=\"/_local/outbox\">Outbox</a></li><li><a href=\"/_local/shipments\">Shipments</a></li>")
                .append("<li><a href=\"/_local/sandbox/journeys\">Sandbox journeys</a></li>")
                .append("<li><a href=\"/_local/analytics\">Analytics dashboard</a></li></ul><h2>Functions</h2><ul>");
        runtime.functions().values().forEach(f -> b.append("<li>").append(esc(f.name())).append(": ")
                .append(f.invocations()).append(" invocations, ").append(f.errors()).append(" errors</li>"));
        runtime.skipped().forEach(s -> b.append("<li><i>").append(esc(s.function())).append(" skipped: ")
                .append(esc(s.reason())).append("</i></li>"));
        return b.append("</ul>").toString();
    }

    /**
     * {@code /_local/analytics[?from=YYYY-MM-DD&to=YYYY-MM-DD]}: the demo merchant's dashboard, through a fresh link
     * each time: MerchantDashboardFunction's POST /v1/dashboard-links (invoked with the authorizer's answer for the
     * demo merchant, as the gateway would after checking its key), then its GET /d/{token} with that link's token,
     * answered here as the function answered it. Shown at once rather than redirected to: on a fast simulated clock
     * (--clock-factor 3600) a link's hour is a real second. The signed link is in the Link header.
     */
    private void dashboard(HttpExchange exchange) throws IOException {
        if (!runtime.functions().containsKey("MerchantDashboardFunction")) {
            html(exchange, "Analytics dashboard", "<p>MerchantDashboardFunction is not running (see /_local).</p>");
            return;
        }
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && (kv[0].equals("from") || kv[0].equals("to"))) {
                    body.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "POST /v1/dashboard-links");
        event.put("rawPath", "/v1/dashboard-links");
        event.putObject("headers").put("content-type", "application/json");
        event.put("body", body.toString());
        event.put("isBase64Encoded", false);
        ObjectNode ctx = event.putObject("requestContext");
        ctx.put("routeKey", "POST /v1/dashboard-links");
        ctx.putObject("http").put("method", "POST").put("path", "/v1/dashboard-links");
        ctx.putObject("authorizer").putObject("lambda").put("merchantId", runtime.merchantId());
        var answer = runtime.functions().get("MerchantDashboardFunction").invoke(event);
        if (answer.path("statusCode").asInt() != 201) {
            HttpApiGateway.send(exchange, answer.path("statusCode").asInt(500), Map.of("Content-Type",
                    "application/problem+json", "Cache-Control", "no-store"), answer.path("body").asText(""));
            return;
        }
        String url = EventCodec.parse(answer.path("body").asText()).path("url").asText();
        String token = url.substring(url.lastIndexOf("/d/") + 3);
        ObjectNode open = EventCodec.MAPPER.createObjectNode();
        open.put("version", "2.0");
        open.put("routeKey", "GET /d/{token}");
        open.put("rawPath", "/d/" + token);
        open.putObject("headers").put("accept", "text/html");
        open.putObject("pathParameters").put("token", token);
        open.put("isBase64Encoded", false);
        ObjectNode openCtx = open.putObject("requestContext");
        openCtx.put("routeKey", "GET /d/{token}");
        openCtx.putObject("http").put("method", "GET").put("path", "/d/" + token);
        var page = runtime.functions().get("MerchantDashboardFunction").invoke(open);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        page.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        headers.put("Link", "<" + url + ">; rel=\"alternate\"");
        HttpApiGateway.send(exchange, page.path("statusCode").asInt(500), headers, page.path("body").asText(""));
    }

    private String outboxHtml() {
        StringBuilder b = new StringBuilder("<p>Every email and text message sent, newest first. "
                + "<a href=\"/_local/outbox?format=json\">JSON</a></p>");
        List<Outbox.Message> messages = runtime.outbox().messages();
        if (messages.isEmpty()) {
            b.append("<p><i>Nothing sent yet.</i></p>");
        }
        for (Outbox.Message m : messages) {
            b.append("<section class=msg><div class=meta><b>").append(m.channel().toUpperCase()).append("</b> to ")
                    .append(esc(m.to())).append(" &middot; ").append(m.sentAt());
            if (m.milestone() != null) {
                b.append(" &middot; ").append(esc(m.milestone()));
            }
            if (m.orderNumber() != null) {
                b.append(" &middot; order ").append(esc(m.orderNumber()));
            }
            if (m.trackingNumber() != null) {
                b.append(" &middot; ").append(esc(m.trackingNumber()));
            }
            if (m.messageId() != null) {
                // the id that POST /_local/outbox/{messageId}/open and /click take
                b.append(" &middot; message id <code>").append(esc(m.messageId())).append("</code>");
            }
            b.append("</div>");
            if (m.subject() != null) {
                b.append("<h3>").append(esc(m.subject())).append("</h3>");
            }
            if (m.channel().equals("email")) {
                b.append("<p class=meta>Language: ").append(esc(m.language() == null ? "-" : m.language()))
                        .append("</p><details><summary>Headers</summary><table class=headers>");
                orderedHeaders(m).forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>")
                        .append(esc(v)).append("</td></tr>"));
                b.append("</table></details>");
            }
            if (m.html() != null) {
                b.append("<iframe sandbox srcdoc=\"").append(esc(m.html())).append("\"></iframe>");
                b.append("<details><summary>Text version</summary><pre>").append(esc(m.text())).append("</pre></details>");
            } else {
                b.append("<pre>").append(esc(m.text())).append("</pre>");
            }
            b.append("</section>");
        }
        return b.toString();
    }

    /** The key headers first (From, To, ..., List-Unsubscribe, Content-Language), then the rest as sent. */
    private static Map<String, String> orderedHeaders(Outbox.Message m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Outbox.KEY_HEADERS.forEach(k -> {
            if (m.headers().containsKey(k)) {
                out.put(k, m.headers().get(k));
            }
        });
        new java.util.TreeMap<>(m.headers()).forEach(out::putIfAbsent);
        return out;
    }

    private static String shipmentsHtml(ArrayNode shipments) {
        StringBuilder b = new StringBuilder("<p><a href=\"/_local/shipments?format=json\">JSON</a></p><table><tr>"
                + "<th>order</th><th>carrier</th><th>tracking number</th><th>status</th><th>flags</th><th>ETA</th>"
                + "<th>next poll</th><th>page</th></tr>");
        shipments.forEach(s -> {
            String flags = (s.path("delayed").asBoolean() ? "delayed " : "") + (s.path("stalled").asBoolean() ? "stalled " : "")
                    + (s.path("active").asBoolean() ? "" : "not tracked");
            b.append("<tr><td>").append(esc(s.path("orderNumber").asText())).append("</td><td>")
                    .append(esc(s.path("carrier").asText())).append("</td><td>").append(esc(s.path("trackingNumber").asText()))
                    .append("</td><td>").append(esc(s.path("status").asText())).append("</td><td>").append(flags)
                    .append("</td><td>").append(esc(s.path("etaDate").asText(""))).append("</td><td>")
                    .append(esc(s.path("nextPollAt").asText("-"))).append("</td><td>");
            if (s.has("trackingUrl")) {
                b.append("<a href=\"").append(esc(s.get("trackingUrl").asText())).append("\">open</a>");
            }
            b.append("</td></tr>");
        });
        return b.append("</table>").toString();
    }

    private static String journeysHtml(ArrayNode journeys) {
        StringBuilder b = new StringBuilder("<table><tr><th>carrier</th><th>tracking number</th><th>journey</th>"
                + "<th>ends (simulated)</th></tr>");
        journeys.forEach(j -> b.append("<tr><td>").append(esc(j.path("carrier").asText())).append("</td><td>")
                .append(esc(j.path("trackingNumber").asText())).append("</td><td>").append(esc(j.path("journey").asText()))
                .append("</td><td>").append(esc(j.path("endsAt").asText())).append("</td></tr>"));
        return b.append("</table>").toString();
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private static void html(HttpExchange exchange, String title, String content) throws IOException {
        String page = "<!doctype html><html><head><meta charset=utf-8><title>" + esc(title) + " - order-tracker local</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}.msg{border:1px solid #ccc;"
                + "border-radius:6px;padding:1rem;margin:1rem 0}.meta{color:#555;font-size:.9rem}iframe{width:100%;"
                + "height:24rem;border:1px solid #eee}</style></head><body><nav><a href=\"/_local\">local runtime</a> &middot; "
                + "<a href=\"/_local/outbox\">outbox</a> &middot; <a href=\"/_local/shipments\">shipments</a> &middot; "
                + "<a href=\"/_local/sandbox/journeys\">journeys</a></nav><h1>" + esc(title) + "</h1>" + content
                + "</body></html>";
        HttpApiGateway.send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"), page);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
