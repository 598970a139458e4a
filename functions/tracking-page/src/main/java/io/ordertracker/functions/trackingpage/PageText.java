package io.ordertracker.functions.trackingpage;

import io.ordertracker.texts.Texts;
import java.util.Locale;
import java.util.Map;

/**
 * The page's words in the shopper's language, from the key set every channel shares ({@link Texts}, module texts):
 * English, Spanish, German, French, Italian, Dutch and Brazilian Portuguese. A locale in another language gets
 * English, dates included, so a page never mixes two languages; {@code pt-PT} gets Brazilian Portuguese.
 */
public final class PageText {
    private final Texts texts;

    private PageText(Texts texts) {
        this.texts = texts;
    }

    /** @param languageTag the shopper's locale as the merchant sent it (e.g. {@code es-MX}); null: English */
    public static PageText forLanguageTag(String languageTag) {
        return new PageText(Texts.forTags(languageTag, "en-US"));
    }

    /** The first candidate in a language we write (the order's locale, then the merchant's default), else English. */
    public static PageText forLanguageTags(String... candidates) {
        String[] withEnglish = java.util.Arrays.copyOf(candidates, candidates.length + 1);
        withEnglish[candidates.length] = "en-US";
        return new PageText(Texts.forTags(withEnglish));
    }

    public Locale locale() {
        return texts.locale();
    }

    public String get(String key, Object... args) {
        return texts.get(key, args);
    }

    public String getOrNull(String key, Object... args) {
        return texts.getOrNull(key, args);
    }

    /** Every {@code label.*} string, keyed without the prefix, for the template's fixed wording. */
    public Map<String, String> labels() {
        return texts.withPrefix("label.");
    }
}
