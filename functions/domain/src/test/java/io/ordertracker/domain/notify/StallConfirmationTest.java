package io.ordertracker.domain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.StallConfirmation.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A stall by our records is told only once a poll the carrier answered after we asked still showed no new scan. */
class StallConfirmationTest {
    static final Instant MONDAY_SCAN = Instant.parse("2026-11-16T14:00:00Z");
    /** Thursday: three silent business days, the threshold below. */
    static final Instant ASKED = Instant.parse("2026-11-19T15:00:00Z");
    static final Instant NEXT_PASS = ASKED.plus(Duration.ofHours(1));

    static StallConfirmation at(Instant now) {
        return new StallConfirmation(Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The rules' verdict and the confirmation together, as the hourly pass applies them. */
    static Step pass(Instant lastScanAt, Instant now, Instant requestedAt, Instant lastAnsweredAt) {
        Shipment s = new Shipment("m1", "1001", "shp_1", Carrier.UPS, "1Z5R89390357567127", "tok",
                ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, false, lastScanAt, lastScanAt, null, true,
                MONDAY_SCAN, lastScanAt, 3);
        boolean stallSeen = DelayAndStallRules.evaluate(s, null, now, ZoneId.of("UTC"), 3, 3).stalled();
        return at(now).decide(stallSeen, requestedAt, lastAnsweredAt);
    }

    @Test
    void theFirstSilentPassAsksForAPollAndTellsNobody() {
        Step step = pass(MONDAY_SCAN, ASKED, null, MONDAY_SCAN);
        assertThat(step).isEqualTo(Step.REQUEST);
        assertThat(step.raisesStall()).isFalse();
    }

    @Test
    void aConfirmingPollThatFailedConfirmsNothing() {
        // the poll ran and failed (carrier 5xx): the last answer is still the one from before the request
        Step step = pass(MONDAY_SCAN, NEXT_PASS, ASKED, ASKED.minus(Duration.ofHours(20)));
        assertThat(step.raisesStall()).isFalse();
        assertThat(step).as("an hour without an answer: ask again").isEqualTo(Step.ASK_AGAIN);
        assertThat(pass(MONDAY_SCAN, NEXT_PASS, ASKED, null)).as("never answered at all").isEqualTo(Step.ASK_AGAIN);
    }

    @Test
    void aConfirmingPollNotRunYetIsWaitedFor() {
        assertThat(pass(MONDAY_SCAN, ASKED.plus(Duration.ofMinutes(20)), ASKED, null)).isEqualTo(Step.WAIT);
    }

    @Test
    void anAnswerAfterTheRequestWithNoNewScanConfirmsTheStall() {
        Step step = pass(MONDAY_SCAN, NEXT_PASS, ASKED, ASKED.plus(Duration.ofMinutes(5)));
        assertThat(step).isEqualTo(Step.CONFIRMED);
        assertThat(step.raisesStall()).isTrue();
    }

    @Test
    void anAnswerAfterTheRequestWithANewScanEndsTheQuestion() {
        Instant wednesdayScan = Instant.parse("2026-11-18T09:00:00Z"); // the answer brought Wednesday's scan
        Step step = pass(wednesdayScan, NEXT_PASS, ASKED, ASKED.plus(Duration.ofMinutes(5)));
        assertThat(step).isEqualTo(Step.CLEAR);
        assertThat(step.raisesStall()).isFalse();
    }

    @Test
    void hoursWithoutAnyAnswerStopTheAskingButNeverTellTheShopper() {
        Instant late = ASKED.plus(StallConfirmation.STOP_ASKING_AFTER);
        Step step = pass(MONDAY_SCAN, late, ASKED, null);
        assertThat(step).isEqualTo(Step.UNANSWERED);
        assertThat(step.raisesStall()).isFalse();
        assertThat(pass(MONDAY_SCAN, late.minusSeconds(1), ASKED, null)).isEqualTo(Step.ASK_AGAIN);
        // the carrier answers again the next day, still without a new scan: now it is confirmed
        assertThat(pass(MONDAY_SCAN, late.plus(Duration.ofDays(1)), ASKED, late.plus(Duration.ofHours(20))))
                .isEqualTo(Step.CONFIRMED);
    }

    @Test
    void noStallSeenClearsAnOpenRequestAndOtherwiseDoesNothing() {
        assertThat(at(NEXT_PASS).decide(false, ASKED, null)).isEqualTo(Step.CLEAR);
        assertThat(at(NEXT_PASS).decide(false, null, null)).isEqualTo(Step.NOTHING);
    }
}
