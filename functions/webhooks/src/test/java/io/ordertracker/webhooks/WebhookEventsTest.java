package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.webhooks.WebhookSource;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every event type built from table changes, checked against its JSON Schema in docs/webhooks. */
class WebhookEventsTest {
    static final Path DOCS = SamTemplate.locate().toAbsolutePath().getParent().resolve("docs/webhooks");
    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    static final TrackingEvent SCAN = new TrackingEvent(OffsetDateTime.parse("2026-05-04T09:58:00-04:00"),
            ShipmentStatus.DELIVERY_ATTEMPTED, ExceptionReason.RECIPIENT_UNAVAILABLE, "NA", "No one home", "Boston MA US");
    final WebhookEvents events = new WebhookEvents(s -> SCAN);

    static Order order(long version, Instant updated, Instant cancelled) {
        return new Order("m1", "A-100", new Customer("Ada", "ada@example.com", null, "UTC", null),
                List.of(new OrderItem("Cup", 2, null)), LocalDate.parse("2026-05-08"), T0, "h", updated, cancelled, version);
    }

    static Shipment shipment(ShipmentStatus status, ExceptionReason reason, boolean delayed, boolean stalled, long version) {
        return new Shipment("m1", "A-100", "shp_0123456789abcdef01234567", Carrier.UPS, "1Z999", "tok", status, reason,
                new EstimatedDelivery(LocalDate.parse("2026-05-06"), null, null, EstimatedDelivery.Kind.SCHEDULED),
                delayed, stalled, T0, T0, null, true, T0, T0.plusSeconds(version * 60), version);
    }

    static WebhookSource.LedgerEntry ledger(String state, String why) {
        return new WebhookSource.LedgerEntry("m1", "A-100", "shp_0123456789abcdef01234567", Milestone.DELIVERED, "",
                null, Channel.SMS, state, T0, why, "NOTIFY#m1#x|LEDGER#y");
    }

    List<WebhookEvent> all() {
        List<WebhookEvent> out = new ArrayList<>();
        out.addAll(events.of(new WebhookSource.OrderChanged(null, order(0, null, null))));
        out.addAll(events.of(new WebhookSource.OrderChanged(order(0, null, null), order(1, T0.plusSeconds(5), null))));
        out.addAll(events.of(new WebhookSource.OrderChanged(order(1, T0, null), order(2, T0.plusSeconds(9), T0.plusSeconds(9)))));
        Shipment transit = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, false, 3);
        out.addAll(events.of(new WebhookSource.ShipmentChanged(shipment(ShipmentStatus.PENDING, ExceptionReason.NONE, false, false, 2), transit)));
        out.addAll(events.of(new WebhookSource.ShipmentChanged(transit,
                shipment(ShipmentStatus.DELIVERY_ATTEMPTED, ExceptionReason.RECIPIENT_UNAVAILABLE, false, false, 4))));
        out.addAll(events.of(new WebhookSource.ShipmentChanged(transit, shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, true, false, 5))));
        out.addAll(events.of(new WebhookSource.ShipmentChanged(transit, shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, true, 6))));
        out.addAll(events.of(new WebhookSource.ShipmentChanged(transit, shipment(ShipmentStatus.DELIVERED, ExceptionReason.NONE, false, false, 7))));
        out.addAll(events.of(new WebhookSource.LedgerChanged(ledger("CLAIMED", null), ledger("SENT", null))));
        out.addAll(events.of(new WebhookSource.LedgerChanged(ledger("CLAIMED", null), ledger("SKIPPED", "opted-out"))));
        return out;
    }

    @Test
    void everyTypeIsBuiltAndMatchesItsSchema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Set<String> types = new TreeSet<>();
        for (WebhookEvent e : all()) {
            types.add(e.type());
            JsonNode payload = Json.MAPPER.readTree(e.payload());
            var schema = factory.getSchema(Json.MAPPER.readTree(Files.readString(DOCS.resolve(e.type() + ".schema.json"))));
            assertThat(schema.validate(payload)).as(e.type() + ": " + payload).isEmpty();
            assertThat(payload.path("id").asText()).isEqualTo(e.id());
        }
        assertThat(types).containsAll(WebhookEvent.TYPES);
        // and the docs have no schema for a type that does not exist
        try (var files = Files.list(DOCS)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".schema.json", "")).toList())
                    .containsExactlyInAnyOrderElementsOf(concat(WebhookEvent.TYPES, WebhookEvent.WEBHOOK_TEST));
        }
    }

    @Test
    void theSameChangeSeenTwiceIsTheSameEventWithTheSameBytes() {
        List<WebhookEvent> first = all();
        List<WebhookEvent> again = all();
        assertThat(again).extracting(WebhookEvent::id).containsExactlyElementsOf(first.stream().map(WebhookEvent::id).toList());
        assertThat(again).extracting(WebhookEvent::payload).containsExactlyElementsOf(first.stream().map(WebhookEvent::payload).toList());
        assertThat(first.stream().map(WebhookEvent::id).distinct()).hasSameSizeAs(first);
    }

    @Test
    void aDeliveredChangeCarriesStatusChangedThenDeliveredWithOneSequence() {
        Shipment transit = shipment(ShipmentStatus.OUT_FOR_DELIVERY, ExceptionReason.NONE, false, false, 8);
        List<WebhookEvent> out = events.of(new WebhookSource.ShipmentChanged(transit,
                shipment(ShipmentStatus.DELIVERED, ExceptionReason.NONE, false, false, 9)));
        assertThat(out).extracting(WebhookEvent::type).containsExactly("shipment.status_changed", "shipment.delivered");
        assertThat(out).allSatisfy(e -> assertThat(e.data().get("sequence")).isEqualTo(9L));
        assertThat(out).allSatisfy(e -> assertThat(e.groupKey()).isEqualTo("shipment:shp_0123456789abcdef01234567"));
    }

    @Test
    void bookkeepingWritesAreNoNews() {
        Shipment s = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, false, 3);
        assertThat(events.of(new WebhookSource.ShipmentChanged(s, shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, false, 4)))).isEmpty();
        assertThat(events.of(new WebhookSource.OrderChanged(order(1, null, null), order(1, null, null)))).isEmpty();
        assertThat(events.of(new WebhookSource.LedgerChanged(null, ledger("CLAIMED", null)))).isEmpty();
        assertThat(events.of(new WebhookSource.LedgerChanged(ledger("SENT", null), ledger("SENT", null)))).isEmpty();
    }

    static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }
}
