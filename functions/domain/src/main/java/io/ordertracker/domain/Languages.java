package io.ordertracker.domain;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages shoppers are told things in (every email, text and the tracking page), and how a shopper's locale
 * falls back to one of them: by language, so {@code es-MX} is told in Spanish and {@code de-AT} in German;
 * Portuguese of any region ({@code pt-PT}) in Brazilian Portuguese, the one Portuguese we write; anything else
 * falls to the next candidate (the merchant's default language), then English.
 */
public final class Languages {
    /** Every language we write, as the BCP 47 tag a merchant names it by (settings, overrides). */
    public static final List<String> SUPPORTED = List.of("en", "es", "de", "fr", "it", "nl", "pt-BR");
    public static final String ENGLISH = "en";

    private Languages() {
    }

    /** The language of ours a tag is told in ({@code pt-PT} → {@code pt-BR}, {@code es-MX} → {@code es}), if any. */
    public static Optional<String> languageOf(String tag) {
        return parse(tag).flatMap(Languages::languageOf);
    }

    public static Optional<String> languageOf(Locale locale) {
        String language = locale.getLanguage();
        if (language.equals("pt")) {
            return Optional.of("pt-BR");
        }
        return SUPPORTED.contains(language) ? Optional.of(language) : Optional.empty();
    }

    /**
     * The shopper's locale: the first candidate (order locale, merchant default, stack default) in a language we
     * write, kept whole so dates and numbers follow its region ({@code es-MX}, {@code de-CH}); else English.
     */
    public static Locale resolve(String... candidates) {
        for (String tag : candidates) {
            Optional<Locale> locale = parse(tag);
            if (locale.isPresent() && languageOf(locale.get()).isPresent()) {
                return locale.get();
            }
        }
        return Locale.forLanguageTag(ENGLISH);
    }

    private static Optional<Locale> parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale);
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
