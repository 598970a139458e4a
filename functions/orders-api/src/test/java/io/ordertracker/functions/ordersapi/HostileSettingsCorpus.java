package io.ordertracker.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile PUT/PATCH /v1/settings requests, each with the status and the field its problem+json must name. The
 * valid document is {@link SettingsApiIT#FULL}; each case breaks one thing in it.
 */
final class HostileSettingsCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The header value meaning "send the merchant's current ETag". */
    static final String CURRENT = "<current>";

    /**
     * @param method  PUT or PATCH
     * @param headers request headers; {@code if-match} = {@link #CURRENT} is replaced by the current ETag, a null
     *                value removes the header
     */
    record Case(String name, String method, String body, Map<String, String> headers, int expectedStatus,
                String expectedField) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String[] STRING_FIELDS = {"displayName", "logoUrl", "primaryColor", "accentColor", "fromEmail",
        "fromName", "replyToEmail", "supportEmail", "supportUrl", "quietHours", "defaultLanguage",
        "trackingPageBaseUrl", "reviewUrl"};
    static final String[] URL_FIELDS = {"logoUrl", "supportUrl", "trackingPageBaseUrl", "reviewUrl"};
    static final String[] EMAIL_FIELDS = {"fromEmail", "replyToEmail", "supportEmail"};

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        malformed(cases);
        wrongTypes(cases);
        values(cases);
        oversizedAndControl(cases);
        matrix(cases);
        headers(cases);
        return cases;
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree(SettingsApiIT.FULL);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String with(String field, JsonNode value) {
        ObjectNode root = valid();
        String[] parts = field.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        if (value == null) {
            parent.remove(parts[parts.length - 1]);
        } else {
            parent.set(parts[parts.length - 1], value);
        }
        return root.toString();
    }

    private static Map<String, String> current() {
        Map<String, String> h = new HashMap<>();
        h.put("if-match", CURRENT);
        return h;
    }

    private static void put(List<Case> cases, String name, String body, int status, String field) {
        cases.add(new Case("PUT " + name, "PUT", body, current(), status, field));
    }

    private static void malformed(List<Case> cases) {
        String[] bodies = {"", " ", "{", "}", "[]", "[{}]", "null", "true", "0", "\"settings\"", "{displayName:\"x\"}",
            "{'displayName':'x'}", "{\"displayName\":\"x\",}", SettingsApiIT.FULL + " trailing",
            "{\"displayName\":\"a\",\"displayName\":\"b\"}", "{\"a\":NaN}", "[".repeat(100) + "]".repeat(100),
            "{\"a\":".repeat(60) + "1" + "}".repeat(60), "{\"displayName\":\"\\u12\"}"};
        for (int i = 0; i < bodies.length; i++) {
            put(cases, "malformed body #" + i, bodies[i], 400, "body");
            Map<String, String> h = current();
            h.put("content-type", SettingsRoutes.MERGE_PATCH_JSON);
            cases.add(new Case("PATCH malformed body #" + i, "PATCH", bodies[i], h, 400, "body"));
        }
    }

    private static void wrongTypes(List<Case> cases) {
        JsonNode[] wrong = {F.numberNode(42), F.booleanNode(true), F.arrayNode().add("x"), F.objectNode().put("a", "b")};
        for (String field : STRING_FIELDS) {
            for (JsonNode w : wrong) {
                put(cases, field + " as " + w.getNodeType(), with(field, w), 422, field);
            }
            put(cases, field + " blank", with(field, F.textNode("   ")), 422, field);
        }
        put(cases, "displayName missing", with("displayName", null), 422, "displayName");
        put(cases, "notifications as string", with("notifications", F.textNode("EMAIL")), 422, "notifications");
        put(cases, "notifications as array", with("notifications", F.arrayNode()), 422, "notifications");
        put(cases, "stallDaysByCarrier as array", with("stallDaysByCarrier", F.arrayNode()), 422, "stallDaysByCarrier");
        JsonNode[] badDays = {F.textNode("3"), F.numberNode(2.5), F.booleanNode(true), F.numberNode(0), F.numberNode(-1),
            F.numberNode(31), F.numberNode(1_000_000_000_000L), F.arrayNode()};
        for (JsonNode d : badDays) {
            put(cases, "stallDays " + d, with("stallDays", d), 422, "stallDays");
            put(cases, "stallDaysByCarrier.usps " + d, with("stallDaysByCarrier.usps", d), 422, "stallDaysByCarrier.usps");
        }
        for (String unknown : new String[] {"colour", "__proto__", "settingsVersion", "merchantId", "constructor"}) {
            put(cases, "unknown field " + unknown, with(unknown, F.textNode("x")), 422, unknown);
        }
    }

    private static void values(List<Case> cases) {
        String[] urls = {"javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "http://northwind.example", "//northwind.example", "https://", "https:///path",
            "https://user:pw@northwind.example", "ftp://northwind.example", "https://north wind.example",
            "not a url", "file:///etc/passwd", "https://northwind.example/\"><script>"};
        for (String field : URL_FIELDS) {
            for (String url : urls) {
                put(cases, field + " = " + url, with(field, F.textNode(url)), 422, field);
            }
        }
        String[] colors = {"red", "#fff", "#ggg000", "1f4e79", "#1f4e7", "#1f4e799", "rgb(0,0,0)", "#1f4e79;}",
            "expression(alert(1))", "#1f4e79</style>"};
        for (String field : new String[] {"primaryColor", "accentColor"}) {
            for (String c : colors) {
                put(cases, field + " = " + c, with(field, F.textNode(c)), 422, field);
            }
        }
        String[] emails = {"plain", "a@b", "@shop.example", "a@@shop.example", "a b@shop.example", "\"a\"@shop.example",
            "<a@shop.example>", "a@shop.example,b@evil.example", "a@shop.example\nBcc: b@evil.example"};
        for (String field : EMAIL_FIELDS) {
            for (String e : emails) {
                put(cases, field + " = " + e.replace("\n", "\\n"), with(field, F.textNode(e)), 422, field);
            }
        }
        for (String q : new String[] {"9pm-8am", "21:00", "24:00-08:00", "21:00-21:00", "21:60-08:00", "21:00 - 08:00", "2100-0800"}) {
            put(cases, "quietHours = " + q, with("quietHours", F.textNode(q)), 422, "quietHours");
        }
        for (String l : new String[] {"ja", "english", "en_US", "x", "zz-ZZ", "ja-JP", "de-"}) {
            put(cases, "defaultLanguage = " + l, with("defaultLanguage", F.textNode(l)), 422, "defaultLanguage");
        }
        // merchant message templates: only text and {{variable}} tags, refused on save naming the template
        for (String field : new String[] {"messageOverrides.SHIPPED.fr.subject", "messageOverrides.SHIPPED.fr.intro"}) {
            for (String t : new String[] {"{{{name}}}", "{{&name}}", "{{#name}}x{{/name}}", "{{^name}}x{{/name}}",
                    "{{> partial}}", "{{! comment}}", "{{=<% %>=}}", "{{unknown}}", "{{name", "name}}", "{ {name}}",
                    "{{constructor.name}}", "{{__proto__}}", "Hi {{name}}\n", " ", "\u202eevil", "x".repeat(601)}) {
                String value = t;
                put(cases, field + " = " + t, with(field, F.textNode(value)), 422, field);
            }
            put(cases, field + " = null", with(field, F.nullNode()), 422, field);
            put(cases, field + " = 3", with(field, F.numberNode(3)), 422, field);
        }
        put(cases, "messageOverrides language ja", with("messageOverrides.SHIPPED.ja", F.objectNode().put("subject", "x")),
                422, "messageOverrides.SHIPPED.ja");
        put(cases, "messageOverrides language pt (not pt-BR)", with("messageOverrides.SHIPPED.pt",
                F.objectNode().put("subject", "x")), 422, "messageOverrides.SHIPPED.pt");
        put(cases, "messageOverrides milestone TELEPORTED", with("messageOverrides.TELEPORTED", F.objectNode()), 422,
                "messageOverrides.TELEPORTED");
        put(cases, "messageOverrides extra field", with("messageOverrides.SHIPPED.fr.body", F.textNode("x")), 422,
                "messageOverrides.SHIPPED.fr.body");
        put(cases, "messageOverrides empty language", with("messageOverrides.SHIPPED.fr", F.objectNode()), 422,
                "messageOverrides.SHIPPED.fr");
        put(cases, "messageOverrides not an object", with("messageOverrides", F.textNode("x")), 422, "messageOverrides");
        for (String field : new String[] {"displayName", "fromName"}) {
            for (String n : new String[] {"<script>alert(1)</script>", "<b>Shop</b>", "Shop <img src=x onerror=alert(1)>", "a>b"}) {
                put(cases, field + " = " + n, with(field, F.textNode(n)), 422, field);
            }
        }
    }

    private static void oversizedAndControl(List<Case> cases) {
        for (String field : STRING_FIELDS) {
            put(cases, field + " oversized", with(field, F.textNode("a".repeat(2_001))), 422, field);
            for (String c : new String[] {"\u0000", "\u0007", "\n", "\r\n", "\u001b[31m", "\u007f", "\u202e", "\u2028", "\ud800", "\u2066"}) {
                String escaped = c.chars().mapToObj(ch -> "\\u%04x".formatted(ch)).reduce("", String::concat);
                put(cases, "%s with U+%04X".formatted(field, (int) c.charAt(0)),
                        with(field, F.textNode("abMARKcd")).replace("MARK", escaped), 422, field);
            }
        }
    }

    private static void matrix(List<Case> cases) {
        for (String m : new String[] {"TELEPORTED", "delivered", "Delivered", "ORDER_CONFIRMED ", "__proto__"}) {
            put(cases, "notifications milestone '" + m + "'", with("notifications." + m, F.arrayNode().add("EMAIL")),
                    422, "notifications." + m);
        }
        JsonNode[] lists = {F.arrayNode().add("PIGEON"), F.arrayNode().add("email"), F.arrayNode().add(1),
            F.arrayNode().addNull(), F.arrayNode().add(F.arrayNode()), F.arrayNode().add("EMAIL").add("SMS").add("PUSH")};
        for (JsonNode l : lists) {
            put(cases, "notifications.DELIVERED " + l, with("notifications.DELIVERED", l), 422,
                    "notifications.DELIVERED[" + (l.size() - 1) + "]");
        }
        put(cases, "notifications.DELIVERED twice EMAIL", with("notifications.DELIVERED", F.arrayNode().add("EMAIL").add("EMAIL")),
                422, "notifications.DELIVERED[1]");
        put(cases, "notifications.DELIVERED as string", with("notifications.DELIVERED", F.textNode("EMAIL")), 422,
                "notifications.DELIVERED");
        for (String carrier : new String[] {"royalmail", "UPS", "canadapost", "ups "}) {
            put(cases, "stallDaysByCarrier '" + carrier + "'", with("stallDaysByCarrier." + carrier, F.numberNode(3)), 422,
                    "stallDaysByCarrier." + carrier);
        }
    }

    private static void headers(List<Case> cases) {
        Map<String, String> none = new HashMap<>();
        none.put("if-match", null);
        cases.add(new Case("PUT without If-Match", "PUT", SettingsApiIT.FULL, none, 428, "If-Match"));
        Map<String, String> patchNone = new HashMap<>(none);
        patchNone.put("content-type", SettingsRoutes.MERGE_PATCH_JSON);
        cases.add(new Case("PATCH without If-Match", "PATCH", "{}", patchNone, 428, "If-Match"));
        String[][] ifMatch = {{"*", "428"}, {"abc", "400"}, {"\"1\", \"2\"", "400"}, {"W/\"0\"", "412"},
            {"\"999\"", "412"}, {"\"-1\"", "412"}, {"\"v0\"", "412"}, {"\"99999999999999999999\"", "412"}, {"\"\"", "412"}};
        for (String[] im : ifMatch) {
            Map<String, String> h = new HashMap<>();
            h.put("if-match", im[0]);
            cases.add(new Case("PUT If-Match " + im[0], "PUT", SettingsApiIT.FULL, h, Integer.parseInt(im[1]), "If-Match"));
        }
        for (String ct : new String[] {"text/plain", "application/xml", "application/merge-patch+json", "multipart/form-data"}) {
            Map<String, String> h = current();
            h.put("content-type", ct);
            cases.add(new Case("PUT Content-Type " + ct, "PUT", SettingsApiIT.FULL, h, 415, "Content-Type"));
        }
        for (String ct : new String[] {"application/json", "text/plain"}) {
            Map<String, String> h = current();
            h.put("content-type", ct);
            cases.add(new Case("PATCH Content-Type " + ct, "PATCH", "{}", h, 415, "Content-Type"));
        }
        put(cases, "oversized body", "{\"displayName\":\"" + "a".repeat(20_000) + "\"}", 413, "body");
        Map<String, String> h = current();
        h.put("content-type", SettingsRoutes.MERGE_PATCH_JSON);
        cases.add(new Case("PATCH that breaks a field", "PATCH", "{\"reviewUrl\":\"javascript:alert(1)\"}", h, 422, "reviewUrl"));
        cases.add(new Case("PATCH removing displayName", "PATCH", "{\"displayName\":null}", h, 422, "displayName"));
        cases.add(new Case("PATCH adding an unknown milestone", "PATCH", "{\"notifications\":{\"WARP\":[\"SMS\"]}}", h, 422,
                "notifications.WARP"));
    }
}
