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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue #17's claim, measured: 100 shipments through the whole stack on a fast clock while carrier faults (and one
 * carrier's outage), crashes inside functions, duplicated and out-of-order deliveries and poison are injected from
 * a fixed seed. Nothing expected is lost, nothing is sent twice, no status moves backwards, no scan is stored twice,
 * and the dead-letter and on-failure queues hold the poison and nothing else. The figures come from what the run
 * left behind: the messages SES and SNS accepted, the table, its stream and the queues.
 *
 * <p>Not part of the default build yet: on the merged tree of 2026-12-01 it finds messages lost under faults (the
 * EXCEPTION messages of UPS returned-to-sender shipments; see docs/reliability.md) and takes 5 to 6 minutes, which
 * the CI budget cannot hold beside the other end-to-end suites. Run it with
 * {@code ./tracker test -pl infra/local-runtime -am -Dchaos=true -Dtest=ChaosIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "chaos", matches = "true", disabledReason = "the chaos suite runs with -Dchaos=true")
class ChaosIT {
    /** Fixed: the same seed draws the same faults, crashes and duplicates for the same deliveries every run. */
    private static final long SEED = 17;

    private static JsonNode result;
    private static LogCapture logs;

    @BeforeAll
    static void runChaos() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        logs = LogCapture.start(); // the functions' logs stay out of the build's output
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        result = ChaosRun.run(new ChaosRun.Settings(100, SEED, 0.2, 0.05, 0.05, 3600, Duration.ofMinutes(8), true),
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
     * Lost: expected, known to the table, not overtaken, never sent. Whether a later change overtook a message is
     * judged by a fixed window of real time ({@link ChaosRun#OVERTAKE_WINDOW}); on a loaded machine a text held
     * through quiet hours and then made stale can fall just outside it (seen: an exception text held overnight
     * whose parcel was released, one episode of a date that slipped twice). At most two such are allowed here;
     * the examples name each, and {@code ./tracker chaos} itself fails on any.
     */
    @Test
    void nothingExpectedIsLost() {
        assertThat(result.path("milestonesExpected").asInt()).isGreaterThan(300);
        assertThat(result.path("lost").asInt()).as(result.path("examples").toString()).isLessThanOrEqualTo(2);
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
