package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Issue #17's claim, measured: 100 shipments through the whole stack on a fast clock while carrier faults (and one
 * carrier's outage), crashes inside functions, duplicated and out-of-order deliveries and poison are injected from
 * a fixed seed. Nothing expected is lost, nothing is sent twice, no status moves backwards, no scan is stored twice,
 * and the dead-letter and on-failure queues hold the poison and nothing else. The figures come from what the run
 * left behind: the messages SES and SNS accepted, the table, its stream and the queues.
 *
 * <p>Part of the default build (about 3 minutes at 5400x); {@code -Dchaos=false} skips it. Run it alone with
 * {@code ./tracker test -pl infra/local-runtime -am -Dtest=ChaosIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@DisabledIfSystemProperty(named = "chaos", matches = "false", disabledReason = "-Dchaos=false skips the chaos suite")
class ChaosIT {
    /** Fixed: the same seed draws the same faults, crashes and duplicates for the same deliveries every run. */
    private static final long SEED = 17;
    /** An hour and a half a second: keeps the run near three minutes (docs/reliability.md, "Fast-clock allowances"). */
    private static final double CLOCK_FACTOR = 5400;

    private static JsonNode result;
    private static LogCapture logs;

    @BeforeAll
    static void runChaos() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        logs = LogCapture.start(); // the functions' logs stay out of the build's output
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        result = ChaosRun.run(new ChaosRun.Settings(100, SEED, 0.2, 0.05, 0.05, CLOCK_FACTOR, Duration.ofMinutes(8), true),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        System.out.println("ChaosIT: " + result);
    }

    @AfterAll
    static void stopCapture() {
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void everyShipmentRanAndTheRunEndedInTime() {
        assertThat(result.path("shipments").asInt()).isEqualTo(100);
        assertThat(result.path("timedOut").asBoolean()).as(result.toString()).isFalse();
    }

    @Test
    void theFaultsWereInjected() {
        JsonNode injected = result.path("injected");
        assertThat(injected.path("carrierFaults").size()).as("kinds of carrier faults applied").isGreaterThanOrEqualTo(5);
        assertThat(injected.path("crashesTotal").asInt()).as("crashes").isGreaterThan(5);
        assertThat(injected.path("duplicatedDeliveries").size()).as("functions given duplicated deliveries").isPositive();
    }

    /**
     * Lost: expected, known to the table, not overtaken by a change that made it stale, never sent. What is owed is
     * pinned by ChaosRunTest (once per episode for EXCEPTION, DELAYED and STALLED, as the product tells them).
     */
    @Test
    void nothingExpectedIsLost() {
        assertThat(result.path("milestonesExpected").asInt()).isGreaterThan(300);
        assertThat(result.path("lost").asInt()).as(result.path("examples").toString()).isZero();
    }

    @Test
    void nothingIsSentTwice() {
        assertThat(result.path("duplicates").asInt()).as(result.path("examples").toString()).isZero();
    }

    @Test
    void noStatusMovesBackwardsAndNoScanIsStoredTwice() {
        assertThat(result.path("regressions").asInt()).as(result.path("examples").toString()).isZero();
        assertThat(result.path("eventsStoredTwice").asInt()).isZero();
    }

    @Test
    void theDeadLetterQueuesHoldThePoisonAndNothingElse() {
        assertThat(result.path("unexpectedDeadLetters").asInt()).as(result.path("deadLetters").toString()).isZero();
        assertThat(result.path("poisonNotDeadLettered").asInt()).as(result.path("deadLetters").toString()).isZero();
    }
}
