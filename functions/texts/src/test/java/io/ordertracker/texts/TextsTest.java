package io.ordertracker.texts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Languages;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.DelayNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TextsTest {
    static final List<String> OTHER_LANGUAGES = Languages.SUPPORTED.stream().filter(l -> !l.equals("en")).toList();

    @ParameterizedTest
    @FieldSource("OTHER_LANGUAGES")
    void everyLanguageHasExactlyTheEnglishKeys(String language) {
        assertThat(Texts.patterns(language).keySet()).as(language)
                .containsExactlyInAnyOrderElementsOf(Texts.keys());
    }

    @ParameterizedTest
    @FieldSource("io.ordertracker.domain.Languages#SUPPORTED")
    void everyPatternParsesAndTakesTheSameArgumentsAsTheEnglishOne(String language) {
        Map<String, String> english = Texts.patterns("en");
        Texts.patterns(language).forEach((key, pattern) -> {
            assertThat(arguments(pattern)).as(language + " " + key).isEqualTo(arguments(english.get(key)));
            assertThat(pattern).as(language + " " + key + " is not blank").isNotBlank();
        });
    }

    /** The names and numbers of a pattern's arguments (parsing fails on a broken pattern). */
    static Set<String> arguments(String pattern) {
        return new TreeSet<>(MessageTemplate.parse(pattern).argumentNames());
    }

    @ParameterizedTest
    @FieldSource("OTHER_LANGUAGES")
    void noEnglishLeaksIntoAnotherLanguage(String language) {
        Map<String, String> english = Texts.patterns("en");
        Map<String, String> other = Texts.patterns(language);
        List<String> same = new ArrayList<>();
        for (String key : english.keySet()) {
            boolean sample = key.startsWith("subject.") || key.startsWith("headline.") || key.startsWith("intro.")
                    || key.startsWith("reason.") || key.startsWith("advice.") || key.startsWith("sms.")
                    || key.startsWith("sentence.") || key.startsWith("delay.");
            if (sample && english.get(key).equals(other.get(key))) {
                same.add(key);
            }
        }
        assertThat(same).as(language + " keys still in English").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("io.ordertracker.domain.Languages#SUPPORTED")
    void everyReasonStatusMilestoneAndDelayBasisHasItsWords(String language) {
        Texts t = Texts.forTags(language);
        for (ExceptionReason r : ExceptionReason.values()) {
            assertThat(t.has("reason." + r.name())).as(language + " reason." + r).isTrue();
            if (r != ExceptionReason.NONE && r != ExceptionReason.OTHER) {
                assertThat(t.has("advice." + r.name())).as(language + " advice." + r).isTrue();
            }
        }
        for (ShipmentStatus s : ShipmentStatus.values()) {
            assertThat(t.has("status." + s.name()) && t.has("sentence." + s.name())).as(language + " " + s).isTrue();
        }
        for (Milestone m : Milestone.values()) {
            for (String prefix : List.of("subject.", "headline.", "intro.", "sms.")) {
                assertThat(t.has(prefix + m.name())).as(language + " " + prefix + m).isTrue();
            }
        }
        for (DelayNotice.Basis b : DelayNotice.Basis.values()) {
            assertThat(t.has("delay." + b.name())).as(language + " delay." + b).isTrue();
        }
    }

    @Test
    void pluralsFollowEachLanguagesRules() {
        assertThat(Texts.forTags("en").format("mail.moreItems", Map.of("count", 1))).isEqualTo("and 1 more item");
        assertThat(Texts.forTags("en").format("mail.moreItems", Map.of("count", 3))).isEqualTo("and 3 more items");
        assertThat(Texts.forTags("de").format("mail.moreItems", Map.of("count", 1))).isEqualTo("und 1 weiterer Artikel");
        assertThat(Texts.forTags("fr").format("mail.moreItems", Map.of("count", 2))).isEqualTo("et 2 autres articles");
        assertThat(Texts.forTags("pt-BR").format("mail.moreItems", Map.of("count", 12))).isEqualTo("e mais 12 itens");
        // numbers in the shopper's locale
        assertThat(Texts.forTags("de-DE").format("mail.item", Map.of("quantity", 1200, "name", "Tasse")))
                .isEqualTo("1.200 × Tasse");
        assertThat(Texts.forTags("en-US").format("mail.item", Map.of("quantity", 1200, "name", "Mug")))
                .isEqualTo("1,200 × Mug");
    }

    @Test
    void apostrophesComeOutOnce() {
        assertThat(Texts.forTags("en").get("label.notFoundTitle")).isEqualTo("We can't find this tracking page");
        assertThat(Texts.forTags("fr").get("label.errorText")).startsWith("Nous n’avons pas");
    }

    @Test
    void localesFallBackByLanguageThenToTheNextCandidateThenToEnglish() {
        assertThat(Texts.forTags("pt-PT").language()).isEqualTo("pt-BR");
        assertThat(Texts.forTags("pt").language()).isEqualTo("pt-BR");
        assertThat(Texts.forTags("es-MX").language()).isEqualTo("es");
        assertThat(Texts.forTags("es-MX").locale()).isEqualTo(Locale.forLanguageTag("es-MX"));
        assertThat(Texts.forTags("de-AT").language()).isEqualTo("de");
        assertThat(Texts.forTags("fr-CA").language()).isEqualTo("fr");
        assertThat(Texts.forTags("nl-BE").language()).isEqualTo("nl");
        assertThat(Texts.forTags("ja-JP", "it").language()).isEqualTo("it");
        assertThat(Texts.forTags(null, "de").language()).isEqualTo("de");
        assertThat(Texts.forTags("ja-JP", null).language()).isEqualTo("en");
        assertThat(Texts.forTags("not a tag!!", "x-bad").language()).isEqualTo("en");
        assertThat(Texts.forTags().language()).isEqualTo("en");
    }

    @Test
    void gsm7CountsSeptetsAndUcs2CountsUnits() {
        assertThat(SmsEncoding.encoding("Grüße aus Köln, ñ é à")).isEqualTo(SmsEncoding.Encoding.GSM7);
        assertThat(SmsEncoding.encoding("Olá, pedido a caminho")).isEqualTo(SmsEncoding.Encoding.UCS2);
        assertThat(SmsEncoding.units("10 €")).isEqualTo(5);
        assertThat(SmsEncoding.segments("a".repeat(160))).isEqualTo(1);
        assertThat(SmsEncoding.segments("a".repeat(161))).isEqualTo(2);
        assertThat(SmsEncoding.segments("á".repeat(70))).isEqualTo(1);
        assertThat(SmsEncoding.segments("á".repeat(71))).isEqualTo(2);
        assertThat(SmsEncoding.toGsm7("Não há ação: ça ’va’ – été, Grüße")).isEqualTo("Nao ha acao: ca 'va' - été, Grüße");
    }
}
