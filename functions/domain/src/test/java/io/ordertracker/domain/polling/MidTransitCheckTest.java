package io.ordertracker.domain.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mid-transit check and the missed-window look (issue #14: exceptions in transit seen within hours). */
class MidTransitCheckTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    final PollCadence cadence = new PollCadence(PollingSettings.defaults());
    // label printed in London at 10:00 on Monday 16 Nov (05:00 in New York), shopper in New York
    final Instant label = Instant.parse("2026-11-16T10:00:00Z");

    TrackingState labelled(LocalDate eta, ZoneOffset scannedAt, Instant pickedUpAt) {
        Shipment s = new Shipment("m", "o", "s", Carrier.UPS, "1Z", "tok",
                pickedUpAt == null ? ShipmentStatus.INFO_RECEIVED : ShipmentStatus.IN_TRANSIT, null,
                EstimatedDelivery.of(eta, EstimatedDelivery.Kind.SCHEDULED), false, false, label, label, null, true,
                label, label, 1, io.ordertracker.domain.notify.DelayState.NONE, new Route("003", "GB", "US-NY"), pickedUpAt);
        return new TrackingState(s, null, scannedAt, Set.of(), false, 1, null, NEW_YORK);
    }

    @Test
    void aParcelOnAMultiDayLaneIsLookedAtTheMorningAfterPickupWhenItShouldHaveReachedItsNextHub() {
        Instant next = cadence.nextPoll(labelled(LocalDate.parse("2026-11-20"), ZoneOffset.UTC, null),
                label.plusSeconds(60)).orElseThrow();

        assertThat(next).isEqualTo(LocalDate.parse("2026-11-17").atTime(11, 15).atZone(NEW_YORK).toInstant());
    }

    @Test
    void theCheckIsMadeOnceThenTransitSleepsTowardsTheDeliveryDay() {
        Instant check = LocalDate.parse("2026-11-17").atTime(11, 15).atZone(NEW_YORK).toInstant();
        TrackingState seen = labelled(LocalDate.parse("2026-11-20"), ZoneOffset.ofHours(-5),
                Instant.parse("2026-11-16T16:45:00Z"));

        Instant next = cadence.nextPoll(seen, check).orElseThrow();

        assertThat(next).isAfter(check.plusSeconds(6 * 3600));
    }

    @Test
    void aOneDayLaneHasNoCheckBeforeItsDeliveryDayWindow() {
        Instant next = cadence.nextPoll(labelled(LocalDate.parse("2026-11-17"), ZoneOffset.UTC, null),
                label.plusSeconds(60)).orElseThrow();

        assertThat(next).isEqualTo(LocalDate.parse("2026-11-17").atTime(8, 15).atZone(NEW_YORK).toInstant());
    }

    @Test
    void whenTheEarlyLookFallsOnThatMorningItIsTheCheck() {
        // scanned in the shopper's zone and expected the day after tomorrow: the early look (08:30) tomorrow
        Instant next = cadence.nextPoll(labelled(LocalDate.parse("2026-11-18"), ZoneOffset.ofHours(-5), null),
                label.plusSeconds(60)).orElseThrow();

        assertThat(next).isEqualTo(LocalDate.parse("2026-11-17").atTime(8, 30).atZone(NEW_YORK).toInstant());
    }

    @Test
    void notOutByTheEndOfTheDeliveryDayWindowGetsOneMoreLookAtMiddayBeforeTomorrow() {
        Instant windowEnd = LocalDate.parse("2026-11-20").atTime(9, 10).atZone(NEW_YORK).toInstant();
        TrackingState inTransit = labelled(LocalDate.parse("2026-11-20"), ZoneOffset.ofHours(-5),
                Instant.parse("2026-11-16T16:45:00Z"));

        assertThat(cadence.nextPoll(inTransit, windowEnd.plusSeconds(60)).orElseThrow())
                .isEqualTo(LocalDate.parse("2026-11-20").atTime(12, 10).atZone(NEW_YORK).toInstant());
        assertThat(cadence.nextPoll(inTransit, windowEnd.plusSeconds(3 * 3600 + 60)).orElseThrow())
                .as("after the midday look: tomorrow's window")
                .isEqualTo(LocalDate.parse("2026-11-21").atTime(8, 15).atZone(NEW_YORK).toInstant());
    }
}
