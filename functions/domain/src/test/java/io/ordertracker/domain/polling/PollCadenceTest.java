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

    static final java.time.ZoneId LOS_ANGELES = java.time.ZoneId.of("America/Los_Angeles");

    static Instant la(String date, int hour, int minute) {
        return LocalDate.parse(date).atTime(hour, minute).atZone(LOS_ANGELES).toInstant();
    }

    /** A parcel picked up in Los Angeles on Monday 16 Nov at 17:00, for a shopper there. */
    static TrackingState pickedUp(ShipmentStatus status, LocalDate eta, Instant lastScan) {
        Instant pickup = la("2026-11-16", 17, 0);
        Instant label = la("2026-11-16", 10, 0);
        Shipment s = new Shipment("m", "o", "s", Carrier.UPS, "1Z", "tok", status, null,
                EstimatedDelivery.of(eta, EstimatedDelivery.Kind.SCHEDULED), false, false, lastScan, lastScan, null,
                true, label, label, 3, io.ordertracker.domain.notify.DelayState.NONE, null, pickup);
        return new TrackingState(s, null, LA, Set.of(), false, 3, null, LOS_ANGELES);
    }

    @Test
    void theMidTransitCheckIsLateEnoughInTheMorningToSeeAHubsSortExceptionsAndEarlyEnoughForItsCustomsHolds() {
        TrackingState s = pickedUp(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"), la("2026-11-16", 17, 0));

        Instant check = cadence.nextPoll(s, la("2026-11-16", 17, 30)).orElseThrow();

        assertThat(check).isEqualTo(la("2026-11-17", 11, 15));
        // a damage found in the morning sort (11:00) is seen at once, a hold scanned as the hub opens within 4 hours
        assertThat(check).isAfter(la("2026-11-17", 11, 0));
        assertThat(Duration.between(la("2026-11-17", 7, 15), check)).isLessThanOrEqualTo(Duration.ofHours(4));
    }

    @Test
    void aLookAlreadyMadeOnTheHubMorningIsThatMorningsCheck() {
        // promised for Tuesday: the window look at 08:15 found a delay and the carrier's new date, Thursday
        TrackingState delayed = pickedUp(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"), la("2026-11-17", 2, 0));

        Instant next = cadence.nextPoll(delayed, la("2026-11-17", 8, 15)).orElseThrow();

        assertThat(next).as("no second look at 11:15 the same morning: the next is the early look of Wednesday")
                .isEqualTo(la("2026-11-18", 8, 30));
    }

    @Test
    void aWindowLookThatFindsTheDateMovedToTomorrowIsThatDaysEarlyLook() {
        TrackingState slipped = pickedUp(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"), la("2026-11-18", 5, 0));

        assertThat(cadence.nextPoll(slipped, la("2026-11-18", 8, 15)).orElseThrow())
                .as("not again at 08:30: tomorrow's window").isEqualTo(la("2026-11-19", 8, 15));
        assertThat(cadence.nextPoll(slipped, la("2026-11-18", 6, 0)).orElseThrow())
                .as("before that morning's window the early look stands").isEqualTo(la("2026-11-18", 8, 30));
    }

    @Test
    void outForDeliveryIsFirstLookedAtByMidRoundSoADoorExceptionOfTheMorningIsSeenWithinFourHours() {
        Instant loadedLate = la("2026-11-20", 8, 30);
        TrackingState ofd = pickedUp(ShipmentStatus.OUT_FOR_DELIVERY, LocalDate.parse("2026-11-20"), loadedLate);

        Instant first = cadence.nextPoll(ofd, la("2026-11-20", 8, 35)).orElseThrow();

        assertThat(first).as("not 6 h after the scan (14:30)").isEqualTo(la("2026-11-20", 14, 0));
        // refused at the first stops, 10:15: seen within the 4-hour target
        assertThat(Duration.between(la("2026-11-20", 10, 15), first)).isLessThanOrEqualTo(Duration.ofHours(4));
        Instant loadedEarly = la("2026-11-20", 7, 45);
        assertThat(cadence.nextPoll(pickedUp(ShipmentStatus.OUT_FOR_DELIVERY, LocalDate.parse("2026-11-20"), loadedEarly),
                la("2026-11-20", 8, 15)).orElseThrow()).as("6 h after an early scan").isEqualTo(la("2026-11-20", 13, 45));
        Instant loadedAtNoon = la("2026-11-20", 12, 30);
        assertThat(cadence.nextPoll(pickedUp(ShipmentStatus.OUT_FOR_DELIVERY, LocalDate.parse("2026-11-20"), loadedAtNoon),
                la("2026-11-20", 12, 35)).orElseThrow()).as("a van loaded at noon: one repeat after its scan")
                .isEqualTo(la("2026-11-20", 15, 30));
    }

    @Test
    void outForDeliveryThenLooksEveryThreeHoursAndOnceAtTheEveningCutoffThenTomorrowsWindow() {
        TrackingState ofd = pickedUp(ShipmentStatus.OUT_FOR_DELIVERY, LocalDate.parse("2026-11-20"), la("2026-11-20", 8, 0));

        assertThat(cadence.nextPoll(ofd, la("2026-11-20", 14, 0)).orElseThrow()).isEqualTo(la("2026-11-20", 17, 0));
        assertThat(cadence.nextPoll(ofd, la("2026-11-20", 17, 0)).orElseThrow())
                .as("20:00 would come just before the cutoff: the last look is at 20:30").isEqualTo(la("2026-11-20", 20, 30));
        assertThat(cadence.nextPoll(ofd, la("2026-11-20", 16, 0)).orElseThrow())
                .as("a repeat well before the cutoff is not stretched").isEqualTo(la("2026-11-20", 19, 0));
        assertThat(cadence.nextPoll(ofd, la("2026-11-20", 20, 30)).orElseThrow()).isEqualTo(la("2026-11-21", 8, 15));
    }
}
