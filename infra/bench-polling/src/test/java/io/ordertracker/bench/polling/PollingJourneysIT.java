package io.ordertracker.bench.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.bench.polling.PollingSimulation.Tracked;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingState;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every carrier-sandbox journey, played through the real poll planner and tracking worker functions on a simulated
 * clock (the polling bench's simulation, seven days: every journey is over and seen by then).
 */
class PollingJourneysIT {
    static PollingSimulation sim;

    @BeforeAll
    static void play() {
        sim = new PollingSimulation(PollingSimulation.defaultStart(), PollingSettings.defaults(), Map.of(Carrier.DHL, 250L));
        sim.run(Duration.ofDays(7));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyJourneyEndsInItsExpectedStatus() {
        assertThat(sim.shipments()).hasSizeGreaterThanOrEqualTo(20);
        for (Tracked t : sim.shipments()) {
            TrackingState state = sim.state(t);
            String journey = t.journey.carrier() + "/" + t.journey.kind();
            if (t.journey.expectedFinalStatus() == null) {
                // never known to the carrier: PENDING through the grace period, then an exception
                assertThat(state.shipment().status()).as(journey).isEqualTo(ShipmentStatus.EXCEPTION);
                assertThat(state.shipment().reason()).as(journey).isEqualTo(ExceptionReason.NOT_FOUND);
            } else {
                assertThat(state.shipment().status()).as(journey).isEqualTo(t.journey.expectedFinalStatus());
            }
            if (state.shipment().status().isTerminal()) {
                assertThat(state.shipment().nextPollAt()).as(journey + " polled after the end").isNull();
            }
        }
    }

    @Test
    void eachCarrierEventIsStoredExactlyOnce() {
        for (Tracked t : sim.shipments()) {
            List<TrackingEvent> stored = sim.storedEvents(t);
            Set<String> ids = stored.stream().map(TrackingEvent::eventId).collect(Collectors.toSet());
            assertThat(ids).as("duplicates for " + t.journey.kind()).hasSize(stored.size());
            CarrierTrackingResult now = sim.carrierAnswerNow(t);
            if (now instanceof CarrierTrackingResult.Tracked tracked) {
                assertThat(ids).as(t.journey.carrier() + "/" + t.journey.kind())
                        .isEqualTo(new HashSet<>(tracked.events().stream().map(TrackingEvent::eventId).toList()));
            } else {
                assertThat(stored).isEmpty();
            }
        }
    }

    @Test
    void nothingFailedAndTheBenchFiguresAreComputed() {
        assertThat(sim.messagesFailed()).isZero();
        assertThat(sim.sqs().receiveMessage(b -> b.queueUrl(sim.dlqUrl())).messages()).isEmpty();
        PollingBench.Report report = PollingBench.report(sim, 0);
        assertThat(report.json()).containsKeys("callsPerDeliveredShipmentMedian", "ofdDetectionMinutesP95");
        assertThat(report.callsPerDeliveredMedian()).isPositive();
        // the adaptive cadence must at least beat an hourly poller (karrio: ~24 calls a day) by far
        assertThat(report.callsPerDeliveredMedian()).isLessThan(24);
        assertThat((Integer) report.json().get("duplicateEvents")).isZero();
    }
}
