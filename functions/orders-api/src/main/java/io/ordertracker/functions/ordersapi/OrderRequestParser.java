package io.ordertracker.functions.ordersapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.orders.OrderEdit;
import io.ordertracker.domain.orders.NewOrder.NewShipment;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpResponses.FieldError;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a merchant's JSON into a {@link NewOrder}, or says exactly which fields are wrong. Every string is checked
 * for type, length and control characters here, so nothing hostile reaches storage, emails or pages unexamined.
 */
public final class OrderRequestParser {
    public static final int MAX_SHIPMENTS = 20;
    public static final int MAX_ITEMS = 100;

    static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Deliberately plain: one @, a dot in the domain, no spaces, no quotes or angle brackets. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}\\x{2028}\\x{2029}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");

    /** The outcome: either a request or the list of what is wrong with it. */
    public record Parsed<T>(T value, String canonicalHash, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Parsed<NewOrder> parseOrder(String body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = readObject(body, errors);
        if (root == null) {
            return new Parsed<>(null, null, errors);
        }
        String orderNumber = orderNumber(root.get("orderNumber"), "orderNumber", errors);
        Customer customer = customer(root.get("customer"), errors);
        List<OrderItem> items = items(root.get("items"), errors);
        LocalDate promised = date(root.get("promisedDeliveryDate"), "promisedDeliveryDate", errors);
        List<NewShipment> shipments = new ArrayList<>();
        JsonNode shipmentsNode = root.get("shipments");
        if (shipmentsNode != null && !shipmentsNode.isNull()) {
            if (!shipmentsNode.isArray()) {
                errors.add(new FieldError("shipments", "must be an array of {carrier, trackingNumber}"));
            } else if (shipmentsNode.size() > MAX_SHIPMENTS) {
                errors.add(new FieldError("shipments", "at most " + MAX_SHIPMENTS + " shipments per request"));
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < shipmentsNode.size(); i++) {
                    NewShipment s = shipment(shipmentsNode.get(i), "shipments[" + i + "]", errors);
                    if (s != null && !seen.add(s.carrier().code() + "#" + s.trackingNumber())) {
                        errors.add(new FieldError("shipments[" + i + "].trackingNumber", "is listed twice"));
                    }
                    shipments.add(s);
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed<>(null, null, errors);
        }
        NewOrder order = new NewOrder(orderNumber, customer, items, promised, shipments);
        return new Parsed<>(order, Hashing.sha256Hex(Json.write(order)), errors);
    }

    /** What a PATCH may change; orderNumber and shipments have their own operations. */
    private static final Set<String> EDITABLE = Set.of("customer", "items", "promisedDeliveryDate");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("name", "email", "phone", "timeZone", "locale");

    /**
     * A JSON Merge Patch (RFC 7396) of {@code current}: the patch is merged into the order as the API shows it and
     * the result validated exactly as a create is, so a PATCH can store nothing a create would refuse. A field
     * set to null is removed (a removed timeZone or locale falls back to the create defaults).
     */
    public Parsed<OrderEdit> parsePatch(String body, Order current) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode patch = readObject(body, errors);
        if (patch == null) {
            return new Parsed<>(null, null, errors);
        }
        patch.fieldNames().forEachRemaining(name -> {
            if (!EDITABLE.contains(name)) {
                errors.add(new FieldError(name, name.equals("orderNumber") || name.equals("shipments")
                        ? "cannot be changed with PATCH" : "is not a field of an order that can be changed"));
            }
        });
        JsonNode customerPatch = patch.get("customer");
        if (customerPatch != null && customerPatch.isObject()) {
            customerPatch.fieldNames().forEachRemaining(name -> {
                if (!CUSTOMER_FIELDS.contains(name)) {
                    errors.add(new FieldError("customer." + name, "is not a field of the customer"));
                }
            });
        }
        if (!errors.isEmpty()) {
            return new Parsed<>(null, null, errors);
        }
        JsonNode merged = mergePatch(Json.MAPPER.valueToTree(editable(current)), patch);
        Customer customer = customer(merged.get("customer"), errors);
        List<OrderItem> items = items(merged.get("items"), errors);
        LocalDate promised = date(merged.get("promisedDeliveryDate"), "promisedDeliveryDate", errors);
        return errors.isEmpty() ? new Parsed<>(new OrderEdit(customer, items, promised), null, errors)
                : new Parsed<>(null, null, errors);
    }

    /** The editable part of a stored order, in the request's shape. */
    private record Editable(Customer customer, List<OrderItem> items, String promisedDeliveryDate) {
    }

    private static Editable editable(Order o) {
        return new Editable(o.customer(), o.items(),
                o.promisedDeliveryDate() == null ? null : o.promisedDeliveryDate().toString());
    }

    /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }

    public Parsed<NewShipment> parseShipment(String body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = readObject(body, errors);
        if (root == null) {
            return new Parsed<>(null, null, errors);
        }
        NewShipment s = shipmentFields(root, "", errors);
        return errors.isEmpty() ? new Parsed<>(s, null, errors) : new Parsed<>(null, null, errors);
    }

    /** Path parameters are merchant input too. */
    public static boolean validOrderNumber(String value) {
        return value != null && ORDER_NUMBER.matcher(value).matches();
    }

    private static JsonNode readObject(String body, List<FieldError> errors) {
        if (body == null || body.isBlank()) {
            errors.add(new FieldError("body", "a JSON object is required"));
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                errors.add(new FieldError("body", "must be a JSON object"));
                return null;
            }
            return root;
        } catch (JacksonException e) {
            errors.add(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    private static String orderNumber(JsonNode node, String field, List<FieldError> errors) {
        String value = requiredString(node, field, 64, errors);
        if (value != null && !ORDER_NUMBER.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be 1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"));
            return null;
        }
        return value;
    }

    private static Customer customer(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("customer", "is required"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("customer", "must be an object"));
            return null;
        }
        String name = optionalString(node.get("name"), "customer.name", 200, errors);
        String email = optionalString(node.get("email"), "customer.email", 254, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("customer.email", "is not a valid email address"));
        }
        String phone = optionalString(node.get("phone"), "customer.phone", 16, errors);
        if (phone != null && !E164.matcher(phone).matches()) {
            errors.add(new FieldError("customer.phone", "must be an E.164 number such as +15555550123"));
        }
        if (email == null && phone == null && absent(node.get("email")) && absent(node.get("phone"))) {
            errors.add(new FieldError("customer.email", "an email or a phone number is required to notify the shopper"));
        }
        String zone = optionalString(node.get("timeZone"), "customer.timeZone", 64, errors);
        if (zone != null && !validZone(zone)) {
            errors.add(new FieldError("customer.timeZone", "must be an IANA time zone such as America/New_York"));
        }
        String locale = optionalString(node.get("locale"), "customer.locale", 35, errors);
        if (locale != null && !validLocale(locale)) {
            errors.add(new FieldError("customer.locale", "must be a BCP 47 language tag such as en-US"));
        }
        // No locale stays none: the merchant's defaultLanguage applies when a message is written, then English.
        return new Customer(name, email, phone, zone == null ? "UTC" : zone, locale);
    }

    static boolean validZone(String zone) {
        if (!zone.equals("UTC") && !zone.contains("/")) {
            return false; // offsets like +02:00 or abbreviations like EST are not time zones
        }
        return ZoneId.getAvailableZoneIds().contains(zone);
    }

    static boolean validLocale(String tag) {
        try {
            String language = new Locale.Builder().setLanguageTag(tag).build().getLanguage();
            return ISO_LANGUAGES.contains(language);
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /** Well-formed is not enough ("english" is a well-formed tag): the language must be a real ISO 639 one. */
    private static final Set<String> ISO_LANGUAGES = isoLanguages();

    private static Set<String> isoLanguages() {
        return Set.of(Locale.getISOLanguages());
    }

    private static List<OrderItem> items(JsonNode node, List<FieldError> errors) {
        List<OrderItem> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("items", "must be an array"));
            return items;
        }
        if (node.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "at most " + MAX_ITEMS + " items"));
            return items;
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "items[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError(field, "must be an object"));
                continue;
            }
            String name = requiredString(item.get("name"), field + ".name", 200, errors);
            int quantity = 1;
            JsonNode q = item.get("quantity");
            if (q != null && !q.isNull()) {
                // JSON has one number type: 2.0 is the whole number 2 (JSON Schema's integer), 2.5 is not
                if (!q.isNumber() || !q.canConvertToExactIntegral() || !q.canConvertToInt() || q.intValue() < 1
                        || q.intValue() > 10_000) {
                    errors.add(new FieldError(field + ".quantity", "must be a whole number from 1 to 10000"));
                } else {
                    quantity = q.intValue();
                }
            }
            String sku = optionalString(item.get("sku"), field + ".sku", 64, errors);
            items.add(new OrderItem(name, quantity, sku));
        }
        return items;
    }

    private static LocalDate date(JsonNode node, String field, List<FieldError> errors) {
        String value = optionalString(node, field, 10, errors);
        if (value == null) {
            return null;
        }
        try {
            if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeException("shape");
            }
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw new DateTimeException("range");
            }
            return date;
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static NewShipment shipment(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(field, "must be an object with carrier and trackingNumber"));
            return null;
        }
        return shipmentFields(node, field + ".", errors);
    }

    private static NewShipment shipmentFields(JsonNode node, String prefix, List<FieldError> errors) {
        String carrierCode = requiredString(node.get("carrier"), prefix + "carrier", 10, errors);
        Carrier carrier = carrierCode == null ? null : Carrier.fromCode(carrierCode).orElse(null);
        if (carrierCode != null && carrier == null) {
            errors.add(new FieldError(prefix + "carrier", "must be one of ups, fedex, usps, dhl"));
        }
        String raw = requiredString(node.get("trackingNumber"), prefix + "trackingNumber", 40, errors);
        if (raw == null || carrier == null) {
            return null;
        }
        String number = Carrier.normalizeTrackingNumber(raw);
        if (!carrier.accepts(number)) {
            errors.add(new FieldError(prefix + "trackingNumber", "is not a valid " + carrier.displayName() + " tracking number"));
            return null;
        }
        return new NewShipment(carrier, number);
    }

    /** Missing or null: an email given as null is no way to reach the shopper. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String requiredString(JsonNode node, String field, int maxLength, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return optionalString(node, field, maxLength, errors);
    }

    private static String optionalString(JsonNode node, String field, int maxLength, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "must not be empty"));
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) { // as JSON Schema's maxLength counts
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (CONTROL.matcher(value).find()) {
            errors.add(new FieldError(field, "must not contain control or direction-override characters"));
            return null;
        }
        return value;
    }
}
