package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ordertracker.local.emulators.LocalResources;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * API Gateway HTTP API on localhost: every {@code HttpApi} event of every function becomes a route; a request gets
 * the route's Lambda authorizer (REQUEST, payload 2.0, simple responses, cached per identity for ReauthorizeEvery
 * seconds) and then the integration, with the payload 2.0 event. Paths under {@code /_local/} are the runtime's own
 * pages. Errors look like API Gateway's: 401/403/404/500 with {@code {"message": ...}}.
 */
final class HttpApiGateway implements AutoCloseable {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A route: {@code METHOD /path/{param}} -> function, with its authorizer (or none). */
    record Route(String apiId, String method, String path, LocalFunction function, Authorizer authorizer) {
        String routeKey() {
            return method.equals("$default") ? "$default" : method + " " + path;
        }

        /** Path parameters if {@code rawPath} matches this route's path. */
        Optional<Map<String, String>> match(String httpMethod, String rawPath) {
            if (!method.equals("ANY") && !method.equals("$default") && !method.equalsIgnoreCase(httpMethod)) {
                return Optional.empty();
            }
            if (method.equals("$default")) {
                return Optional.of(Map.of());
            }
            String[] want = path.split("/", -1);
            String[] got = rawPath.split("/", -1);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < want.length; i++) {
                String w = want[i];
                if (w.startsWith("{") && w.endsWith("+}")) {
                    if (i >= got.length) {
                        return Optional.empty();
                    }
                    params.put(w.substring(1, w.length() - 2), String.join("/", List.of(got).subList(i, got.length)));
                    return Optional.of(params);
                }
                if (i >= got.length) {
                    return Optional.empty();
                }
                if (w.startsWith("{") && w.endsWith("}")) {
                    if (got[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(w.substring(1, w.length() - 1), URLDecoder.decode(got[i], StandardCharsets.UTF_8));
                } else if (!w.equals(got[i])) {
                    return Optional.empty();
                }
            }
            return want.length == got.length ? Optional.of(params) : Optional.empty();
        }

        /** API Gateway prefers literal segments over parameters, parameters over greedy ones, a method over ANY. */
        int specificity() {
            if (method.equals("$default")) {
                return Integer.MIN_VALUE;
            }
            int score = 0;
            for (String segment : path.split("/")) {
                score += segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 10 : 100;
            }
            return score * 2 + (method.equals("ANY") ? 0 : 1);
        }
    }

    /** A Lambda authorizer of an HttpApi: REQUEST type, identity from headers, simple responses. */
    record Authorizer(String name, LocalFunction function, List<String> identityHeaders, int ttlSeconds,
                      boolean simpleResponses) {
    }

    private record CachedDecision(boolean allowed, JsonNode context, long expiresAtMillis) {
    }

    /** Serves a path under /_local/; returns false if it does not know it. */
    interface LocalPages {
        boolean serve(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Route> routes;
    private final LocalPages pages;
    private final Map<String, CachedDecision> authCache = new ConcurrentHashMap<>();

    HttpApiGateway(int port, List<Route> routes, LocalPages pages) throws IOException {
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::specificity).reversed()).toList();
        this.pages = pages;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Route> routes() {
        return routes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath.startsWith("/_local/") || rawPath.equals("/_local")) {
                if (!pages.serve(exchange)) {
                    send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
                }
                return;
            }
            String method = exchange.getRequestMethod();
            for (Route route : routes) {
                Optional<Map<String, String>> params = route.match(method, rawPath);
                if (params.isPresent()) {
                    serve(exchange, route, params.get());
                    return;
                }
            }
            send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            System.err.println("local runtime: HTTP request failed: " + e);
            send(exchange, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void serve(HttpExchange exchange, Route route, Map<String, String> pathParameters) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        AwsCallRecorder.recordPollerCall("ApiGatewayV2", "HttpRequest", route.function().name());
        ObjectNode event = requestEvent(exchange, route, pathParameters, body);
        ObjectNode requestContext = (ObjectNode) event.get("requestContext");
        if (route.authorizer() != null) {
            Optional<JsonNode> authContext = authorize(route, event);
            if (authContext == null) {
                send(exchange, 401, Map.of("Content-Type", "application/json"), "{\"message\":\"Unauthorized\"}");
                return;
            }
            if (authContext.isEmpty()) {
                send(exchange, 403, Map.of("Content-Type", "application/json"), "{\"message\":\"Forbidden\"}");
                return;
            }
            requestContext.putObject("authorizer").set("lambda", authContext.get());
        }
        JsonNode response;
        try {
            response = route.function().invoke(event);
        } catch (LocalFunction.FunctionError e) {
            logFailure(e);
            send(exchange, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}");
            return;
        }
        writeIntegrationResponse(exchange, response, requestContext.path("requestId").asText());
    }

    /**
     * @return null: no identity (401); empty: denied (403); else the authorizer's context
     */
    private Optional<JsonNode> authorize(Route route, ObjectNode event) {
        Authorizer authorizer = route.authorizer();
        List<String> identity = new ArrayList<>();
        for (String header : authorizer.identityHeaders()) {
            String value = event.path("headers").path(header.toLowerCase(Locale.ROOT)).asText(null);
            if (value == null || value.isEmpty()) {
                return null;
            }
            identity.add(value);
        }
        String cacheKey = authorizer.name() + "\n" + String.join("\n", identity);
        CachedDecision cached = authCache.get(cacheKey);
        long now = System.currentTimeMillis();
        if (cached != null && cached.expiresAtMillis() > now) {
            return cached.allowed() ? Optional.of(cached.context()) : Optional.empty();
        }
        ObjectNode request = event.deepCopy();
        request.put("type", "REQUEST");
        request.put("routeArn", "arn:aws:execute-api:us-east-1:" + LocalResources.ACCOUNT + ":" + route.apiId()
                + "/$default/" + route.routeKey().replace(' ', '/').replace("//", "/"));
        ArrayNode sources = request.putArray("identitySource");
        identity.forEach(sources::add);
        request.remove("body");
        request.remove("isBase64Encoded");
        JsonNode decision;
        try {
            decision = authorizer.function().invoke(request);
        } catch (LocalFunction.FunctionError e) {
            logFailure(e);
            throw new IllegalStateException("authorizer " + authorizer.name() + " failed", e);
        }
        boolean allowed = authorizer.simpleResponses() ? decision.path("isAuthorized").asBoolean(false)
                : allowsByPolicy(decision.path("policyDocument"));
        JsonNode context = decision.path("context").isObject() ? decision.get("context")
                : EventCodec.MAPPER.createObjectNode();
        if (authorizer.ttlSeconds() > 0 && !authorizer.identityHeaders().isEmpty()) { // no identity: no caching
            authCache.put(cacheKey, new CachedDecision(allowed, context, now + authorizer.ttlSeconds() * 1000L));
        }
        return allowed ? Optional.of(context) : Optional.empty();
    }

    /** IAM-policy responses: allowed when some statement allows and none denies. */
    private static boolean allowsByPolicy(JsonNode policy) {
        boolean allow = false;
        for (JsonNode statement : policy.path("Statement")) {
            String effect = statement.path("Effect").asText("");
            if (effect.equalsIgnoreCase("Deny")) {
                return false;
            }
            allow |= effect.equalsIgnoreCase("Allow");
        }
        return allow;
    }

    private ObjectNode requestEvent(HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body) {
        ObjectNode event = EventCodec.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String query = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", query == null ? "" : query);
        ObjectNode headers = event.putObject("headers");
        ArrayNode cookies = EventCodec.MAPPER.createArrayNode();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
            } else {
                headers.put(key, String.join(",", values));
            }
        });
        String host = headers.path("host").asText("localhost:" + port());
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", Integer.toString(port()));
        if (!cookies.isEmpty()) {
            event.set("cookies", cookies);
        }
        if (query != null && !query.isEmpty()) {
            ObjectNode qs = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                qs.put(k, qs.has(k) ? qs.get(k).asText() + "," + v : v);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode pp = event.putObject("pathParameters");
            pathParameters.forEach(pp::put);
        }
        Instant now = Instant.now();
        ObjectNode ctx = event.putObject("requestContext");
        ctx.put("accountId", LocalResources.ACCOUNT);
        ctx.put("apiId", route.apiId());
        ctx.put("domainName", host);
        ctx.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = ctx.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.path("user-agent").asText(""));
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", route.routeKey());
        ctx.put("stage", "$default");
        ctx.put("time", REQUEST_TIME.format(now));
        ctx.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            String contentType = headers.path("content-type").asText("");
            boolean text = contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                    || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded")
                    || contentType.contains("javascript");
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Payload 2.0 responses: a {@code statusCode} object, or any other value sent as a 200 JSON body. */
    private void writeIntegrationResponse(HttpExchange exchange, JsonNode response, String requestId) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("apigw-requestid", requestId);
        if (response.isObject() && response.has("statusCode")) {
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            response.path("multiValueHeaders").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), String.join(",", values));
            });
            response.path("cookies").forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.asText()));
            String body = response.path("body").asText("");
            byte[] bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
            send(exchange, response.path("statusCode").asInt(200), headers, bytes);
            return;
        }
        headers.put("Content-Type", "application/json");
        String body = response.isTextual() ? response.asText() : response.toString();
        send(exchange, 200, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void logFailure(LocalFunction.FunctionError e) {
        System.err.println("local runtime: " + e.getMessage());
        if (e.getCause() != null) {
            e.getCause().printStackTrace();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
