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

import static org.assertj.core.api.Assertions.assertThat;

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
        return clients.get(carrier).track(List.of(sandbox.journey(carrier, JourneyKind.DELIVERED).trackingNumber()))
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
    void a_slow_carrier_does_not_hold_up_another_carriers_calls() {
        sandbox.inject(Fault.of(Carrier.USPS, FaultKind.SLOW, 1).withDelay(Duration.ofSeconds(3)));
        CompletableFuture<CarrierTrackingResult> slow = CompletableFuture.supplyAsync(() -> track(Carrier.USPS));
        long started = System.nanoTime();
        assertThat(track(Carrier.DHL)).isInstanceOf(CarrierTrackingResult.Tracked.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(slow.join()).isInstanceOf(CarrierTrackingResult.Failure.class); // timed out, one attempt
    }
}
