package io.ordertracker.texts;

import io.ordertracker.domain.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shopper-facing words of every channel in one language: one key set (texts.properties, English, and one
 * texts_xx.properties per other language of {@link Languages#SUPPORTED}, UTF-8), patterns in the subset of ICU
 * MessageFormat that {@link MessageTemplate} implements on the JDK (plurals and numbers in the shopper's locale;
 * dates come formatted). A key missing from a language is an error, not a silent
 * English fallback: TextsTest checks every language has exactly the English keys, so a message never mixes two
 * languages.
 *
 * <p>Arguments are positional ({@code {0}}) for the tracking page's older keys and named ({@code {orderNumber}})
 * for the rest; every pattern quotes a literal apostrophe by doubling it ({@code ''}) or uses the typographic one.
 */
public final class Texts {
    private static final Map<String, Map<String, String>> BUNDLES = new ConcurrentHashMap<>();
    private static final Map<String, MessageTemplate> PARSED = new ConcurrentHashMap<>();

    private final Locale locale;
    private final String language;
    private final Map<String, String> patterns;

    private Texts(Locale locale, String language) {
        this.locale = locale;
        this.language = language;
        this.patterns = bundle(language);
    }

    /** The words for a resolved shopper locale ({@link Languages#resolve}); a language we do not write gets English. */
    public static Texts forLocale(Locale locale) {
        return Languages.languageOf(locale).map(l -> new Texts(locale, l))
                .orElseGet(() -> new Texts(Locale.forLanguageTag(Languages.ENGLISH), Languages.ENGLISH));
    }

    /** The first of the candidate tags in a language we write (order locale, merchant default, ...), else English. */
    public static Texts forTags(String... candidates) {
        return forLocale(Languages.resolve(candidates));
    }

    /** The locale dates and numbers are formatted in (the shopper's own, region included). */
    public Locale locale() {
        return locale;
    }

    /** Which of {@link Languages#SUPPORTED} this is. */
    public String language() {
        return language;
    }

    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    /** A pattern with positional arguments. */
    public String get(String key, Object... args) {
        return template(key).format(locale, args);
    }

    /** A pattern with named arguments. */
    public String format(String key, Map<String, ?> args) {
        return template(key).format(locale, args);
    }

    public String getOrNull(String key, Object... args) {
        return has(key) ? get(key, args) : null;
    }

    /** Every key with a prefix ({@code label.}), formatted without arguments, keyed without the prefix. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String key : patterns.keySet()) {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), get(key));
            }
        }
        return out;
    }

    /** The raw patterns of a language, for the completeness tests. */
    public static Map<String, String> patterns(String language) {
        return Collections.unmodifiableMap(bundle(language));
    }

    public static Set<String> keys() {
        return bundle(Languages.ENGLISH).keySet();
    }

    /** Parsed once per pattern and kept: a pattern is immutable, formatting takes the locale. */
    private MessageTemplate template(String key) {
        return PARSED.computeIfAbsent(pattern(key), MessageTemplate::parse);
    }

    private String pattern(String key) {
        String p = patterns.get(key);
        if (p == null) {
            throw new MissingResourceException("no text " + key + " in " + language, Texts.class.getName(), key);
        }
        return p;
    }

    private static Map<String, String> bundle(String language) {
        return BUNDLES.computeIfAbsent(language, Texts::load);
    }

    private static Map<String, String> load(String language) {
        String name = language.equals(Languages.ENGLISH) ? "texts.properties"
                : "texts_" + language.replace('-', '_') + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundle " + name);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> out = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
