package io.ordertracker.carriers;

import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.SandboxClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every journey, step by step, through the real adapters: one more event per step, never an unmapped code. */
class JourneyPlaybackTest {

    private static final Instant START = Instant.parse("2026-03-06T05:00:00Z");

    static Stream<org.junit.jupiter.api.Named<Journey>> journeys() {
        return io.ordertracker.sandbox.Journeys.catalogue(LocalDate.parse("2026-03-06")).stream()
                .filter(j -> !j.isNotFound())
                .map(j -> org.junit.jupiter.api.Named.of(j.carrier().code() + " " + j.kind().wireName(), j));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journeys")
    void each_step_adds_one_event_and_reads_as_a_known_status(Journey script) {
        SandboxClock.Manual clock = SandboxClock.manual(START);
        try (CarrierSandbox sandbox = CarrierSandbox.start(0, clock)) {
            Journey journey = sandbox.journey(script.carrier(), script.kind());
            TrackingClient client = TrackingClients.create(journey.carrier(), sandbox.baseUrl(journey.carrier()),
                    SandboxSupport.credentials(), clock, ResilienceSettings.fast());
            List<Journey.Step> ordered = new ArrayList<>(journey.steps());
            ordered.sort((a, b) -> a.at(journey.startDate()).toInstant().compareTo(b.at(journey.startDate()).toInstant()));
            for (int i = 0; i < ordered.size(); i++) {
                clock.set(ordered.get(i).at(journey.startDate()).toInstant());
                CarrierTrackingResult result = client.track(List.of(journey.trackingNumber())).getFirst();
                assertThat(result).as(journey.kind() + " step " + i).isInstanceOf(CarrierTrackingResult.Tracked.class);
                CarrierTrackingResult.Tracked t = (CarrierTrackingResult.Tracked) result;
                assertThat(t.events()).as("step " + i + " " + ordered.get(i).milestone()).hasSize(i + 1);
                assertThat(t.status()).as("step " + i + " " + ordered.get(i).milestone()).isNotEqualTo(ShipmentStatus.UNKNOWN);
                assertThat(t.events().getFirst().time().toInstant())
                        .isEqualTo(ordered.get(i).at(journey.startDate()).toInstant());
            }
        }
    }

    @Test
    void on_a_compressed_clock_a_journey_plays_out_by_itself() {
        // a simulated week passes in about 10 real seconds: the parcel is in transit for about 3 of them
        SandboxClock clock = SandboxClock.compressed(START, 7 * 24 * 3600 / 10.0);
        try (CarrierSandbox sandbox = CarrierSandbox.start(0, clock)) {
            Journey journey = sandbox.journey(Carrier.USPS, JourneyKind.DELIVERED);
            TrackingClient client = TrackingClients.create(Carrier.USPS, sandbox.baseUrl(Carrier.USPS),
                    SandboxSupport.credentials(), clock, ResilienceSettings.fast());
            // warm up (token, connections) so the first real answer is not already the last one
            client.track(List.of(sandbox.journey(Carrier.USPS, JourneyKind.NOT_FOUND).trackingNumber()));
            List<ShipmentStatus> seen = new ArrayList<>();
            AtomicReference<ShipmentStatus> last = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                CarrierTrackingResult r = client.track(List.of(journey.trackingNumber())).getFirst();
                if (r instanceof CarrierTrackingResult.Tracked t && t.status() != last.get()) {
                    last.set(t.status());
                    seen.add(t.status());
                }
                return last.get() == ShipmentStatus.DELIVERED;
            });
            assertThat(seen).contains(ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED);
            assertThat(seen.getLast()).isEqualTo(ShipmentStatus.DELIVERED);
        }
    }
}
