package io.ordertracker.functions.ordersapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.orders.OrderListPosition;
import io.ordertracker.domain.orders.OrderListQuery;
import io.ordertracker.functions.ordersapi.OrderRequestParser.Parsed;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpResponses.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /v1/orders}: filters, page size and the cursor, each refused with the parameter named.
 * The cursor is base64url JSON of where the last page ended and whose list it is; a cursor of another merchant's
 * list is refused, and the store rebuilds the start key from the caller's own merchant id anyway.
 */
final class OrderListParser {
    private static final Set<String> PARAMETERS = Set.of("status", "hasException", "delayed", "carrier",
            "createdSince", "updatedSince", "limit", "cursor");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    Parsed<OrderListQuery> parse(Map<String, String> query, String merchantId) {
        List<FieldError> errors = new ArrayList<>();
        query.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(printable(k), "is not a filter of the order list")));
        ShipmentStatus status = null;
        String statusText = query.get("status");
        if (statusText != null) {
            try {
                status = ShipmentStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be a shipment status such as IN_TRANSIT or DELIVERED"));
            }
        }
        Boolean hasException = bool(query, "hasException", errors);
        Boolean delayed = bool(query, "delayed", errors);
        Carrier carrier = null;
        if (query.get("carrier") != null) {
            carrier = Carrier.fromCode(query.get("carrier")).orElse(null);
            if (carrier == null) {
                errors.add(new FieldError("carrier", "must be one of ups, fedex, usps, dhl"));
            }
        }
        Instant createdSince = instant(query, "createdSince", errors);
        Instant updatedSince = instant(query, "updatedSince", errors);
        int limit = OrderListQuery.DEFAULT_LIMIT;
        String limitText = query.get("limit");
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,3}") || Integer.parseInt(limitText) < 1
                    || Integer.parseInt(limitText) > OrderListQuery.MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + OrderListQuery.MAX_LIMIT));
            } else {
                limit = Integer.parseInt(limitText);
            }
        }
        OrderListPosition after = query.get("cursor") == null ? null : decodeCursor(query.get("cursor"), merchantId, errors);
        if (!errors.isEmpty()) {
            return new Parsed<>(null, null, errors);
        }
        return new Parsed<>(new OrderListQuery(status, hasException, delayed, carrier, createdSince, updatedSince,
                limit, after), null, errors);
    }

    static String encodeCursor(String merchantId, OrderListPosition position) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("v", 1);
        cursor.put("m", merchantId);
        cursor.put("t", position.createdAt().toString());
        cursor.put("o", position.orderNumber());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(cursor).getBytes(StandardCharsets.UTF_8));
    }

    private static OrderListPosition decodeCursor(String cursor, String merchantId, List<FieldError> errors) {
        try {
            if (!BASE64URL.matcher(cursor).matches()) {
                throw new IllegalArgumentException("alphabet");
            }
            JsonNode node = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (node == null || !node.isObject() || node.path("v").asInt() != 1 || !node.path("m").isTextual()
                    || !node.path("t").isTextual() || !node.path("o").isTextual()) {
                throw new IllegalArgumentException("shape");
            }
            if (!node.get("m").textValue().equals(merchantId)) {
                errors.add(new FieldError("cursor", "belongs to another list; use the nextCursor of this list"));
                return null;
            }
            String orderNumber = node.get("o").textValue();
            if (!OrderRequestParser.validOrderNumber(orderNumber)) {
                throw new IllegalArgumentException("order number");
            }
            return new OrderListPosition(Instant.parse(node.get("t").textValue()), orderNumber);
        } catch (IllegalArgumentException | JacksonException | DateTimeParseException e) {
            errors.add(new FieldError("cursor", "is not a cursor this API issued; pass nextCursor unchanged"));
            return null;
        }
    }

    private static Boolean bool(Map<String, String> query, String name, List<FieldError> errors) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.add(new FieldError(name, "must be true or false"));
                yield null;
            }
        };
    }

    private static Instant instant(Map<String, String> query, String name, List<FieldError> errors) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() > 40) {
                throw new DateTimeParseException("length", value, 0);
            }
            Instant instant = Instant.parse(value);
            if (instant.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || instant.isAfter(Instant.parse("2100-01-01T00:00:00Z"))) {
                throw new DateTimeParseException("range", value, 0);
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO 8601 instant in UTC such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    /** An unknown parameter's name is echoed in the problem: only its printable ASCII, at most 64 characters. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^\\x21-\\x7e]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
