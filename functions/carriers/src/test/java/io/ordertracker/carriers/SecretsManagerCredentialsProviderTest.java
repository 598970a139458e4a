package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsManagerCredentialsProviderTest {

    @Test
    void reads_one_entry_per_carrier_from_the_secret_json() {
        Map<Carrier, CarrierCredentials> creds = SecretsManagerCredentialsProvider.parse("""
                {"ups":{"clientId":"u-id","clientSecret":"u-secret"},
                 "fedex":{"clientId":"f-id","clientSecret":"f-secret"},
                 "usps":{"clientId":"p-id","clientSecret":"p-secret"},
                 "dhl":{"apiKey":"d-key"}}
                """);
        assertThat(creds.get(Carrier.UPS)).isEqualTo(new CarrierCredentials("u-id", "u-secret", null));
        assertThat(creds.get(Carrier.DHL).apiKey()).isEqualTo("d-key");
        assertThat(creds.get(Carrier.DHL).toString()).doesNotContain("d-key");
    }

    @Test
    void a_secret_that_is_not_json_is_a_clear_error() {
        assertThatThrownBy(() -> SecretsManagerCredentialsProvider.parse("not json"))
                .hasMessageContaining("not JSON");
    }
}
