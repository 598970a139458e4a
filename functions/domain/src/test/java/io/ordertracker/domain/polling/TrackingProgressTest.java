package io.ordertracker.domain.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingProgressTest {
    final TrackingProgress progress = new TrackingProgress(new PollCadence(PollingSettings.defaults()));
    final Instant created = Instant.parse("2026-11-16T15:00:00Z");
    final TrackingState fresh = new TrackingState(Shipment.newShipment("m", "o", "shp", Carrier.UPS, "1Z", "tok", created),
            LocalDate.parse("2026-11-19"), null, Set.of(), false, 0);

    static TrackingEvent ev(String time, ShipmentStatus status, String code) {
        return new TrackingEvent(OffsetDateTime.parse(time), status, null, code, code + " text", "Somewhere");
    }

    static Observation obs(ShipmentStatus status, LocalDate eta, TrackingEvent... events) {
        return new Observation(status, null, eta == null ? null : EstimatedDelivery.of(eta, EstimatedDelivery.Kind.SCHEDULED),
                null, null, List.of(events), "X");
    }

    @Test
    void advancesStatusStoresNewEventsOnlyAndSchedulesTheNextPoll() {
        Instant now = Instant.parse("2026-11-17T03:00:00Z");
        Observation o = obs(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"),
                ev("2026-11-16T17:42-05:00", ShipmentStatus.IN_TRANSIT, "P"),
                ev("2026-11-16T10:05-05:00", ShipmentStatus.INFO_RECEIVED, "M"));
        TrackingProgress.Result r = progress.observed(fresh, o, now, true);
        Shipment s = r.after().shipment();
        assertThat(s.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.lastScanAt()).isEqualTo(Instant.parse("2026-11-16T22:42:00Z"));
        assertThat(s.nextPollAt()).isAfter(now);
        assertThat(r.after().localOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
        assertThat(r.newEvents()).hasSize(2);
        assertThat(r.after().carrierCalls()).isEqualTo(1);

        TrackingProgress.Result again = progress.observed(r.after(), o, now.plusSeconds(600), true);
        assertThat(again.newEvents()).isEmpty();
        assertThat(again.after().shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }

    @Test
    void aDeliveredScanAfterReturningToSenderInTheSameAnswerIsTheReturnsDelivery() {
        Instant now = Instant.parse("2026-11-25T16:00:00Z");
        TrackingProgress.Result r = progress.observed(fresh, obs(ShipmentStatus.DELIVERED, null,
                ev("2026-11-24T09:00-05:00", ShipmentStatus.DELIVERED, "D"),
                ev("2026-11-20T11:00-05:00", ShipmentStatus.RETURNING_TO_SENDER, "RS"),
                ev("2026-11-17T08:00-05:00", ShipmentStatus.IN_TRANSIT, "P")), now, true);

        assertThat(r.after().shipment().status()).isEqualTo(ShipmentStatus.RETURNED_TO_SENDER);
        assertThat(r.decision().changesStatus()).isTrue();
        assertThat(r.after().shipment().lastEventAt()).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    }

    @Test
    void aTerminalScanInsideAnAnswerIsFinalEvenWhenLaterScansFollowIt() {
        Instant now = Instant.parse("2026-11-25T16:00:00Z");
        TrackingProgress.Result r = progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, null,
                ev("2026-11-21T09:00-05:00", ShipmentStatus.IN_TRANSIT, "P"),
                ev("2026-11-20T11:00-05:00", ShipmentStatus.DELIVERED, "D")), now, true);

        assertThat(r.after().shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
    }

    @Test
    void theSameAnswerGivesTheSameStatusWhateverOrderTheCarrierListsItsScansIn() {
        Instant now = Instant.parse("2026-11-25T16:00:00Z");
        TrackingEvent pickup = ev("2026-11-17T08:00-05:00", ShipmentStatus.IN_TRANSIT, "P");
        TrackingEvent attempt = ev("2026-11-19T12:00-05:00", ShipmentStatus.DELIVERY_ATTEMPTED, "A");
        TrackingEvent returning = ev("2026-11-20T11:00-05:00", ShipmentStatus.RETURNING_TO_SENDER, "RS");
        TrackingEvent delivered = ev("2026-11-24T09:00-05:00", ShipmentStatus.DELIVERED, "D");

        ShipmentStatus newestFirst = progress.observed(fresh, obs(ShipmentStatus.DELIVERED, null,
                delivered, returning, attempt, pickup), now, true).after().shipment().status();
        ShipmentStatus oldestFirst = progress.observed(fresh, obs(ShipmentStatus.DELIVERED, null,
                pickup, attempt, returning, delivered), now, true).after().shipment().status();

        assertThat(newestFirst).isEqualTo(oldestFirst).isEqualTo(ShipmentStatus.RETURNED_TO_SENDER);
    }

    @Test
    void aLateOlderScanIsStoredButDoesNotMoveTheStatusBack() {
        Instant now = Instant.parse("2026-11-19T16:30:00Z");
        TrackingProgress.Result ofd = progress.observed(fresh, obs(ShipmentStatus.OUT_FOR_DELIVERY, null,
                ev("2026-11-19T08:02-05:00", ShipmentStatus.OUT_FOR_DELIVERY, "OFD")), now, false);
        TrackingProgress.Result late = progress.observed(ofd.after(), obs(ShipmentStatus.IN_TRANSIT, null,
                ev("2026-11-18T22:00-05:00", ShipmentStatus.IN_TRANSIT, "ARR")), now.plusSeconds(60), false);
        assertThat(late.after().shipment().status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(late.newEvents()).extracting(TrackingEvent::carrierCode).containsExactly("ARR");
        assertThat(late.after().shipment().lastEventAt()).isEqualTo(ofd.after().shipment().lastEventAt());
    }

    @Test
    void deliveredEndsPollingAndKeepsTheLateVerdictOfItsDay() {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        Observation delivered = new Observation(ShipmentStatus.DELIVERED, null, null,
                OffsetDateTime.parse("2026-11-20T14:23-08:00"), "J SMITH",
                List.of(ev("2026-11-20T14:23-08:00", ShipmentStatus.DELIVERED, "D")), "D");
        TrackingProgress.Result r = progress.observed(fresh, delivered, now, true);
        assertThat(r.after().shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(r.after().shipment().nextPollAt()).isNull();
        assertThat(r.after().shipment().delayed()).isTrue(); // promised the 19th
        assertThat(r.signedBy()).isEqualTo("J SMITH");
    }

    @Test
    void carrierEstimateBeyondThePromiseFlagsDelayed() {
        Instant now = Instant.parse("2026-11-17T12:00:00Z");
        TrackingProgress.Result r = progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-21"),
                ev("2026-11-17T05:10-07:00", ShipmentStatus.IN_TRANSIT, "DLY")), now, true);
        assertThat(r.after().shipment().delayed()).isTrue();
        TrackingProgress.Result onTime = progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"),
                ev("2026-11-17T05:10-07:00", ShipmentStatus.IN_TRANSIT, "DEP")), now, true);
        assertThat(onTime.after().shipment().delayed()).isFalse();
    }

    /** What the stall detector confirms a stall with: a carrier answer, never a failed poll. */
    @Test
    void onlyACarrierAnswerIsNotedAsAnswered() {
        Instant now = created.plus(Duration.ofHours(3));
        assertThat(progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, null), now, true).answeredAt())
                .isEqualTo(now);
        assertThat(progress.notFound(fresh, now).answeredAt()).as("\"not found\" is an answer").isEqualTo(now);
        assertThat(progress.retryLater(fresh, now, Duration.ofMinutes(15), true).answeredAt())
                .as("a failed or rate-limited poll").isNull();
        assertThat(progress.checkExpiry(fresh, now).answeredAt()).isNull();
    }

    @Test
    void notFoundStaysPendingForTheGracePeriodThenBecomesAnException() {
        TrackingProgress.Result early = progress.notFound(fresh, created.plus(Duration.ofHours(2)));
        assertThat(early.after().shipment().status()).isEqualTo(ShipmentStatus.PENDING);
        assertThat(early.after().shipment().nextPollAt()).isNotNull();
        TrackingProgress.Result late = progress.notFound(early.after(), created.plus(Duration.ofHours(73)));
        assertThat(late.after().shipment().status()).isEqualTo(ShipmentStatus.EXCEPTION);
        assertThat(late.after().shipment().reason()).isEqualTo(ExceptionReason.NOT_FOUND);
    }

    @Test
    void expiresAfterTheConfiguredSilence() {
        TrackingProgress.Result moving = progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, null,
                ev("2026-11-16T17:42-05:00", ShipmentStatus.IN_TRANSIT, "P")), created.plus(Duration.ofHours(3)), true);
        Instant muchLater = Instant.parse("2026-12-17T00:00:00Z");
        TrackingProgress.Result r = progress.observed(moving.after(), obs(ShipmentStatus.IN_TRANSIT, null,
                ev("2026-11-16T17:42-05:00", ShipmentStatus.IN_TRANSIT, "P")), muchLater, true);
        assertThat(r.after().shipment().status()).isEqualTo(ShipmentStatus.EXPIRED);
        assertThat(r.after().shipment().nextPollAt()).isNull();
    }

    @Test
    void aCarrierDelayScanIsDecidedAsItIsWrittenAndItsReasonLastsUntilTheNextStatusScan() {
        // promised the 19th; the carrier's first estimate is the 19th too
        Instant day1 = Instant.parse("2026-11-17T03:00:00Z");
        TrackingProgress.Result first = progress.observed(fresh, obs(ShipmentStatus.IN_TRANSIT, LocalDate.parse("2026-11-19"),
                ev("2026-11-16T17:42-05:00", ShipmentStatus.IN_TRANSIT, "P")), day1, true);
        assertThat(first.after().shipment().delayed()).isFalse();
        assertThat(first.after().shipment().delay().toldDate()).isEqualTo(LocalDate.parse("2026-11-19"));

        // the delay scan keeps the status in force and carries the reason; the carrier moves its date by two days
        TrackingEvent weather = new TrackingEvent(OffsetDateTime.parse("2026-11-17T05:10-06:00"), ShipmentStatus.IN_TRANSIT,
                ExceptionReason.WEATHER, "DY", "Weather delay", "Denver");
        Observation delayScan = new Observation(ShipmentStatus.IN_TRANSIT, ExceptionReason.WEATHER,
                EstimatedDelivery.of(LocalDate.parse("2026-11-21"), EstimatedDelivery.Kind.RESCHEDULED), null, null,
                List.of(weather), "DY");
        TrackingProgress.Result late = progress.observed(first.after(), delayScan, day1.plusSeconds(7200), true);
        Shipment s = late.after().shipment();
        assertThat(s.delayed()).as("decided on the carrier's answer, not the next hourly pass").isTrue();
        assertThat(s.reason()).isEqualTo(ExceptionReason.WEATHER);
        assertThat(s.delay().notice()).isEqualTo(new io.ordertracker.domain.notify.DelayNotice(
                LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-21"), ExceptionReason.WEATHER,
                io.ordertracker.domain.notify.DelayNotice.Basis.CARRIER_REPORTED));

        // the next status-setting scan resets the reason; the parcel is still late (the new date is later)
        TrackingProgress.Result moving = progress.observed(late.after(), obs(ShipmentStatus.IN_TRANSIT,
                LocalDate.parse("2026-11-21"), ev("2026-11-18T04:00-06:00", ShipmentStatus.IN_TRANSIT, "AR")),
                day1.plusSeconds(86_400), true);
        assertThat(moving.after().shipment().reason()).isEqualTo(ExceptionReason.NONE);
        assertThat(moving.after().shipment().delayed()).isTrue();
        assertThat(moving.after().shipment().delay().episode()).isEqualTo("2026-11-21");
    }
}
