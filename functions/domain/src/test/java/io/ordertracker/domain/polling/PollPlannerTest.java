package io.ordertracker.domain.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PollPlannerTest {
    final Instant now = Instant.parse("2026-11-20T12:00:00Z");

    List<DueShipment> due(Carrier c, int n, ShipmentStatus status) {
        return due("m", c, n, status);
    }

    List<DueShipment> due(String merchant, Carrier c, int n, ShipmentStatus status) {
        List<DueShipment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DueShipment(merchant, "o" + i, merchant + "-" + status + "-" + i, c, "N" + i, status,
                    now.minusSeconds(i)));
        }
        return out;
    }

    static Map<String, Long> perMerchant(List<TrackingBatch> plan) {
        return plan.stream().flatMap(b -> b.shipments().stream())
                .collect(Collectors.groupingBy(DueShipment::merchantId, Collectors.counting()));
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

    @Test
    void aSmallMerchantIsNotStarvedByABigOneWhenTheBudgetIsShort() {
        List<DueShipment> all = new ArrayList<>(due("big", Carrier.DHL, 100, ShipmentStatus.IN_TRANSIT));
        all.addAll(due("small", Carrier.DHL, 5, ShipmentStatus.IN_TRANSIT));
        // The big merchant's shipments are all longer overdue: the old "oldest first" would give it every call.
        all.replaceAll(d -> d.merchantId().equals("big")
                ? new DueShipment(d.merchantId(), d.orderNumber(), d.shipmentId(), d.carrier(), d.trackingNumber(),
                        d.status(), d.nextPollAt().minusSeconds(3600)) : d);

        assertThat(perMerchant(PollPlanner.plan(Carrier.DHL, all, 12))).containsEntry("small", 5L).containsEntry("big", 7L);
        assertThat(perMerchant(PollPlanner.plan(Carrier.DHL, all, 6))).containsEntry("small", 3L).containsEntry("big", 3L);
        // Within its turns each merchant still gets its longest overdue first.
        List<String> small = PollPlanner.plan(Carrier.DHL, all, 4).stream().flatMap(b -> b.shipments().stream())
                .filter(d -> d.merchantId().equals("small")).map(DueShipment::shipmentId).toList();
        assertThat(small).containsExactly("small-IN_TRANSIT-4", "small-IN_TRANSIT-3");
    }

    @Test
    void threeMerchantsShareEquallyAndTheLimitIsNeverExceeded() {
        List<DueShipment> all = new ArrayList<>(due("a", Carrier.UPS, 50, ShipmentStatus.IN_TRANSIT));
        all.addAll(due("b", Carrier.UPS, 40, ShipmentStatus.PENDING));
        all.addAll(due("c", Carrier.UPS, 2, ShipmentStatus.INFO_RECEIVED));
        List<TrackingBatch> plan = PollPlanner.plan(Carrier.UPS, all, 20);
        assertThat(perMerchant(plan)).containsEntry("a", 9L).containsEntry("b", 9L).containsEntry("c", 2L);
        assertThat(plan).extracting(b -> b.shipments().size()).containsExactly(10, 10);
    }

    @Test
    void urgentShipmentsComeFirstWhoeverOwnsThemThenMerchantsTakeTurns() {
        List<DueShipment> all = new ArrayList<>(due("a", Carrier.DHL, 4, ShipmentStatus.OUT_FOR_DELIVERY));
        all.addAll(due("a", Carrier.DHL, 10, ShipmentStatus.IN_TRANSIT));
        all.addAll(due("b", Carrier.DHL, 10, ShipmentStatus.IN_TRANSIT));
        all.addAll(due("b", Carrier.DHL, 1, ShipmentStatus.DELIVERY_ATTEMPTED));
        List<DueShipment> chosen = PollPlanner.plan(Carrier.DHL, all, 9).stream()
                .flatMap(b -> b.shipments().stream()).toList();
        assertThat(chosen.subList(0, 5)).allMatch(PollPlanner::urgent);
        // a had 4 urgent picks and b one: b's turns come first until they are level (a 4 + 1, b 1 + 3).
        assertThat(chosen.subList(5, 9)).extracting(DueShipment::merchantId).containsExactly("b", "b", "b", "a");
        assertThat(perMerchant(List.of(new TrackingBatch(Carrier.DHL, chosen)))).containsEntry("a", 5L).containsEntry("b", 4L);
    }

    @Test
    void fedexKeepsThirtyNumbersPerRequestWhenShared() {
        List<DueShipment> all = new ArrayList<>(due("a", Carrier.FEDEX, 200, ShipmentStatus.IN_TRANSIT));
        all.addAll(due("b", Carrier.FEDEX, 10, ShipmentStatus.IN_TRANSIT));
        List<TrackingBatch> plan = PollPlanner.plan(Carrier.FEDEX, all, 2);
        assertThat(plan).extracting(b -> b.shipments().size()).containsExactly(30, 30);
        assertThat(perMerchant(plan)).containsEntry("a", 50L).containsEntry("b", 10L);
    }
}
