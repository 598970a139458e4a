package io.ordertracker.carriers;

import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Fault;
import io.ordertracker.sandbox.FaultKind;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.SandboxClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One failing carrier never stalls the others. */
class CarrierIsolationTest {

    private SandboxClock.Manual clock;
    private CarrierSandbox sandbox;
    private Map<Carrier, TrackingClient> clients;

    @BeforeEach
    void start() {
        clock = SandboxClock.manual(Instant.parse("2026-03-06T05:00:00Z"));
        sandbox = CarrierSandbox.start(0, clock);
        clock.set(sandbox.journeys().stream().map(Journey::endsAt).max(Instant::compareTo).orElseThrow());
        clients = TrackingClients.create(sandbox.baseUrls(), SandboxSupport.credentials(), clock,
                c -> ResilienceSettings.fast().withMaxAttempts(1).withCircuitBreaker(4, 4, Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CarrierTrackingResult track(Carrier carrier) {
        return track(clients, carrier);
    }

    private CarrierTrackingResult track(Map<Carrier, TrackingClient> using, Carrier carrier) {
        return using.get(carrier).track(List.of(sandbox.journey(carrier, JourneyKind.DELIVERED).trackingNumber()))
                .getFirst();
    }

    @Test
    void an_open_circuit_on_one_carrier_leaves_the_others_answering() {
        sandbox.inject(Fault.of(Carrier.UPS, FaultKind.SERVER_ERROR, 100));
        for (int i = 0; i < 5; i++) {
            assertThat(track(Carrier.UPS)).isInstanceOf(CarrierTrackingResult.Failure.class);
        }
        assertThat(((CarrierTrackingResult.Failure) track(Carrier.UPS)).message()).contains("circuit open");
        for (Carrier other : List.of(Carrier.FEDEX, Carrier.USPS, Carrier.DHL)) {
            assertThat(track(other)).as(other.name()).isInstanceOf(CarrierTrackingResult.Tracked.class);
        }
    }

    @Test
    void a_slow_carrier_does_not_hold_up_another_carriers_calls() throws Exception {
        // USPS's answer is held back for an hour, and its client waits up to two minutes for it: while the other
        // carriers are called below, the USPS call is still outstanding. If anything they share (threads,
        // connections, limiters) made them wait for USPS, they would answer only after it ended, and fail below.
        Map<Carrier, TrackingClient> patient = TrackingClients.create(sandbox.baseUrls(), SandboxSupport.credentials(),
                clock, c -> ResilienceSettings.fast().withMaxAttempts(1).withRequestTimeout(Duration.ofMinutes(2)));
        sandbox.inject(Fault.of(Carrier.USPS, FaultKind.SLOW, 1).withDelay(Duration.ofHours(1)));
        CompletableFuture<CarrierTrackingResult> slow = new CompletableFuture<>();
        Thread uspsCall = Thread.ofVirtual().start(() -> slow.complete(track(patient, Carrier.USPS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.trackingCalls(Carrier.USPS) == 1);

        for (Carrier other : List.of(Carrier.UPS, Carrier.FEDEX, Carrier.DHL)) {
            assertThat(track(patient, other)).as(other.name()).isInstanceOf(CarrierTrackingResult.Tracked.class);
        }
        assertThat(slow).as("USPS is still waiting for its answer").isNotDone();
        assertThat(sandbox.faults().pending(Carrier.USPS)).as("the held USPS call took the fault").isZero();

        uspsCall.interrupt();
        assertThat(slow.get(30, TimeUnit.SECONDS)).isInstanceOf(CarrierTrackingResult.Failure.class);
        assertThat(sandbox.trackingCalls(Carrier.USPS)).isEqualTo(1);
    }

    @Test
    void a_carrier_that_does_not_answer_in_time_is_given_up_as_timed_out_after_one_attempt() {
        sandbox.inject(Fault.of(Carrier.USPS, FaultKind.SLOW, 1).withDelay(Duration.ofHours(1)));
        CarrierTrackingResult result = track(Carrier.USPS);
        assertThat(result).isInstanceOf(CarrierTrackingResult.Failure.class);
        CarrierTrackingResult.Failure failure = (CarrierTrackingResult.Failure) result;
        assertThat(failure.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(failure.message()).contains("timed out");
        assertThat(sandbox.trackingCalls(Carrier.USPS)).isEqualTo(1);
        assertThat(track(Carrier.DHL)).isInstanceOf(CarrierTrackingResult.Tracked.class);
    }
}
