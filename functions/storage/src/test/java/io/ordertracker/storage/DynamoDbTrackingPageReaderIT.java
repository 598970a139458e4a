package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.orders.TrackingPageReader.TrackingPageData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoDbTrackingPageReaderIT {
    private final DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbMerchantStore merchants = new DynamoDbMerchantStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbTrackingPageReader reader = new DynamoDbTrackingPageReader(LocalTable.CLIENT, LocalTable.TABLE);
    private final Instant now = Instant.parse("2026-11-20T10:00:00Z");
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static String token(char c) {
        return String.valueOf(c).repeat(8) + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private void order(String number, Shipment... shipments) {
        orders.create(new Order(merchant, number, new Customer("Ada", "ada@example.com", null, "UTC", "en"), List.of(),
                null, now, "h"), List.of(shipments), null);
    }

    private Shipment shipment(String number, String id, String token, Instant createdAt) {
        return Shipment.newShipment(merchant, number, id, Carrier.UPS, "1Z5R89390357567127", token, createdAt);
    }

    @Test
    void aTokenOpensItsOrderWithEveryShipmentAndTheMerchant() {
        merchants.createMerchant(new Merchant(merchant, "Northwind", MerchantSettings.defaults("Northwind"), now));
        String a = token('a');
        String b = token('b');
        order("7001", shipment("7001", "s1", a, now), shipment("7001", "s2", b, now.plusSeconds(1)));

        TrackingPageData data = reader.read(b, now).orElseThrow();
        assertThat(data.shipmentId()).isEqualTo("s2");
        assertThat(data.order().orderNumber()).isEqualTo("7001");
        assertThat(data.shipments()).extracting(v -> v.shipment().shipmentId()).containsExactly("s1", "s2");
        assertThat(data.merchant()).get().extracting(Merchant::name).isEqualTo("Northwind");
    }

    @Test
    void unknownMalformedAndExpiredTokensFindNothing() {
        String t = token('c');
        order("7002", shipment("7002", "s1", t, now));
        assertThat(reader.read(t, now)).isPresent();
        assertThat(reader.read(token('d'), now)).isEmpty();
        assertThat(reader.read("short", now)).isEmpty();
        assertThat(reader.read(null, now)).isEmpty();
        assertThat(reader.read(t.substring(0, 31) + "!", now)).isEmpty();

        LocalTable.CLIENT.updateItem(b -> b.tableName(LocalTable.TABLE)
                .key(Map.of(Keys.PK, Attr.s(Keys.orderPk(merchant, "7002")), Keys.SK, Attr.s(Keys.shipmentSk("s1"))))
                .updateExpression("SET expiresAt = :e")
                .expressionAttributeValues(Map.of(":e", Attr.n(now.getEpochSecond()))));
        assertThat(reader.read(t, now.minusSeconds(1))).isPresent();
        assertThat(reader.read(t, now)).isEmpty();
    }

    @Test
    void aMissingMerchantStillShowsTheOrder() {
        String t = token('e');
        order("7003", shipment("7003", "s1", t, now));
        assertThat(reader.read(t, now)).get().satisfies(d -> assertThat(d.merchant()).isEmpty());
    }
}
