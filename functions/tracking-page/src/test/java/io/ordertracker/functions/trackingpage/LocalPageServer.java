package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's route of the HTTP API on loopback, for the browser tests: a request to {@code GET /t/{token}} becomes
 * the payload 2.0 event API Gateway sends (lower-cased headers, repeated headers joined with commas, the path
 * parameter decoded), the handler's response goes back as is. A {@code HEAD} goes through with its own method (so a
 * test can show it is not counted as a view) and gets no body. Anything else is API Gateway's 404.
 */
final class LocalPageServer implements AutoCloseable {
    private static final Pattern ROUTE = Pattern.compile("/t/([^/]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final TrackingPageFunction function;

    LocalPageServer(TrackingPageFunction function) {
        this.function = function;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            Matcher m = ROUTE.matcher(rawPath);
            String method = exchange.getRequestMethod();
            if (!(method.equals("GET") || method.equals("HEAD")) || !m.matches()) {
                send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
                return;
            }
            APIGatewayV2HTTPResponse response = function.handleRequest(event(exchange, rawPath,
                    URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)), null);
            send(exchange, response.getStatusCode(), response.getHeaders(),
                    method.equals("HEAD") ? null : response.getBody());
        }
    }

    private APIGatewayV2HTTPEvent event(HttpExchange exchange, String rawPath, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String host = "127.0.0.1:" + server.getAddress().getPort();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /t/{token}")
                .withRawPath(rawPath)
                .withRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
                .withHeaders(headers)
                .withPathParameters(Map.of("token", token))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("GET /t/{token}").withAccountId("000000000000").withStage("$default")
                        .withApiId("local").withDomainName(host).withDomainPrefix("local")
                        .withRequestId(UUID.randomUUID().toString()).withTimeEpoch(System.currentTimeMillis())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(exchange.getRequestMethod())
                                .withPath(rawPath).withProtocol("HTTP/1.1")
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", "")).build())
                        .build())
                .build();
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        if (headers != null) {
            headers.forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v)));
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        boolean noBody = status == 304 || bytes.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
