package io.ordertracker.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Carrier;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One carrier's endpoints under its prefix, answering in that carrier's real formats. */
abstract class CarrierApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP request as the sandbox sees it (path relative to the carrier prefix). */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        Map<String, String> form() {
            return parseForm(body);
        }

        Map<String, String> queryParams() {
            return parseForm(query);
        }
    }

    /** An HTTP answer. */
    record Reply(int status, String body, String contentType, Map<String, String> headers) {
        static Reply json(int status, Object node) {
            try {
                return new Reply(status, JSON.writeValueAsString(node), "application/json", Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, contentType, h);
        }
    }

    protected final Carrier carrier;
    protected final Clock clock;
    protected final TokenStore tokens;
    protected final Map<String, Journey> journeys;

    CarrierApi(Carrier carrier, Clock clock, TokenStore tokens, Map<String, Journey> journeys) {
        this.carrier = carrier;
        this.clock = clock;
        this.tokens = tokens;
        this.journeys = journeys;
    }

    /** Whether the path is the token endpoint (faults are injected into tracking calls only). */
    abstract boolean isTokenPath(String path);

    abstract Reply handle(Request request);

    abstract Reply serverError();

    abstract Reply rateLimited();

    /** The journey for a number, unless it is a NOT_FOUND journey or nothing has happened yet. */
    protected Optional<Journey> visibleJourney(String number) {
        Journey journey = journeys.get(number);
        if (journey == null || journey.isNotFound() || journey.visibleSteps(clock.instant()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(journey);
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static Duration tokenLifetime() {
        return Duration.ofHours(1);
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    static String[] basicAuth(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
