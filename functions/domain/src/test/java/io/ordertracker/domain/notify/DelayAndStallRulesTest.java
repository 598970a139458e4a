package io.ordertracker.domain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.LaneExpectation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delay as the shopper understands it: against the dates they were given, once per episode. */
class DelayAndStallRulesTest {
    static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z"); // Monday
    static final LocalDate MON = LocalDate.parse("2026-11-16");
    static final LocalDate PROMISED = LocalDate.parse("2026-11-19"); // Thursday

    /** The shipment as the write path leaves it: its carrier facts, then the verdict stored with them. */
    static Shipment observed(Shipment before, ShipmentStatus status, ExceptionReason reason, LocalDate eta, LocalDate today) {
        Shipment facts = new Shipment("m1", "1001", "shp_1", Carrier.FEDEX, "794652010001", "tok", status, reason,
                eta == null ? null : EstimatedDelivery.of(eta, EstimatedDelivery.Kind.ESTIMATED), before.delayed(),
                false, T0, T0, null, true, T0, T0, before.version() + 1, before.delay(), null, null);
        DelayAndStallRules.DelayVerdict v = DelayAndStallRules.delay(facts, PROMISED, today, null);
        return facts.withDelay(v.delayed(), v.state());
    }

    static Shipment start() {
        return Shipment.newShipment("m1", "1001", "shp_1", Carrier.FEDEX, "794652010001", "tok", T0);
    }

    static List<DetectedMilestone> delays(Shipment before, Shipment after) {
        return MilestoneRules.detect(before, after).stream().filter(m -> m.milestone() == Milestone.DELAYED).toList();
    }

    @Test
    void theFirstEstimateIsWhatTheShopperWasToldAndAnEstimateOnTimeIsNoDelay() {
        Shipment s = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        assertThat(s.delayed()).isFalse();
        assertThat(s.delay()).isEqualTo(new DelayState(PROMISED, PROMISED, null, null));
    }

    @Test
    void anEstimateMovedLaterIsANewEpisodeEachTimeItSlipsAndEarlierNewsIsSilent() {
        Shipment told = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        Shipment slipped = observed(told, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(1), MON.plusDays(1));
        assertThat(slipped.delayed()).isTrue();
        assertThat(slipped.delay().notice()).isEqualTo(new DelayNotice(PROMISED, PROMISED.plusDays(1),
                ExceptionReason.NONE, DelayNotice.Basis.ESTIMATE_MOVED));
        assertThat(slipped.delay().toldDate()).isEqualTo(PROMISED.plusDays(1));
        assertThat(delays(told, slipped)).extracting(DetectedMilestone::episode).containsExactly("2026-11-20");

        // the same estimate on the next poll: the same episode, nothing new to tell
        Shipment again = observed(slipped, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(1), MON.plusDays(1));
        assertThat(delays(slipped, again)).isEmpty();
        assertThat(again.delayed()).isTrue();

        // it slips again: a new episode, told although the flag was already up
        Shipment twice = observed(again, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(3), MON.plusDays(2));
        assertThat(delays(again, twice)).extracting(DetectedMilestone::episode).containsExactly("2026-11-22");
        assertThat(twice.delay().notice().previousDate()).isEqualTo(PROMISED.plusDays(1));
        assertThat(twice.delay().notice().newDate()).isEqualTo(PROMISED.plusDays(3));

        // good news: an earlier date shows (the estimate) but starts nothing and keeps the date told
        Shipment earlier = observed(twice, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(2), MON.plusDays(2));
        assertThat(delays(twice, earlier)).isEmpty();
        assertThat(earlier.estimatedDelivery().date()).isEqualTo(PROMISED.plusDays(2));
        assertThat(earlier.delay().toldDate()).isEqualTo(PROMISED.plusDays(3));
        // back on the first date: no longer late, and clearing tells nothing
        Shipment onTime = observed(earlier, ShipmentStatus.IN_TRANSIT, null, PROMISED, MON.plusDays(2));
        assertThat(onTime.delayed()).isFalse();
        assertThat(MilestoneRules.detect(earlier, onTime)).isEmpty();
        // and late again up to the date already told: the episode of that date, which the ledger has told
        Shipment lateAgain = observed(onTime, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(3), MON.plusDays(2));
        assertThat(delays(onTime, lateAgain)).extracting(DetectedMilestone::episode).containsExactly("2026-11-22");
    }

    @Test
    void aCarrierReportedDelayIsADelayWithItsReasonAndANewDateWhenTheCarrierGivesOne() {
        Shipment told = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        Shipment weather = observed(told, ShipmentStatus.IN_TRANSIT, ExceptionReason.WEATHER, PROMISED.plusDays(2), MON.plusDays(1));
        assertThat(weather.delay().notice()).isEqualTo(new DelayNotice(PROMISED, PROMISED.plusDays(2),
                ExceptionReason.WEATHER, DelayNotice.Basis.CARRIER_REPORTED));
        assertThat(delays(told, weather)).containsExactly(new DetectedMilestone(Milestone.DELAYED, "2026-11-21",
                ExceptionReason.WEATHER));
        // the next status-setting scan resets the reason; the parcel stays late, nothing new to tell
        Shipment moving = observed(weather, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(2), MON.plusDays(2));
        assertThat(moving.delayed()).isTrue();
        assertThat(delays(weather, moving)).isEmpty();

        // a delay scan without a new date: told now, and the date comes as its own episode later
        Shipment volume = observed(told, ShipmentStatus.IN_TRANSIT, ExceptionReason.HIGH_VOLUME, PROMISED, MON.plusDays(1));
        assertThat(delays(told, volume)).extracting(DetectedMilestone::episode).containsExactly("after-2026-11-19");
        assertThat(volume.delay().notice()).isEqualTo(new DelayNotice(PROMISED, null, ExceptionReason.HIGH_VOLUME,
                DelayNotice.Basis.CARRIER_REPORTED));
        Shipment dated = observed(volume, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(1), MON.plusDays(2));
        assertThat(delays(volume, dated)).extracting(DetectedMilestone::episode).containsExactly("2026-11-20");
    }

    @Test
    void aCarrierDelayIsNeverAnExceptionMessage() {
        Shipment told = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        // as carriers' delay codes map today (EXCEPTION / CARRIER_DELAY) and as they will (status kept)
        for (ShipmentStatus status : List.of(ShipmentStatus.EXCEPTION, ShipmentStatus.IN_TRANSIT)) {
            Shipment late = observed(told, status, ExceptionReason.CARRIER_DELAY, PROMISED.plusDays(1), MON.plusDays(1));
            assertThat(MilestoneRules.detect(told, late)).extracting(DetectedMilestone::milestone)
                    .as(status.name()).containsExactly(Milestone.DELAYED);
        }
        // a real exception after a delay is told as one
        Shipment late = observed(told, ShipmentStatus.EXCEPTION, ExceptionReason.WEATHER, PROMISED.plusDays(1), MON.plusDays(1));
        Shipment held = observed(late, ShipmentStatus.EXCEPTION, ExceptionReason.CUSTOMS_HOLD, PROMISED.plusDays(1), MON.plusDays(1));
        assertThat(MilestoneRules.detect(late, held)).containsExactly(new DetectedMilestone(Milestone.EXCEPTION,
                "CUSTOMS_HOLD", ExceptionReason.CUSTOMS_HOLD));
    }

    @Test
    void pastThePromiseIsLateOnceAndMissingTheDateToldAgainIsANewEpisode() {
        Shipment told = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        Shipment dayAfter = observed(told, ShipmentStatus.IN_TRANSIT, null, PROMISED, PROMISED.plusDays(1));
        assertThat(delays(told, dayAfter)).extracting(DetectedMilestone::episode).containsExactly("after-2026-11-19");
        assertThat(dayAfter.delay().notice()).isEqualTo(new DelayNotice(PROMISED, null, ExceptionReason.NONE,
                DelayNotice.Basis.PAST_DUE));
        Shipment twoDaysAfter = observed(dayAfter, ShipmentStatus.IN_TRANSIT, null, PROMISED, PROMISED.plusDays(2));
        assertThat(delays(dayAfter, twoDaysAfter)).isEmpty();
        // the carrier now gives a date: news
        Shipment dated = observed(twoDaysAfter, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(3), PROMISED.plusDays(2));
        assertThat(delays(twoDaysAfter, dated)).extracting(DetectedMilestone::episode).containsExactly("2026-11-22");
        // and that date passes too
        Shipment missedAgain = observed(dated, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(3), PROMISED.plusDays(4));
        assertThat(delays(dated, missedAgain)).extracting(DetectedMilestone::episode).containsExactly("after-2026-11-22");
    }

    @Test
    void aFirstEstimateLaterThanThePromiseIsALateParcel() {
        Shipment s = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(2), MON);
        assertThat(s.delayed()).isTrue();
        assertThat(s.delay().notice()).isEqualTo(new DelayNotice(PROMISED, PROMISED.plusDays(2), ExceptionReason.NONE,
                DelayNotice.Basis.ESTIMATE_MOVED));
        assertThat(s.delay().firstEstimate()).isEqualTo(PROMISED.plusDays(2));
    }

    @Test
    void aParcelBehindItsLaneIsLateAndItsLaneSetsTheStallThreshold() {
        ZoneId utc = ZoneId.of("UTC");
        Shipment s = start();
        Shipment moving = new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), ShipmentStatus.IN_TRANSIT, null, null, false, false, T0, T0, null, true, T0, T0, 1);
        LaneExpectation lane = new LaneExpectation(MON.plusDays(2), MON.plusDays(3), 2,
                LaneExpectation.Source.LANE_HISTORY);
        var onLane = DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-19T12:00:00Z"), utc, 5, 5, lane);
        assertThat(onLane.delayed()).isFalse();
        assertThat(onLane.stalled()).as("3 silent business days, the lane's threshold is 2").isTrue();
        assertThat(DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-19T12:00:00Z"), utc, 5, 5)
                .stalled()).as("without the lane, the merchant's 5").isFalse();
        var behind = DelayAndStallRules.evaluate(moving, null, Instant.parse("2026-11-20T12:00:00Z"), utc, 5, 5, lane);
        assertThat(behind.delayed()).isTrue();
        assertThat(behind.delay().notice()).isEqualTo(new DelayNotice(null, null, ExceptionReason.NONE,
                DelayNotice.Basis.BEHIND_LANE));
        assertThat(behind.delay().episode()).isEqualTo("after-unknown");
    }

    @Test
    void aShipmentFlaggedBeforeEpisodesWereStoredIsNotToldAgain() {
        Shipment legacy = start().withDelay(true, DelayState.NONE);
        Shipment now = observed(legacy, ShipmentStatus.IN_TRANSIT, null, PROMISED, PROMISED.plusDays(1));
        assertThat(now.delayed()).isTrue();
        assertThat(now.delay().episode()).isNotNull();
        assertThat(delays(legacy, now)).isEmpty();
    }

    @Test
    void aQueuedDelayOvertakenByALaterEpisodeIsStale() {
        Shipment told = observed(start(), ShipmentStatus.IN_TRANSIT, null, PROMISED, MON);
        Shipment slipped = observed(told, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(1), MON);
        Shipment twice = observed(slipped, ShipmentStatus.IN_TRANSIT, null, PROMISED.plusDays(2), MON);
        assertThat(MilestoneRules.isStaleDelay("2026-11-20", slipped)).isFalse();
        assertThat(MilestoneRules.isStaleDelay("2026-11-20", twice)).isTrue();
        assertThat(MilestoneRules.isStaleDelay("2026-11-21", twice)).isFalse();
    }
}
