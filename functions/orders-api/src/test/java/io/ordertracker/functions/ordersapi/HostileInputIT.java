package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.ordertracker.functions.ordersapi.ApiHarness.Merchant;
import io.ordertracker.functions.ordersapi.ApiHarness.Response;
import io.ordertracker.functions.ordersapi.HostileInputCorpus.Case;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile request gets a 4xx problem+json naming the field, and leaves the table exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
    private final ApiHarness api = new ApiHarness();
    private Merchant shop;

    @BeforeAll
    void existingOrder() {
        shop = api.newMerchant("Hostile Shop");
        // An order to add parcels to, so the add-shipment cases reach the body checks.
        Response r = api.post(shop.apiKey(), HostileInputCorpus.VALID.replace("\"H-1\"", "\"H-EXISTING\""));
        assertThat(r.status()).isEqualTo(201);
    }

    static Stream<Case> corpus() {
        return HostileInputCorpus.all().stream();
    }

    @Test
    void corpusIsLargeAndNamesAreUnique() {
        List<Case> all = HostileInputCorpus.all();
        System.out.println("hostile-input corpus size: " + all.size());
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all.stream().map(Case::name).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void theValidTemplateItselfIsAccepted() {
        Merchant other = api.newMerchant("Control Shop");
        assertThat(api.post(other.apiKey(), HostileInputCorpus.VALID).status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void isRefusedWithAProblemNamingTheFieldAndWritesNothing(Case c) {
        int before = ApiHarness.itemCount();
        Response r = switch (c.target()) {
            case CREATE -> {
                APIGatewayV2HTTPEvent e = ApiHarness.sample("create");
                e.setBody(c.body());
                e.setIsBase64Encoded(c.base64Body());
                Map<String, String> headers = new HashMap<>(e.getHeaders());
                headers.remove("idempotency-key");
                headers.putAll(c.headers());
                e.setHeaders(headers);
                yield api.send(shop.apiKey(), e);
            }
            case ADD_SHIPMENT -> api.addShipment(shop.apiKey(), c.pathOrderNumber(), c.body());
            case GET -> api.get(shop.apiKey(), c.pathOrderNumber());
            case ERASE -> api.erase(shop.apiKey(), c.pathOrderNumber());
        };
        assertThat(r.status()).as(r.body()).isEqualTo(c.expectedStatus());
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(c.expectedStatus());
        assertThat(r.json().path("field").asText()).as(r.body()).isEqualTo(c.expectedField());
        assertThat(r.json().path("detail").asText()).isNotBlank();
        assertThat(ApiHarness.itemCount()).as("nothing written").isEqualTo(before);
    }
}
