package io.ordertracker.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.MessageFormat;
import io.ordertracker.domain.Languages;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our JDK-only formatter says what ICU MessageFormat (which the bundles were written for) says. */
class MessageTemplateTest {
    static final List<Integer> COUNTS = List.of(0, 1, 2, 3, 5, 11, 21, 101, 1200, 1_000_000, 2_000_000);

    @ParameterizedTest
    @FieldSource("io.ordertracker.domain.Languages#SUPPORTED")
    void everyPatternOfEveryBundleFormatsAsIcuDoes(String language) {
        Locale locale = Locale.forLanguageTag(language);
        Texts.patterns(language).forEach((key, pattern) -> {
            MessageTemplate ours = MessageTemplate.parse(pattern);
            for (int count : COUNTS) {
                Map<String, Object> args = new HashMap<>();
                for (String name : ours.argumentNames()) {
                    args.put(name, name.equals("count") || name.equals("quantity") ? count : "<" + name + ">");
                }
                assertThat(ours.format(locale, args)).as(language + " " + key + " " + count)
                        .isEqualTo(new MessageFormat(pattern, locale).format(args));
            }
        });
    }

    @ParameterizedTest
    @FieldSource("LOCALES")
    void pluralsAndNumbersAsIcuInEveryLocaleWeServeAndItsRegions(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        String pattern = "{n, plural, =0 {none} one {one: #} many {many: #} other {other: #}} {n, number, integer} {0}";
        for (int n : COUNTS) {
            Map<String, Object> args = Map.of("n", n, "0", "x");
            assertThat(MessageTemplate.parse(pattern).format(locale, args)).as(tag + " " + n)
                    .isEqualTo(new MessageFormat(pattern, locale).format(args));
        }
    }

    static final List<String> LOCALES = List.of("en", "en-US", "en-GB", "de", "de-DE", "de-AT", "es", "es-MX", "fr",
            "fr-FR", "fr-CA", "it", "nl", "nl-BE", "pt-BR", "pt");

    @Test
    void apostrophesAndPositionalArgumentsAsIcu() {
        for (String pattern : List.of("It''s {0}", "don't '{'literal'}' {0}", "a '{0}' b", "'#' and {n, plural, other {'#' #}}",
                "x } y", "{0} of {1}")) {
            Object[] positional = {7, "two"};
            MessageTemplate ours = MessageTemplate.parse(pattern);
            if (ours.argumentNames().contains("n")) {
                assertThat(ours.format(Locale.ENGLISH, Map.of("n", 3)))
                        .isEqualTo(new MessageFormat(pattern, Locale.ENGLISH).format(Map.of("n", 3)));
            } else {
                assertThat(ours.format(Locale.GERMAN, positional)).as(pattern)
                        .isEqualTo(new MessageFormat(pattern, Locale.GERMAN).format(positional));
            }
        }
    }

    @Test
    void aMissingArgumentShowsItsNameAsIcuDoes() {
        assertThat(MessageTemplate.parse("Hi {name}!").format(Locale.ENGLISH, Map.of())).isEqualTo("Hi {name}!");
    }

    @Test
    void whatIsNotImplementedOrBrokenIsRefusedWhenParsed() {
        for (String broken : List.of("{a, select, x {1} other {2}}", "{d, date, short}", "{n, number, percent}",
                "{n, plural, one {x}}", "{n, plural, one {x} other {y}", "{unclosed", "{bad name}", "'{unterminated")) {
            assertThatThrownBy(() -> MessageTemplate.parse(broken)).as(broken).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void argumentNamesIncludeNestedOnes() {
        assertThat(MessageTemplate.parse("{a} {n, plural, one {# {b}} other {{c}}}").argumentNames())
                .containsExactly("a", "b", "c", "n");
        assertThat(Languages.SUPPORTED).contains("pt-BR");
    }
}
