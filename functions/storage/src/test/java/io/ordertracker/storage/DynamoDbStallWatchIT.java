package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.notify.StallWatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoDbStallWatchIT {
    private final DynamoDbOrderStore orders = new DynamoDbOrderStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final DynamoDbStallWatch watch = new DynamoDbStallWatch(LocalTable.CLIENT, LocalTable.TABLE);
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "");
    private final Instant now = Instant.parse("2026-11-16T15:00:00Z").plus(Duration.ofDays(Math.abs(merchant.hashCode() % 20000)));

    private ShipmentRef order(int i) {
        String number = "s" + i;
        Order order = new Order(merchant, number, new Customer("Ada", "ada@example.com", null, "UTC", "en"),
                List.of(new OrderItem("Mug", 1, null)), LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3), now, "h");
        String id = "shp_" + number + "_" + merchant;
        orders.create(order, List.of(Shipment.newShipment(merchant, number, id, Carrier.DHL, "99" + (10000000 + i),
                "tok" + id, now)), null);
        return new ShipmentRef(merchant, number, id);
    }

    /** The stall pass reads a shard's shipments in batches of 100: more than one batch, and a ref that is gone. */
    @Test
    void loadAllReadsWhatLoadReadsInBatchesAndLeavesOutWhatIsGone() {
        List<ShipmentRef> refs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            refs.add(order(i));
        }
        refs.add(new ShipmentRef(merchant, "gone", "shp_gone_" + merchant));
        List<StallWatch.Watched> all = watch.loadAll(refs);
        assertThat(all).hasSize(101);
        assertThat(all).extracting(w -> w.shipment().shipmentId())
                .containsExactlyInAnyOrderElementsOf(refs.subList(0, 101).stream().map(ShipmentRef::shipmentId).toList());
        StallWatch.Watched one = watch.load(refs.get(7)).orElseThrow();
        assertThat(all).filteredOn(w -> w.shipment().shipmentId().equals(refs.get(7).shipmentId()))
                .singleElement().isEqualTo(one);
        assertThat(watch.loadAll(List.of())).isEmpty();
    }
}
