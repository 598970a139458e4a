package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.merchants.MerchantStore.SettingsRevision;
import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import io.ordertracker.functions.ordersapi.HostileSettingsCorpus.Case;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile settings change gets a 4xx problem+json naming the field, and the stored settings stay as they were. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSettingsIT {
    private final ApiHarness api = new ApiHarness();
    private final DynamoDbMerchantStore store = new DynamoDbMerchantStore(ApiHarness.CLIENT, ApiHarness.TABLE);
    private Merchant shop;

    @BeforeAll
    void merchant() {
        shop = api.newMerchant("Hostile Settings Shop");
    }

    static Stream<Case> corpus() {
        return HostileSettingsCorpus.all().stream();
    }

    @Test
    void corpusIsLargeAndNamesAreUnique() {
        List<Case> all = HostileSettingsCorpus.all();
        System.out.println("hostile settings corpus size: " + all.size());
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all.stream().map(Case::name).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void theValidDocumentItselfIsAccepted() {
        Merchant other = api.newMerchant("Control Settings Shop");
        Response r = api.settings(other.apiKey(), "PUT", SettingsApiIT.FULL, Map.of("if-match", "\"0\""));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void isRefusedWithAProblemNamingTheFieldAndWritesNothing(Case c) {
        SettingsRevision before = store.findSettings(shop.merchantId()).orElseThrow();
        int items = ApiHarness.itemCount();
        Map<String, String> headers = new HashMap<>(c.headers());
        headers.replaceAll((k, v) -> HostileSettingsCorpus.CURRENT.equals(v) ? SettingsRoutes.etag(before.version()) : v);
        Response r = api.settings(shop.apiKey(), c.method(), c.body(), headers);
        assertThat(r.status()).as(r.body()).isEqualTo(c.expectedStatus());
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(c.expectedStatus());
        assertThat(r.json().path("field").asText()).as(r.body()).isEqualTo(c.expectedField());
        assertThat(r.json().path("detail").asText()).isNotBlank();
        assertThat(store.findSettings(shop.merchantId())).as("settings unchanged").contains(before);
        assertThat(ApiHarness.itemCount()).as("nothing written").isEqualTo(items);
    }
}
