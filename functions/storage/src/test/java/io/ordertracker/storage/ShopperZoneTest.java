package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShopperZoneTest {

    @Test
    void aZoneTheMerchantGaveIsTheShoppersZone() {
        assertThat(DynamoDbShipmentTracker.shopperZone("{\"email\":\"a@example.com\",\"timeZone\":\"America/Chicago\",\"locale\":\"en-US\"}"))
                .isEqualTo(ZoneId.of("America/Chicago"));
    }

    @Test
    void theApisDefaultUtcAndBrokenValuesMeanUnknown() {
        assertThat(DynamoDbShipmentTracker.shopperZone("{\"email\":\"a@example.com\",\"timeZone\":\"UTC\",\"locale\":\"en-US\"}")).isNull();
        assertThat(DynamoDbShipmentTracker.shopperZone("{\"email\":\"a@example.com\",\"timeZone\":\"Mars/Base\"}")).isNull();
        assertThat(DynamoDbShipmentTracker.shopperZone("not json")).isNull();
        assertThat(DynamoDbShipmentTracker.shopperZone(null)).isNull();
    }
}
