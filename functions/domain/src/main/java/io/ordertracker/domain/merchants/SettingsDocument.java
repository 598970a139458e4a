package io.ordertracker.domain.merchants;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Languages;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.notify.QuietHours;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The merchant settings document that the API and {@code ./tracker merchant settings} exchange, as plain JSON values
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, null) so the domain can check it
 * without a JSON library. {@link #read} is the one validation both use: every field is checked for type, length,
 * control characters and shape, and every fault is named by its field.
 */
public final class SettingsDocument {
    /** The languages every email, text and the tracking page speak (module texts' bundles). */
    public static final List<String> PAGE_LANGUAGES = Languages.SUPPORTED;
    public static final int MAX_NAME = 120;
    public static final int MAX_URL = 2000;
    public static final int MAX_STALL_DAYS = 30;

    static final List<String> FIELDS = List.of("displayName", "logoUrl", "primaryColor", "accentColor", "fromEmail",
            "fromName", "replyToEmail", "supportEmail", "supportUrl", "notifications", "quietHours", "stallDays",
            "stallDaysByCarrier", "defaultLanguage", "trackingPageBaseUrl", "reviewUrl", "messageOverrides");

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    /** The same plain shape the orders API accepts for shoppers: one @, a dotted domain, no quotes or brackets. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern CONTROL = Pattern.compile(
            "[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}\\x{2028}\\x{2029}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");
    /** Names end up in From headers, subjects and pages: markup characters have no business there. */
    private static final Pattern MARKUP = Pattern.compile("[<>]");

    private SettingsDocument() {
    }

    /** One field at fault, named as a JSON path ({@code notifications.DELIVERED[1]}). */
    public record Problem(String field, String message) {
    }

    /** Either settings or everything wrong with the document. */
    public record Read(MerchantSettings settings, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The settings as a document: every field, those without a value left out. */
    public static Map<String, Object> write(MerchantSettings s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        putIfSet(doc, "displayName", s.displayName());
        putIfSet(doc, "logoUrl", s.logoUrl());
        putIfSet(doc, "primaryColor", s.primaryColor());
        putIfSet(doc, "accentColor", s.accentColor());
        putIfSet(doc, "fromEmail", s.fromEmail());
        putIfSet(doc, "fromName", s.fromName());
        putIfSet(doc, "replyToEmail", s.replyToEmail());
        putIfSet(doc, "supportEmail", s.supportEmail());
        putIfSet(doc, "supportUrl", s.supportUrl());
        Map<String, Object> matrix = new LinkedHashMap<>();
        for (Milestone m : Milestone.values()) {
            List<String> channels = new ArrayList<>();
            for (Channel c : Channel.values()) {
                if (s.wants(m, c)) {
                    channels.add(c.name());
                }
            }
            matrix.put(m.name(), channels);
        }
        doc.put("notifications", matrix);
        putIfSet(doc, "quietHours", s.quietHours());
        doc.put("stallDays", s.stallDays());
        Map<String, Object> byCarrier = new TreeMap<>();
        s.stallDaysByCarrier().forEach((c, d) -> byCarrier.put(c.code(), d));
        doc.put("stallDaysByCarrier", byCarrier);
        putIfSet(doc, "defaultLanguage", s.defaultLanguage());
        putIfSet(doc, "trackingPageBaseUrl", s.trackingPageBaseUrl());
        putIfSet(doc, "reviewUrl", s.reviewUrl());
        if (!s.messageOverrides().isEmpty()) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            for (Milestone m : Milestone.values()) {
                Map<String, MessageOverride> byLanguage = s.messageOverrides().get(m);
                if (byLanguage == null || byLanguage.isEmpty()) {
                    continue;
                }
                Map<String, Object> languages = new LinkedHashMap<>();
                for (String language : Languages.SUPPORTED) {
                    MessageOverride o = byLanguage.get(language);
                    if (o != null) {
                        Map<String, Object> texts = new LinkedHashMap<>();
                        putIfSet(texts, "subject", o.subject());
                        putIfSet(texts, "intro", o.intro());
                        languages.put(language, texts);
                    }
                }
                overrides.put(m.name(), languages);
            }
            doc.put("messageOverrides", overrides);
        }
        return doc;
    }

    private static void putIfSet(Map<String, Object> doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    /**
     * Reads a whole settings document. {@code displayName} is required; any other field left out (or null) takes its
     * default. Unknown fields are refused, so a misspelt field is an error rather than silently ignored.
     */
    public static Read read(Object document) {
        List<Problem> problems = new ArrayList<>();
        if (!(document instanceof Map<?, ?> doc)) {
            return new Read(null, List.of(new Problem("body", "must be a JSON object of settings")));
        }
        for (Object key : doc.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                problems.add(new Problem(String.valueOf(key), "is not a settings field"));
            }
        }
        String displayName = name(doc, "displayName", true, problems);
        String logoUrl = httpsUrl(doc, "logoUrl", problems);
        String primary = color(doc, "primaryColor", problems);
        String accent = color(doc, "accentColor", problems);
        String fromEmail = email(doc, "fromEmail", problems);
        String fromName = name(doc, "fromName", false, problems);
        String replyTo = email(doc, "replyToEmail", problems);
        String supportEmail = email(doc, "supportEmail", problems);
        String supportUrl = httpsUrl(doc, "supportUrl", problems);
        Map<Milestone, Set<Channel>> matrix = notifications(doc.get("notifications"), problems);
        String quietHours = quietHours(doc, problems);
        Integer stallDays = days(doc.get("stallDays"), "stallDays", problems);
        Map<Carrier, Integer> byCarrier = stallDaysByCarrier(doc.get("stallDaysByCarrier"), problems);
        String language = language(doc, problems);
        String pageBase = httpsUrl(doc, "trackingPageBaseUrl", problems);
        String reviewUrl = httpsUrl(doc, "reviewUrl", problems);
        Map<Milestone, Map<String, MessageOverride>> overrides = messageOverrides(doc.get("messageOverrides"), problems);
        if (!problems.isEmpty()) {
            return new Read(null, List.copyOf(problems));
        }
        return new Read(new MerchantSettings(displayName, logoUrl, primary == null ? null : primary.toLowerCase(Locale.ROOT),
                accent == null ? null : accent.toLowerCase(Locale.ROOT), fromEmail, supportEmail, supportUrl, matrix,
                stallDays == null ? 3 : stallDays, fromName, replyTo, quietHours, byCarrier, language,
                pageBase == null ? null : pageBase.replaceAll("/+$", ""), reviewUrl, overrides), List.of());
    }

    /**
     * RFC 7396 JSON Merge Patch: members of {@code patch} replace those of {@code target}, null removes one, objects
     * merge recursively, anything that is not an object replaces the whole target.
     */
    public static Object mergePatch(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (target instanceof Map<?, ?> targetMap) {
            targetMap.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        patchMap.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                result.remove(key);
            } else {
                result.put(key, mergePatch(result.get(key), v));
            }
        });
        return result;
    }

    private static String string(Map<?, ?> doc, String field, int max, boolean required, List<Problem> problems) {
        Object value = doc.get(field);
        if (value == null) {
            if (required) {
                problems.add(new Problem(field, "is required"));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            problems.add(new Problem(field, "must be a string"));
            return null;
        }
        if (s.isBlank()) {
            problems.add(new Problem(field, "must not be blank (leave it out, or null, for the default)"));
            return null;
        }
        if (s.length() > max) {
            problems.add(new Problem(field, "must be at most " + max + " characters"));
            return null;
        }
        if (CONTROL.matcher(s).find()) {
            problems.add(new Problem(field, "must not contain control or bidirectional formatting characters"));
            return null;
        }
        return s.strip();
    }

    private static String name(Map<?, ?> doc, String field, boolean required, List<Problem> problems) {
        String s = string(doc, field, MAX_NAME, required, problems);
        if (s != null && MARKUP.matcher(s).find()) {
            problems.add(new Problem(field, "must not contain < or >"));
            return null;
        }
        return s;
    }

    private static String email(Map<?, ?> doc, String field, List<Problem> problems) {
        String s = string(doc, field, 254, false, problems);
        if (s != null && !EMAIL.matcher(s).matches()) {
            problems.add(new Problem(field, "must be an email address such as orders@shop.example"));
            return null;
        }
        return s;
    }

    private static String color(Map<?, ?> doc, String field, List<Problem> problems) {
        String s = string(doc, field, 7, false, problems);
        if (s != null && !COLOR.matcher(s).matches()) {
            problems.add(new Problem(field, "must be a colour as #rrggbb"));
            return null;
        }
        return s;
    }

    /** Absolute https URL with a host and no user info: no javascript:, data: or http: links into emails and pages. */
    private static String httpsUrl(Map<?, ?> doc, String field, List<Problem> problems) {
        String s = string(doc, field, MAX_URL, false, problems);
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && !s.contains(" ")) {
                return s;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        problems.add(new Problem(field, "must be an absolute https:// URL"));
        return null;
    }

    private static String quietHours(Map<?, ?> doc, List<Problem> problems) {
        String s = string(doc, "quietHours", 11, false, problems);
        if (s != null && QuietHours.parse(s).isEmpty()) {
            problems.add(new Problem("quietHours", "must be HH:MM-HH:MM on a 24-hour clock, e.g. 21:00-08:00, start and end different"));
            return null;
        }
        return s;
    }

    private static String language(Map<?, ?> doc, List<Problem> problems) {
        String s = string(doc, "defaultLanguage", 35, false, problems);
        if (s == null) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(s).build();
            if (Languages.languageOf(locale).isPresent()) {
                return locale.toLanguageTag();
            }
        } catch (IllformedLocaleException e) {
            // answered below
        }
        problems.add(new Problem("defaultLanguage", "must be a BCP 47 tag in one of our languages: "
                + String.join(", ", PAGE_LANGUAGES)));
        return null;
    }

    /**
     * {@code {"DELIVERED": {"fr": {"subject": "...", "intro": "..."}}}}: per milestone and language (exactly one of
     * {@link Languages#SUPPORTED}), a subject and/or intro line as Mustache templates over
     * {@link MessageOverride#VARIABLES}, each checked here so a broken template is refused on save, never at send time.
     */
    private static Map<Milestone, Map<String, MessageOverride>> messageOverrides(Object value, List<Problem> problems) {
        Map<Milestone, Map<String, MessageOverride>> result = new EnumMap<>(Milestone.class);
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new Problem("messageOverrides", "must be an object of milestone to languages"));
            return result;
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            String field = "messageOverrides." + key;
            Milestone milestone = enumValue(Milestone.class, key);
            if (milestone == null) {
                problems.add(new Problem(field, "is not a milestone"));
                return;
            }
            if (!(v instanceof Map<?, ?> languages)) {
                problems.add(new Problem(field, "must be an object of language to {subject, intro}"));
                return;
            }
            Map<String, MessageOverride> byLanguage = new LinkedHashMap<>();
            languages.forEach((lk, lv) -> {
                String language = String.valueOf(lk);
                String languageField = field + "." + language;
                if (!Languages.SUPPORTED.contains(language)) {
                    problems.add(new Problem(languageField, "is not one of our languages: " + String.join(", ", PAGE_LANGUAGES)));
                    return;
                }
                if (!(lv instanceof Map<?, ?> texts)) {
                    problems.add(new Problem(languageField, "must be an object with subject and/or intro"));
                    return;
                }
                for (Object textKey : texts.keySet()) {
                    if (!"subject".equals(textKey) && !"intro".equals(textKey)) {
                        problems.add(new Problem(languageField + "." + textKey, "is not an override field (subject, intro)"));
                    }
                }
                String subject = template(texts, "subject", languageField, MessageOverride.MAX_SUBJECT, problems);
                String intro = template(texts, "intro", languageField, MessageOverride.MAX_INTRO, problems);
                if (subject != null || intro != null) {
                    byLanguage.put(language, new MessageOverride(subject, intro));
                } else if (!texts.containsKey("subject") && !texts.containsKey("intro")) {
                    problems.add(new Problem(languageField, "must have a subject and/or an intro"));
                }
            });
            if (!byLanguage.isEmpty()) {
                result.put(milestone, byLanguage);
            }
        });
        return result;
    }

    private static String template(Map<?, ?> texts, String name, String prefix, int max, List<Problem> problems) {
        String field = prefix + "." + name;
        if (texts.containsKey(name) && texts.get(name) == null) {
            problems.add(new Problem(field, "must be a string (leave it out for our wording)"));
            return null;
        }
        int before = problems.size();
        String s = string(texts, name, max, false, problems);
        if (problems.size() > before) {
            // string() names the bare key; name the whole path instead
            Problem p = problems.remove(problems.size() - 1);
            problems.add(new Problem(field, p.message()));
            return null;
        }
        if (s == null) {
            return null;
        }
        var problem = MessageOverride.problem(s);
        if (problem.isPresent()) {
            problems.add(new Problem(field, problem.get()));
            return null;
        }
        return s;
    }

    private static Integer days(Object value, String field, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        Long whole = wholeNumber(value);
        if (whole == null) {
            problems.add(new Problem(field, "must be a whole number of business days"));
            return null;
        }
        long days = whole;
        if (days < 1 || days > MAX_STALL_DAYS) {
            problems.add(new Problem(field, "must be between 1 and " + MAX_STALL_DAYS));
            return null;
        }
        return (int) days;
    }

    /** JSON has one number type: 3.0 is the whole number 3 (as JSON Schema's integer says), 3.5 is not. */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
        }
        if (value instanceof java.math.BigDecimal || value instanceof java.math.BigInteger) {
            java.math.BigDecimal n = new java.math.BigDecimal(value.toString());
            if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
                return null;
            }
            // out of long's range is simply out of range (the caller's bounds refuse it)
            return n.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? (Long) (long) n.signum() * Long.MAX_VALUE
                    : (Long) n.longValue();
        }
        return null;
    }

    private static Map<Carrier, Integer> stallDaysByCarrier(Object value, List<Problem> problems) {
        Map<Carrier, Integer> result = new EnumMap<>(Carrier.class);
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new Problem("stallDaysByCarrier", "must be an object of carrier code to business days"));
            return result;
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            String field = "stallDaysByCarrier." + key;
            var carrier = Carrier.fromCode(key).filter(c -> c.code().equals(key));
            if (carrier.isEmpty()) {
                problems.add(new Problem(field, "is not a carrier code (ups, fedex, usps, dhl)"));
                return;
            }
            Integer days = days(v, field, problems);
            if (days != null) {
                result.put(carrier.get(), days);
            }
        });
        return result;
    }

    private static Map<Milestone, Set<Channel>> notifications(Object value, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new Problem("notifications", "must be an object of milestone to a list of channels"));
            return null;
        }
        // Milestones left out keep their default channels, so a merchant can switch one milestone on or off alone.
        Map<Milestone, Set<Channel>> matrix = new EnumMap<>(MerchantSettings.defaultNotifications());
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            String field = "notifications." + key;
            Milestone milestone = enumValue(Milestone.class, key);
            if (milestone == null) {
                problems.add(new Problem(field, "is not a milestone"));
                return;
            }
            if (!(v instanceof List<?> list)) {
                problems.add(new Problem(field, "must be a list of channels (EMAIL, SMS)"));
                return;
            }
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (int i = 0; i < list.size(); i++) {
                Channel channel = list.get(i) instanceof String s ? enumValue(Channel.class, s) : null;
                if (channel == null) {
                    problems.add(new Problem(field + "[" + i + "]", "must be EMAIL or SMS"));
                } else if (!channels.add(channel)) {
                    problems.add(new Problem(field + "[" + i + "]", "is listed twice"));
                }
            }
            matrix.put(milestone, channels);
        });
        return matrix;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
