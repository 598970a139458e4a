package io.ordertracker.domain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MilestoneRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");

    static Shipment shipment(ShipmentStatus status, ExceptionReason reason, boolean delayed, boolean stalled, boolean active) {
        return new Shipment("m1", "1001", "shp_1", Carrier.UPS, "1Z5R89390357567127", "tok", status, reason,
                EstimatedDelivery.of(LocalDate.parse("2026-11-20"), EstimatedDelivery.Kind.SCHEDULED), delayed, stalled,
                T0, T0, null, active, T0, T0, 1);
    }

    static Shipment at(ShipmentStatus status) {
        return shipment(status, ExceptionReason.NONE, false, false, true);
    }

    private static java.util.List<Milestone> milestones(Shipment before, Shipment after) {
        return MilestoneRules.detect(before, after).stream().map(DetectedMilestone::milestone).toList();
    }

    @Test
    void eachStatusStepGivesItsMilestone() {
        assertThat(milestones(null, at(ShipmentStatus.PENDING))).isEmpty();
        assertThat(milestones(at(ShipmentStatus.PENDING), at(ShipmentStatus.INFO_RECEIVED))).containsExactly(Milestone.SHIPPED);
        assertThat(milestones(at(ShipmentStatus.INFO_RECEIVED), at(ShipmentStatus.IN_TRANSIT))).containsExactly(Milestone.IN_TRANSIT);
        assertThat(milestones(at(ShipmentStatus.PENDING), at(ShipmentStatus.IN_TRANSIT)))
                .containsExactly(Milestone.SHIPPED, Milestone.IN_TRANSIT);
        assertThat(milestones(at(ShipmentStatus.IN_TRANSIT), at(ShipmentStatus.OUT_FOR_DELIVERY))).containsExactly(Milestone.OUT_FOR_DELIVERY);
        assertThat(milestones(at(ShipmentStatus.IN_TRANSIT), at(ShipmentStatus.AVAILABLE_FOR_PICKUP))).containsExactly(Milestone.AVAILABLE_FOR_PICKUP);
        assertThat(milestones(at(ShipmentStatus.OUT_FOR_DELIVERY), at(ShipmentStatus.DELIVERED))).containsExactly(Milestone.DELIVERED);
        assertThat(milestones(at(ShipmentStatus.IN_TRANSIT), at(ShipmentStatus.IN_TRANSIT))).isEmpty();
    }

    @Test
    void deliveredIsToldEvenWhenTheSameWriteEndsTracking() {
        Shipment delivered = shipment(ShipmentStatus.DELIVERED, ExceptionReason.NONE, false, false, false);
        assertThat(milestones(at(ShipmentStatus.OUT_FOR_DELIVERY), delivered)).containsExactly(Milestone.DELIVERED);
        Shipment stopped = shipment(ShipmentStatus.OUT_FOR_DELIVERY, ExceptionReason.NONE, false, false, false);
        assertThat(milestones(at(ShipmentStatus.IN_TRANSIT), stopped)).isEmpty();
    }

    @Test
    void exceptionsCarryTheirReasonAndANewReasonIsANewEpisode() {
        var first = MilestoneRules.detect(at(ShipmentStatus.IN_TRANSIT), at(ShipmentStatus.DELIVERY_ATTEMPTED));
        assertThat(first).containsExactly(new DetectedMilestone(Milestone.EXCEPTION, "RECIPIENT_UNAVAILABLE",
                ExceptionReason.RECIPIENT_UNAVAILABLE));
        Shipment address = shipment(ShipmentStatus.EXCEPTION, ExceptionReason.ADDRESS_ISSUE, false, false, true);
        Shipment held = shipment(ShipmentStatus.EXCEPTION, ExceptionReason.HELD, false, false, true);
        assertThat(MilestoneRules.detect(address, held)).extracting(DetectedMilestone::episode).containsExactly("HELD");
        assertThat(MilestoneRules.detect(address, address)).isEmpty();
        assertThat(MilestoneRules.detect(at(ShipmentStatus.RETURNING_TO_SENDER), at(ShipmentStatus.RETURNED_TO_SENDER)))
                .extracting(DetectedMilestone::reason).containsExactly(ExceptionReason.RETURNED);
        assertThat(MilestoneRules.detect(at(ShipmentStatus.IN_TRANSIT), shipment(ShipmentStatus.FAILED, ExceptionReason.NONE, false, false, false)))
                .extracting(DetectedMilestone::reason).containsExactly(ExceptionReason.LOST);
    }

    @Test
    void flagsAreToldWhenRaisedOnly() {
        Shipment late = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, true, false, true);
        assertThat(MilestoneRules.detect(at(ShipmentStatus.IN_TRANSIT), late))
                .containsExactly(new DetectedMilestone(Milestone.DELAYED, "2026-11-20", ExceptionReason.NONE));
        assertThat(milestones(late, late)).isEmpty();
        Shipment silent = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, true, true);
        assertThat(MilestoneRules.detect(at(ShipmentStatus.IN_TRANSIT), silent)).extracting(DetectedMilestone::episode)
                .containsExactly(T0.toString());
        assertThat(milestones(silent, at(ShipmentStatus.IN_TRANSIT))).isEmpty();
    }

    @Test
    void lateAndSilentAreNotToldWhileTheParcelWaitsAtPickupOrIsInTrouble() {
        for (ShipmentStatus waiting : new ShipmentStatus[] {ShipmentStatus.AVAILABLE_FOR_PICKUP,
                ShipmentStatus.DELIVERY_ATTEMPTED, ShipmentStatus.EXCEPTION, ShipmentStatus.RETURNING_TO_SENDER}) {
            Shipment lateAndSilentThere = shipment(waiting, ExceptionReason.NONE, true, true, true);
            assertThat(milestones(at(waiting), lateAndSilentThere)).as(waiting.name())
                    .doesNotContain(Milestone.DELAYED, Milestone.STALLED);
            assertThat(MilestoneRules.isStale(Milestone.DELAYED, lateAndSilentThere)).as(waiting.name()).isTrue();
            assertThat(MilestoneRules.isStale(Milestone.STALLED, lateAndSilentThere)).as(waiting.name()).isTrue();
        }
        Shipment lateAndSilentOnTheWay = shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, true, true, true);
        assertThat(milestones(at(ShipmentStatus.IN_TRANSIT), lateAndSilentOnTheWay))
                .containsExactly(Milestone.DELAYED, Milestone.STALLED);
        assertThat(MilestoneRules.isStale(Milestone.DELAYED, lateAndSilentOnTheWay)).isFalse();
        assertThat(MilestoneRules.isStale(Milestone.STALLED, lateAndSilentOnTheWay)).isFalse();
        // a carrier delay scan on data stored before the taxonomy (EXCEPTION / WEATHER) is still a delay worth telling
        Shipment legacyWeather = shipment(ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER, true, false, true);
        assertThat(MilestoneRules.isStale(Milestone.DELAYED, legacyWeather)).isFalse();
    }

    @Test
    void laterNewsMakesAHeldMessageStale() {
        assertThat(MilestoneRules.isStale(Milestone.OUT_FOR_DELIVERY, at(ShipmentStatus.OUT_FOR_DELIVERY))).isFalse();
        assertThat(MilestoneRules.isStale(Milestone.OUT_FOR_DELIVERY, at(ShipmentStatus.DELIVERED))).isTrue();
        assertThat(MilestoneRules.isStale(Milestone.DELIVERED, at(ShipmentStatus.DELIVERED))).isFalse();
        assertThat(MilestoneRules.isStale(Milestone.DELAYED, at(ShipmentStatus.IN_TRANSIT))).isTrue();
        assertThat(MilestoneRules.isStale(Milestone.SHIPPED, shipment(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, false, false, false)))
                .isTrue();
        assertThat(MilestoneRules.isStale(Milestone.ORDER_CONFIRMED, null)).isFalse();
        assertThat(MilestoneRules.isStale(Milestone.SHIPPED, at(ShipmentStatus.IN_TRANSIT))).isFalse();
        assertThat(MilestoneRules.isStale(Milestone.SHIPPED, at(ShipmentStatus.OUT_FOR_DELIVERY))).isTrue();
    }

    @Test
    void quietHoursHoldNightMessagesUntilEightLocal() {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant lateEvening = Instant.parse("2026-11-17T03:30:00Z"); // 22:30 in New York
        assertThat(QuietHours.DEFAULT.deferUntil(lateEvening, ny)).contains(Instant.parse("2026-11-17T13:00:00Z"));
        Instant early = Instant.parse("2026-11-17T11:59:00Z"); // 06:59
        assertThat(QuietHours.DEFAULT.deferUntil(early, ny)).contains(Instant.parse("2026-11-17T13:00:00Z"));
        assertThat(QuietHours.DEFAULT.deferUntil(Instant.parse("2026-11-17T13:00:00Z"), ny)).isEmpty();
        assertThat(QuietHours.DEFAULT.deferUntil(Instant.parse("2026-11-18T01:59:00Z"), ny)).isEmpty(); // 20:59
        assertThat(QuietHours.DEFAULT.start()).isEqualTo(LocalTime.of(21, 0));
    }

    @Test
    void delayAndStallFollowDatesAndBusinessDays() {
        ZoneId utc = ZoneId.of("UTC");
        Shipment moving = at(ShipmentStatus.IN_TRANSIT); // last scan Monday 2026-11-16, ETA 2026-11-20
        assertThat(DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-18T12:00:00Z"), utc, 3, 5))
                .matches(f -> !f.delayed() && !f.stalled(), "neither delayed nor stalled");
        assertThat(DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-19T12:00:00Z"), utc, 3, 5).stalled()).isTrue();
        assertThat(DelayAndStallRules.evaluate(moving, LocalDate.parse("2026-11-18"), Instant.parse("2026-11-19T12:00:00Z"), utc, 3, 5)
                .delayed()).isTrue();
        assertThat(DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-21T12:00:00Z"), utc, 9, 9).delayed()).isTrue();
        // Friday scan, Monday check: only one business day of silence
        assertThat(DelayAndStallRules.businessDaysBetween(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-23"))).isEqualTo(1);
        Shipment label = at(ShipmentStatus.INFO_RECEIVED);
        assertThat(DelayAndStallRules.evaluate(label, null, Instant.parse("2026-11-19T12:00:00Z"), utc, 3, 5).stalled()).isFalse();
        assertThat(DelayAndStallRules.evaluate(label, null, Instant.parse("2026-11-23T12:00:00Z"), utc, 3, 5).stalled()).isTrue();
        assertThat(DelayAndStallRules.evaluate(at(ShipmentStatus.DELIVERED), LocalDate.parse("2026-11-01"),
                Instant.parse("2026-11-23T12:00:00Z"), utc, 3, 5)).matches(f -> !f.delayed() && !f.stalled(), "neither delayed nor stalled");
    }
}
