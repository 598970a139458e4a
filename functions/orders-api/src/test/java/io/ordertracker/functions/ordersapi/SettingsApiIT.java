package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET/PUT/PATCH /v1/settings through the authorizer on DynamoDB Local, every response checked against the spec. */
class SettingsApiIT {
    private final ApiHarness api = new ApiHarness();
    private final DynamoDbMerchantStore store = new DynamoDbMerchantStore(ApiHarness.CLIENT, ApiHarness.TABLE);

    static final String FULL = """
            {"displayName":"Northwind Coffee","logoUrl":"https://cdn.northwind.example/logo.png",
             "primaryColor":"#1F4E79","accentColor":"#f2a900","fromEmail":"orders@northwind.example",
             "fromName":"Northwind Orders","replyToEmail":"care@northwind.example",
             "supportEmail":"help@northwind.example","supportUrl":"https://northwind.example/help",
             "notifications":{"IN_TRANSIT":["EMAIL"],"OUT_FOR_DELIVERY":[]},"quietHours":"22:00-07:00",
             "stallDays":4,"stallDaysByCarrier":{"usps":5},"defaultLanguage":"de",
             "trackingPageBaseUrl":"https://track.northwind.example","reviewUrl":"https://northwind.example/review",
             "messageOverrides":{"SHIPPED":{"fr":{"subject":"{{merchant}} : votre commande {{orderNumber}} est partie",
             "intro":"Bonjour {{ name }}, {{carrier}} a votre colis."},"pt-BR":{"intro":"Oba, {{name}}!"}}}}
            """;

    private static Map<String, String> ifMatch(String etag) {
        Map<String, String> h = new HashMap<>();
        h.put("if-match", etag);
        return h;
    }

    @Test
    void getGivesTheWholeDocumentWithAnETagAndPutReplacesItOverThatETag() {
        Merchant shop = api.newMerchant("Northwind");
        Response read = api.settings(shop.apiKey(), "GET", null, Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("displayName").asText()).isEqualTo("Northwind");
        assertThat(read.json().path("notifications").path("DELIVERED").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        Response put = api.settings(shop.apiKey(), "PUT", FULL, ifMatch(etag));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"1\"");
        assertThat(put.json().path("primaryColor").asText()).isEqualTo("#1f4e79");
        assertThat(put.json().path("stallDaysByCarrier").path("usps").asInt()).isEqualTo(5);

        MerchantSettings stored = store.findMerchant(shop.merchantId()).orElseThrow().settings();
        assertThat(stored.displayName()).isEqualTo("Northwind Coffee");
        assertThat(stored.reviewUrl()).isEqualTo("https://northwind.example/review");
        assertThat(stored.wants(Milestone.IN_TRANSIT, Channel.EMAIL)).isTrue();
        assertThat(stored.wants(Milestone.OUT_FOR_DELIVERY, Channel.SMS)).isFalse();
        assertThat(stored.messageOverride(Milestone.SHIPPED, "fr")).hasValueSatisfying(o -> {
            assertThat(o.subject()).isEqualTo("{{merchant}} : votre commande {{orderNumber}} est partie");
            assertThat(o.intro()).isEqualTo("Bonjour {{ name }}, {{carrier}} a votre colis.");
        });
        assertThat(stored.messageOverride(Milestone.SHIPPED, "pt-BR")).hasValueSatisfying(o -> assertThat(o.subject()).isNull());
        assertThat(put.json().path("messageOverrides").path("SHIPPED").path("pt-BR").path("intro").asText()).isEqualTo("Oba, {{name}}!");
        assertThat(api.settings(shop.apiKey(), "GET", null, Map.of()).json()).isEqualTo(put.json());
    }

    @Test
    void aSecondEditOverTheSameETagLosesWith412AndChangesNothing() {
        Merchant shop = api.newMerchant("Race Shop");
        String etag = api.settings(shop.apiKey(), "GET", null, Map.of()).header("ETag");
        assertThat(api.settings(shop.apiKey(), "PUT", "{\"displayName\":\"First\"}", ifMatch(etag)).status()).isEqualTo(200);

        Response second = api.settings(shop.apiKey(), "PUT", "{\"displayName\":\"Second\"}", ifMatch(etag));
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(second.json().path("field").asText()).isEqualTo("If-Match");
        Response patch = api.settings(shop.apiKey(), "PATCH", "{\"displayName\":\"Third\"}", ifMatch(etag));
        assertThat(patch.status()).isEqualTo(412);
        assertThat(store.findMerchant(shop.merchantId()).orElseThrow().settings().displayName()).isEqualTo("First");
    }

    @Test
    void aPatchThatCannotBeValidIs422EvenOverAStaleETag() {
        Merchant shop = api.newMerchant("Stale Shop");
        String etag = api.settings(shop.apiKey(), "GET", null, Map.of()).header("ETag");
        assertThat(api.settings(shop.apiKey(), "PUT", "{\"displayName\":\"Fresh\"}", ifMatch(etag)).status()).isEqualTo(200);

        Response invalid = api.settings(shop.apiKey(), "PATCH", "{\"supportUrl\":\"javascript:alert(1)\"}", ifMatch(etag));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().path("field").asText()).isEqualTo("supportUrl");
        Response valid = api.settings(shop.apiKey(), "PATCH", "{\"supportUrl\":\"https://help.example.com\"}", ifMatch(etag));
        assertThat(valid.status()).as("the same ETag with a valid patch is still stale").isEqualTo(412);
        assertThat(store.findMerchant(shop.merchantId()).orElseThrow().settings().supportUrl()).isNull();
    }

    @Test
    void withoutIfMatchTheAnswerIs428() {
        Merchant shop = api.newMerchant("Careless Shop");
        Response put = api.settings(shop.apiKey(), "PUT", "{\"displayName\":\"X\"}", Map.of());
        assertThat(put.status()).isEqualTo(428);
        assertThat(put.json().path("field").asText()).isEqualTo("If-Match");
        assertThat(api.settings(shop.apiKey(), "PUT", "{\"displayName\":\"X\"}", ifMatch("*")).status()).isEqualTo(428);
        assertThat(api.settings(shop.apiKey(), "PATCH", "{\"displayName\":\"X\"}", Map.of()).status()).isEqualTo(428);
        assertThat(store.findMerchant(shop.merchantId()).orElseThrow().settings().displayName()).isEqualTo("Careless Shop");
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRestoresTheDefault() {
        Merchant shop = api.newMerchant("Patchy");
        String etag = api.settings(shop.apiKey(), "GET", null, Map.of()).header("ETag");
        etag = api.settings(shop.apiKey(), "PUT", FULL, ifMatch(etag)).header("ETag");

        Response patched = api.settings(shop.apiKey(), "PATCH",
                "{\"reviewUrl\":null,\"primaryColor\":\"#000000\",\"notifications\":{\"SHIPPED\":[\"EMAIL\",\"SMS\"]}}",
                ifMatch(etag));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertThat(patched.json().has("reviewUrl")).isFalse();
        assertThat(patched.json().path("primaryColor").asText()).isEqualTo("#000000");
        assertThat(patched.json().path("displayName").asText()).isEqualTo("Northwind Coffee");
        assertThat(patched.json().path("notifications").path("SHIPPED").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");
        assertThat(patched.json().path("notifications").path("IN_TRANSIT").toString()).isEqualTo("[\"EMAIL\"]");

        Response asJson = api.settings(shop.apiKey(), "PATCH", "{}", Map.of("if-match", "\"2\"", "content-type", "application/json"));
        assertThat(asJson.status()).isEqualTo(415);
        assertThat(asJson.json().path("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void merchantBsKeyNeverReadsOrChangesMerchantAsSettings() {
        Merchant a = api.newMerchant("Shop A");
        Merchant b = api.newMerchant("Shop B");
        String etagA = api.settings(a.apiKey(), "GET", null, Map.of()).header("ETag");
        assertThat(api.settings(a.apiKey(), "PUT", "{\"displayName\":\"A's secret brand\",\"fromEmail\":\"a@a.example\"}",
                ifMatch(etagA)).status()).isEqualTo(200);

        Response bRead = api.settings(b.apiKey(), "GET", null, Map.of());
        assertThat(bRead.json().path("displayName").asText()).isEqualTo("Shop B");
        assertThat(bRead.body()).doesNotContain("secret").doesNotContain("a@a.example");
        // B writes with A's current ETag: it only ever reaches B's own item.
        Response bPut = api.settings(b.apiKey(), "PUT", "{\"displayName\":\"Hijacked\"}", ifMatch("\"1\""));
        assertThat(bPut.status()).isEqualTo(412);
        Response bPut0 = api.settings(b.apiKey(), "PUT", "{\"displayName\":\"B renamed\"}", ifMatch("\"0\""));
        assertThat(bPut0.status()).isEqualTo(200);

        assertThat(store.findMerchant(a.merchantId()).orElseThrow().settings().displayName()).isEqualTo("A's secret brand");
        assertThat(store.findMerchant(b.merchantId()).orElseThrow().settings().displayName()).isEqualTo("B renamed");
    }
}
