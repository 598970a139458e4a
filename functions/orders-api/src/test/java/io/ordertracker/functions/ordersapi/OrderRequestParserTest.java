package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.orders.NewOrder;
import io.ordertracker.functions.ordersapi.OrderRequestParser.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestParserTest {
    private final OrderRequestParser parser = new OrderRequestParser();

    @Test
    void readsTheIssueExampleAndNormalizesTrackingNumbers() {
        Parsed<NewOrder> parsed = parser.parseOrder("""
                {"orderNumber":"1001","customer":{"name":"Ada","email":"ada@example.com","phone":"+15555550123",
                "timeZone":"America/New_York","locale":"en-US"},"items":[{"name":"Mug","quantity":1}],
                "promisedDeliveryDate":"2026-11-25","shipments":[{"carrier":"UPS","trackingNumber":"1z5r 8939 0357 5671 27"}]}""");
        assertThat(parsed.errors()).isEmpty();
        NewOrder order = parsed.value();
        assertThat(order.shipments()).singleElement().satisfies(s -> {
            assertThat(s.carrier()).isEqualTo(Carrier.UPS);
            assertThat(s.trackingNumber()).isEqualTo("1Z5R89390357567127");
        });
        assertThat(order.items()).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(1));
        assertThat(order.promisedDeliveryDate()).hasToString("2026-11-25");
    }

    @Test
    void defaultsTimeZoneLocaleAndQuantity() {
        NewOrder order = parser.parseOrder("""
                {"orderNumber":"A-1","customer":{"phone":"+442071838750"},"items":[{"name":"Tea"}]}""").value();
        assertThat(order.customer().timeZone()).isEqualTo("UTC");
        assertThat(order.customer().locale()).as("no locale: the merchant's default language applies later").isNull();
        assertThat(order.customer().email()).isNull();
        assertThat(order.items().get(0).quantity()).isEqualTo(1);
        assertThat(order.shipments()).isEmpty();
    }

    @Test
    void theSameRequestWrittenDifferentlyHashesTheSame() {
        String a = parser.parseOrder("{\"orderNumber\":\"1\",\"customer\":{\"email\":\"a@example.com\"}}").canonicalHash();
        String b = parser.parseOrder("{ \"customer\" : { \"email\" : \"a@example.com\" } , \"orderNumber\" : \"1\" }").canonicalHash();
        String c = parser.parseOrder("{\"orderNumber\":\"1\",\"customer\":{\"email\":\"b@example.com\"}}").canonicalHash();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        Parsed<NewOrder> parsed = parser.parseOrder("""
                {"orderNumber":"bad number","customer":{"email":"nope","timeZone":"EST"},"shipments":[{"carrier":"tnt"}]}""");
        assertThat(parsed.errors()).extracting(e -> e.field()).containsExactlyInAnyOrder(
                "orderNumber", "customer.email", "customer.timeZone", "shipments[0].carrier", "shipments[0].trackingNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"})
    void acceptsIanaZones(String zone) {
        assertThat(OrderRequestParser.validZone(zone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de", "fr-CA", "pt-BR", "zh-Hant-TW", "es-419"})
    void acceptsLanguageTags(String tag) {
        assertThat(OrderRequestParser.validLocale(tag)).isTrue();
    }
}
