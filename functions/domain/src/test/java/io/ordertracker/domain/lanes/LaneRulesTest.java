package io.ordertracker.domain.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.DelayAndStallRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LaneRulesTest {

    @Test
    void regionsAreTheCountryPlusTheFirstLevelSubdivisionWhereGiven() {
        assertThat(Route.region("us", "ny")).isEqualTo("US-NY");
        assertThat(Route.region("DE", null)).isEqualTo("DE");
        assertThat(Route.region("DE", " ")).isEqualTo("DE");
        assertThat(Route.region("USA", "NY")).as("not an ISO alpha-2 code").isNull();
        assertThat(Route.region(null, "NY")).isNull();
        assertThat(new Route(" fedex_ground ", "US-CO", null).orElse(new Route("X", "US-CO", "US-NY")))
                .isEqualTo(new Route("FEDEX_GROUND", "US-CO", "US-NY"));
        assertThat(Lane.of(Carrier.UPS, new Route("003", "US-NY", null))).as("no lane without a destination").isNull();
    }

    @Test
    void percentilesComeFromTheDayBuckets() {
        TransitHistogram h = TransitHistogram.empty();
        for (int i = 0; i < 9; i++) {
            h = h.plus(3);
        }
        h = h.plus(45);
        assertThat(h.total()).isEqualTo(10);
        assertThat(h.percentile(50)).isEqualTo(3);
        assertThat(h.percentile(90)).isEqualTo(3);
        assertThat(h.percentile(95)).as("the 30+ bucket").isEqualTo(30);
        assertThat(TransitHistogram.empty().percentile(50)).isZero();
    }

    @Test
    void seededDefaultsPerCarrierAndServiceWithTheCarriersFallback() {
        LaneDefaults d = LaneDefaults.load();
        assertThat(d.figures(Carrier.FEDEX, "PRIORITY_OVERNIGHT")).isEqualTo(new LaneDefaults.Figures(1, 2));
        assertThat(d.figures(Carrier.FEDEX, "priority_overnight")).isEqualTo(new LaneDefaults.Figures(1, 2));
        assertThat(d.figures(Carrier.DHL, "SOMETHING_NEW")).isEqualTo(d.figures(Carrier.DHL, null));
        assertThat(LaneBaselines.transitDays(Instant.parse("2026-11-16T22:00:00Z"), Instant.parse("2026-11-20T09:00:00Z")))
                .as("3 days 11 hours").isEqualTo(3);
    }

    @Test
    void pastTheLanesP90TheParcelIsLikelyLateAndTheLaneSetsTheStallThreshold() {
        Instant scan = Instant.parse("2026-11-16T20:00:00Z"); // Monday
        Shipment s = new Shipment("m", "o", "s", Carrier.UPS, "1Z", "tok", ShipmentStatus.IN_TRANSIT,
                ExceptionReason.NONE, null, false, false, scan, scan, null, true, scan, scan, 1);
        LaneExpectation lane = new LaneExpectation(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-21"), 2,
                LaneExpectation.Source.LANE_HISTORY);
        Instant wednesday = Instant.parse("2026-11-18T12:00:00Z");
        Instant sunday = Instant.parse("2026-11-22T12:00:00Z");

        assertThat(DelayAndStallRules.evaluate(s, null, wednesday, ZoneOffset.UTC, 5, 3, lane))
                .as("two silent business days are a stall on this lane, not on the default of 5")
                .isEqualTo(new DelayAndStallRules.Flags(false, true));
        assertThat(DelayAndStallRules.evaluate(s, null, wednesday, ZoneOffset.UTC, 5, 3, null).stalled()).isFalse();
        assertThat(DelayAndStallRules.evaluate(s, null, sunday, ZoneOffset.UTC, 5, 3, lane).delayed())
                .as("past the lane's p90 with no date from anyone").isTrue();
        assertThat(DelayAndStallRules.evaluate(s, null, sunday, ZoneOffset.UTC, 5, 3, null).delayed()).isFalse();
    }

    @Test
    void withoutATableTheCarriersDefaultsAreTheBaselineAndNothingIsLearned() {
        LaneBaselines defaults = LaneBaselines.defaultsOnly();
        Route route = new Route("FEDEX_2_DAY", "US-TX", "US-NY");
        Instant pickup = Instant.parse("2026-11-16T23:00:00Z");
        Shipment delivered = new Shipment("m", "o", "s", Carrier.FEDEX, "7946", "tok", ShipmentStatus.DELIVERED,
                ExceptionReason.NONE, null, false, false, pickup.plusSeconds(2 * 86400), pickup, null, true, pickup,
                pickup, 1, io.ordertracker.domain.notify.DelayState.NONE, route, pickup);

        assertThat(defaults.baseline(Carrier.FEDEX, route))
                .isEqualTo(new LaneBaselines.Baseline(2, 3, 0, LaneExpectation.Source.CARRIER_DEFAULT));
        assertThat(defaults.expectation(delivered, ZoneOffset.UTC).expectedBy()).isEqualTo(LocalDate.parse("2026-11-18"));
        assertThat(defaults.learn(null, delivered)).isEmpty();
    }
}
