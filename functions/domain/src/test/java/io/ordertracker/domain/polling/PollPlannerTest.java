package io.ordertracker.domain.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollPlannerTest {
    final Instant now = Instant.parse("2026-11-20T12:00:00Z");

    List<DueShipment> due(Carrier c, int n, ShipmentStatus status) {
        List<DueShipment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DueShipment("m", "o" + i, status + "-" + i, c, "N" + i, status, now.minusSeconds(i)));
        }
        return out;
    }

    @Test
    void fedexIsBatchedThirtyNumbersPerMessageOthersTenCallsPerMessage() {
        List<TrackingBatch> fedex = PollPlanner.plan(Carrier.FEDEX, due(Carrier.FEDEX, 65, ShipmentStatus.IN_TRANSIT), Integer.MAX_VALUE);
        assertThat(fedex).extracting(b -> b.shipments().size()).containsExactly(30, 30, 5);
        List<TrackingBatch> ups = PollPlanner.plan(Carrier.UPS, due(Carrier.UPS, 25, ShipmentStatus.IN_TRANSIT), Integer.MAX_VALUE);
        assertThat(ups).extracting(b -> b.shipments().size()).containsExactly(10, 10, 5);
    }

    @Test
    void aTightBudgetIsSpentOnTheLikeliestChangesFirst() {
        List<DueShipment> all = new ArrayList<>(due(Carrier.DHL, 5, ShipmentStatus.PENDING));
        all.addAll(due(Carrier.DHL, 2, ShipmentStatus.OUT_FOR_DELIVERY));
        all.addAll(due(Carrier.DHL, 3, ShipmentStatus.IN_TRANSIT));
        List<TrackingBatch> plan = PollPlanner.plan(Carrier.DHL, all, 4);
        assertThat(plan.stream().flatMap(b -> b.shipments().stream()).map(DueShipment::status))
                .containsExactly(ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.OUT_FOR_DELIVERY,
                        ShipmentStatus.IN_TRANSIT, ShipmentStatus.IN_TRANSIT);
    }

    @Test
    void budgetIsPacedOverTheDayButUrgentShipmentsMayBorrow() {
        Duration run = Duration.ofMinutes(5);
        Instant noon = Instant.parse("2026-11-20T12:00:00Z");
        long paced = PollPlanner.callLimit(250, 100, noon, run, 0);
        assertThat(paced).isBetween(1L, 3L); // 150 left over 144 runs
        assertThat(PollPlanner.callLimit(250, 100, noon, run, 40)).isEqualTo(40);
        assertThat(PollPlanner.callLimit(250, 240, noon, run, 40)).isEqualTo(10);
        assertThat(PollPlanner.callLimit(250, 250, noon, run, 40)).isZero();
        assertThat(PollPlanner.callLimit(0, 1_000_000, noon, run, 0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PollPlanner.parseBudgets("dhl=250, ups=0")).containsEntry(Carrier.DHL, 250L).containsEntry(Carrier.UPS, 0L);
    }
}
