package io.ordertracker.domain.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.notify.QuietHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDocumentTest {

    private static Map<String, Object> full() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("displayName", "Northwind Coffee");
        doc.put("logoUrl", "https://cdn.northwind.example/logo.png");
        doc.put("primaryColor", "#1F4E79");
        doc.put("fromEmail", "orders@northwind.example");
        doc.put("fromName", "Northwind Orders");
        doc.put("replyToEmail", "care@northwind.example");
        doc.put("notifications", Map.of("IN_TRANSIT", List.of("EMAIL"), "OUT_FOR_DELIVERY", List.of()));
        doc.put("quietHours", "22:00-07:30");
        doc.put("stallDays", 4);
        doc.put("stallDaysByCarrier", Map.of("usps", 5));
        doc.put("defaultLanguage", "es-MX");
        doc.put("trackingPageBaseUrl", "https://track.northwind.example/");
        doc.put("reviewUrl", "https://northwind.example/review");
        return doc;
    }

    @Test
    void aFullDocumentReadsIntoSettingsAndWritesBackTheSameFacts() {
        SettingsDocument.Read read = SettingsDocument.read(full());
        assertThat(read.problems()).isEmpty();
        MerchantSettings s = read.settings();
        assertThat(s.primaryColor()).isEqualTo("#1f4e79");
        assertThat(s.accentColor()).as("left out: default").isEqualTo("#f2a900");
        assertThat(s.wants(Milestone.IN_TRANSIT, Channel.EMAIL)).isTrue();
        assertThat(s.wants(Milestone.OUT_FOR_DELIVERY, Channel.SMS)).isFalse();
        assertThat(s.wants(Milestone.DELIVERED, Channel.SMS)).as("milestones left out keep their defaults").isTrue();
        assertThat(s.stallDaysFor(Carrier.USPS)).isEqualTo(5);
        assertThat(s.stallDaysFor(Carrier.UPS)).isEqualTo(4);
        assertThat(s.trackingPageBaseUrl()).isEqualTo("https://track.northwind.example");
        assertThat(s.quietHoursRule()).contains(new QuietHours(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(7, 30)));

        Map<String, Object> written = SettingsDocument.write(s);
        assertThat(SettingsDocument.read(written).settings()).isEqualTo(s);
        assertThat(written).containsEntry("stallDaysByCarrier", Map.of("usps", 5)).containsEntry("defaultLanguage", "es-MX");
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, Object> doc = new HashMap<>(full());
        doc.put("logoUrl", "javascript:alert(1)");
        doc.put("reviewUrl", "http://northwind.example/review");
        doc.put("primaryColor", "red");
        doc.put("fromEmail", "not an address");
        doc.put("displayName", "<script>x</script>");
        doc.put("fromName", "Line\r\nBcc: victim@example.com");
        doc.put("notifications", Map.of("TELEPORTED", List.of("EMAIL"), "DELIVERED", List.of("PIGEON")));
        doc.put("quietHours", "25:00-08:00");
        doc.put("stallDays", 2.5);
        doc.put("stallDaysByCarrier", Map.of("royalmail", 3));
        doc.put("defaultLanguage", "ja");
        doc.put("messageOverrides", Map.of("DELIVERED", Map.of("fr", Map.of("subject", "{{{name}}}", "intro", "{{nope}}"))));
        doc.put("colour", "#000000");
        List<String> fields = SettingsDocument.read(doc).problems().stream().map(SettingsDocument.Problem::field).toList();
        assertThat(fields).containsExactlyInAnyOrder("logoUrl", "reviewUrl", "primaryColor", "fromEmail", "displayName",
                "fromName", "notifications.TELEPORTED", "notifications.DELIVERED[0]", "quietHours", "stallDays",
                "stallDaysByCarrier.royalmail", "defaultLanguage", "colour", "messageOverrides.DELIVERED.fr.subject",
                "messageOverrides.DELIVERED.fr.intro");
    }

    @Test
    void messageOverridesAreTemplatesOverKnownVariablesPerMilestoneAndLanguage() {
        Map<String, Object> doc = new java.util.HashMap<>();
        doc.put("displayName", "Northwind");
        doc.put("defaultLanguage", "pt-PT");
        doc.put("messageOverrides", Map.of("DELIVERED", Map.of("pt-BR", Map.of("subject", "{{merchant}}: entregue, {{ name }}!"),
                "nl", Map.of("intro", "Hoi {{name}}, {{carrier}} heeft {{orderNumber}} bezorgd ({{trackingNumber}}, {{expectedDate}})."))));
        SettingsDocument.Read read = SettingsDocument.read(doc);
        assertThat(read.problems()).isEmpty();
        assertThat(read.settings().defaultLanguage()).isEqualTo("pt-PT");
        assertThat(read.settings().messageOverride(io.ordertracker.domain.Milestone.DELIVERED, "pt-BR"))
                .hasValue(new MessageOverride("{{merchant}}: entregue, {{ name }}!", null));
        assertThat(read.settings().messageOverride(io.ordertracker.domain.Milestone.DELIVERED, "en")).isEmpty();
        // written back as read, and read again the same
        Map<String, Object> written = SettingsDocument.write(read.settings());
        assertThat(SettingsDocument.read(written).settings()).isEqualTo(read.settings());
        for (String bad : List.of("{{{name}}}", "{{#name}}x{{/name}}", "{{unknown}}", "{{name", "a } b", "{{> p}}")) {
            assertThat(MessageOverride.problem(bad)).as(bad).isPresent();
        }
        assertThat(MessageOverride.problem("{{unknown}}").orElseThrow()).contains("unknown variable unknown");
        assertThat(MessageOverride.problem("plain text, no tags")).isEmpty();
    }

    @Test
    void displayNameIsRequiredAndTheDocumentMustBeAnObject() {
        assertThat(SettingsDocument.read(Map.of()).problems()).extracting(SettingsDocument.Problem::field).containsExactly("displayName");
        assertThat(SettingsDocument.read(List.of()).problems()).extracting(SettingsDocument.Problem::field).containsExactly("body");
    }

    @Test
    void mergePatchFollowsRfc7396() {
        Map<String, Object> target = new LinkedHashMap<>(Map.of("a", "b", "c", Map.of("d", "e", "f", "g")));
        Map<String, Object> patch = new HashMap<>();
        patch.put("a", "z");
        Map<String, Object> inner = new HashMap<>();
        inner.put("f", null);
        patch.put("c", inner);
        assertThat(SettingsDocument.mergePatch(target, patch)).isEqualTo(Map.of("a", "z", "c", Map.of("d", "e")));
        assertThat(SettingsDocument.mergePatch(target, List.of(1))).isEqualTo(List.of(1));
    }

    @Test
    void quietHoursWithinOneDayHoldOnlyInsideTheWindow() {
        QuietHours lunch = QuietHours.parse("12:00-14:00").orElseThrow();
        ZoneId utc = ZoneId.of("UTC");
        assertThat(lunch.deferUntil(Instant.parse("2026-11-16T12:30:00Z"), utc)).contains(Instant.parse("2026-11-16T14:00:00Z"));
        assertThat(lunch.deferUntil(Instant.parse("2026-11-16T23:30:00Z"), utc)).isEmpty();
        assertThat(QuietHours.parse("08:00-08:00")).isEmpty();
    }
}
