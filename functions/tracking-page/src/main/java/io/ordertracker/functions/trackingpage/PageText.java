package io.ordertracker.functions.trackingpage;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * The page's words in the shopper's language. Languages without a translation get English, and then dates are
 * formatted in English too, so a page never mixes two languages.
 */
public final class PageText {
    private static final String BUNDLE = "io.ordertracker.functions.trackingpage.messages";
    /** The languages with a messages_xx.properties file (English is the base file). */
    static final Set<String> LANGUAGES = Set.of("en", "es", "de");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private PageText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
    }

    /** @param languageTag the shopper's locale as the merchant sent it (e.g. {@code es-MX}); null: English */
    public static PageText forLanguageTag(String languageTag) {
        Locale wanted = languageTag == null || languageTag.isBlank() ? Locale.US : Locale.forLanguageTag(languageTag);
        if (!LANGUAGES.contains(wanted.getLanguage())) {
            wanted = Locale.US;
        }
        return new PageText(wanted);
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        // Always through MessageFormat, so the properties files quote apostrophes one way ('') everywhere.
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    public String getOrNull(String key, Object... args) {
        try {
            return get(key, args);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** Every {@code label.*} string, keyed without the prefix, for the template's fixed wording. */
    public Map<String, String> labels() {
        Map<String, String> out = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("label.")) {
                out.put(key.substring("label.".length()), get(key));
            }
        }
        return out;
    }
}
