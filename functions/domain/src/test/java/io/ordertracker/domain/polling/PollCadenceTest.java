package io.ordertracker.domain.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollCadenceTest {
    static final ZoneOffset LA = ZoneOffset.ofHours(-8);
    final PollCadence cadence = new PollCadence(PollingSettings.defaults());
    final Instant created = Instant.parse("2026-11-16T18:00:00Z");

    static TrackingState state(ShipmentStatus status, LocalDate eta, Instant lastScan, Instant created, ZoneOffset zone) {
        Shipment s = new Shipment("m", "o", "s", Carrier.UPS, "1Z", "tok", status, null,
                eta == null ? null : EstimatedDelivery.of(eta, EstimatedDelivery.Kind.SCHEDULED), false, false,
                lastScan, lastScan, null, true, created, created, 3);
        return new TrackingState(s, null, zone, Set.of(), false, 0);
    }

    static TrackingState withZones(TrackingState s, java.time.ZoneId shopper) {
        return new TrackingState(s.shipment(), s.promisedDate(), s.localOffset(), s.eventIds(), false, 0, null, shopper);
    }

    @Test
    void aFailedAttemptIsFollowedUpInTheNextMorningsWindow() {
        Instant attempt = Instant.parse("2026-11-18T21:47:00Z"); // 13:47 in Los Angeles
        Shipment s = new Shipment("m", "o", "s", Carrier.UPS, "1Z", "tok", ShipmentStatus.DELIVERY_ATTEMPTED, null,
                null, false, false, attempt, attempt, null, true, created, created, 3);
        TrackingState st = new TrackingState(s, null, LA, Set.of(), false, 0, null, java.time.ZoneId.of("America/Los_Angeles"));
        assertThat(cadence.nextPoll(st, attempt.plusSeconds(600)).orElseThrow())
                .isEqualTo(Instant.parse("2026-11-19T16:15:00Z"));
    }

    @Test
    void terminalShipmentsAreNeverPolledAgain() {
        for (ShipmentStatus st : ShipmentStatus.values()) {
            if (st.isTerminal()) {
                assertThat(cadence.nextPoll(state(st, null, created, created, LA), created.plusSeconds(60))).isEmpty();
            }
        }
    }

    @Test
    void longHaulTransitSleepsForHoursThenWakesAtTheDeliveryDayWindowInTheParcelsZone() {
        Instant now = Instant.parse("2026-11-17T06:00:00Z");
        TrackingState s = state(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-20"), now, created, LA);
        Instant next = cadence.nextPoll(s, now).orElseThrow();
        assertThat(Duration.between(now, next)).isGreaterThanOrEqualTo(Duration.ofHours(6));

        // Last scanned in Louisville (UTC-5), the shopper lives in Los Angeles: sleep until 08:15 there on the day.
        Instant dayBefore = Instant.parse("2026-11-19T00:00:00Z");
        TrackingState farAway = withZones(state(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-20"), dayBefore,
                created, ZoneOffset.ofHours(-5)), java.time.ZoneId.of("America/Los_Angeles"));
        assertThat(cadence.nextPoll(farAway, dayBefore).orElseThrow()).isEqualTo(Instant.parse("2026-11-20T16:15:00Z"));
        // Already scanned in the shopper's zone: one early look the morning before (parcels go out a day early).
        TrackingState near = withZones(state(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-20"), dayBefore,
                created, LA), java.time.ZoneId.of("America/Los_Angeles"));
        assertThat(cadence.nextPoll(near, dayBefore).orElseThrow()).isEqualTo(Instant.parse("2026-11-19T16:30:00Z"));
    }

    @Test
    void onTheDeliveryDayItLooksEveryFewMinutesUntilTheParcelIsOut() {
        Instant now = Instant.parse("2026-11-20T16:15:00Z");
        Instant next = cadence.nextPoll(state(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-20"), created,
                created, LA), now).orElseThrow();
        assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void outForDeliveryIsCheckedWithinHoursAndNotAfterTheEvening() {
        Instant scanned = Instant.parse("2026-11-20T16:00:00Z");
        Shipment s = state(ShipmentStatus.OUT_FOR_DELIVERY, LocalDate.parse("2026-11-20"), scanned, created, LA).shipment();
        TrackingState ofd = new TrackingState(s, null, LA, Set.of(), false, 0);
        Instant next = cadence.nextPoll(ofd, scanned.plusSeconds(300)).orElseThrow();
        assertThat(next).isBetween(scanned.plus(Duration.ofHours(2)), scanned.plus(Duration.ofHours(6)));
        Instant late = Instant.parse("2026-11-21T04:45:00Z"); // 20:45 local
        assertThat(cadence.nextPoll(ofd, late).orElseThrow()).isEqualTo(Instant.parse("2026-11-21T16:15:00Z"));
    }

    @Test
    void unknownNumbersBackOffAndNoMovementBacksOff() {
        TrackingState pending = state(ShipmentStatus.PENDING, null, null, created, null);
        Duration first = Duration.between(created, cadence.nextPoll(pending, created).orElseThrow());
        Instant dayLater = created.plus(Duration.ofDays(1));
        Duration later = Duration.between(dayLater, cadence.nextPoll(pending, dayLater).orElseThrow());
        assertThat(first).isLessThanOrEqualTo(Duration.ofMinutes(30));
        assertThat(later).isGreaterThan(first.multipliedBy(4));

        Instant now = created.plus(Duration.ofDays(10));
        Duration fresh = Duration.between(now, cadence.nextPoll(state(ShipmentStatus.EXCEPTION, null, now, created, LA), now).orElseThrow());
        Duration stale = Duration.between(now, cadence.nextPoll(state(ShipmentStatus.EXCEPTION, null, now.minus(Duration.ofDays(7)), created, LA), now).orElseThrow());
        assertThat(stale).isGreaterThan(fresh);
    }

    @Test
    void neverLaterThanTheExpiryCheckAndPushFedShipmentsOnlyComeBackForThat() {
        Instant lastScan = Instant.parse("2026-11-17T00:00:00Z");
        Instant now = lastScan.plus(Duration.ofDays(29)).plus(Duration.ofHours(23));
        TrackingState silent = state(ShipmentStatus.EXCEPTION, null, lastScan, created, LA);
        assertThat(cadence.nextPoll(silent, now).orElseThrow()).isEqualTo(lastScan.plus(Duration.ofDays(30)));
        TrackingState pushed = new TrackingState(state(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-20"),
                lastScan, created, LA).shipment(), null, LA, Set.of(), true, 0);
        assertThat(cadence.nextPoll(pushed, lastScan).orElseThrow()).isEqualTo(lastScan.plus(Duration.ofDays(30)));
    }
}
