package io.ordertracker.carriers;

import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.Milestone;
import io.ordertracker.sandbox.SandboxClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trouble journeys, step by step, for every carrier that plays them. */
class LateAndExceptionJourneysTest {

    private SandboxClock.Manual clock;
    private CarrierSandbox sandbox;

    @BeforeEach
    void start() {
        clock = SandboxClock.manual(Instant.parse("2026-03-06T05:00:00Z"));
        sandbox = CarrierSandbox.start(0, clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CarrierTrackingResult.Tracked track(Journey journey) {
        TrackingClient client = TrackingClients.create(journey.carrier(), sandbox.baseUrl(journey.carrier()),
                SandboxSupport.credentials(), clock, ResilienceSettings.fast());
        List<CarrierTrackingResult> results = client.track(List.of(journey.trackingNumber()));
        assertThat(results.getFirst()).as(String.valueOf(results.getFirst())).isInstanceOf(CarrierTrackingResult.Tracked.class);
        return (CarrierTrackingResult.Tracked) results.getFirst();
    }

    private void justAfter(Journey journey, Milestone milestone) {
        Journey.Step step = journey.steps().stream().filter(s -> s.milestone() == milestone).findFirst().orElseThrow();
        clock.set(step.at(journey.startDate()).toInstant().plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(value = Carrier.class, names = {"UPS", "FEDEX", "DHL"})
    void late_the_estimate_moves_after_the_delay_and_delivery_comes_after_the_promise(Carrier carrier) {
        Journey journey = sandbox.journey(carrier, JourneyKind.LATE);
        clock.set(journey.steps().get(1).at(journey.startDate()).toInstant());
        assertThat(track(journey).estimatedDelivery().date()).isEqualTo(journey.promisedDate());

        justAfter(journey, Milestone.DELAYED);
        CarrierTrackingResult.Tracked delayed = track(journey);
        // a delay scan is no exception: the status in force (in transit) stays, the delay is the reason
        assertThat(delayed.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(delayed.reason()).isEqualTo(ExceptionReason.CARRIER_DELAY);
        assertThat(delayed.events().getFirst().reason()).isEqualTo(ExceptionReason.CARRIER_DELAY);
        assertThat(delayed.estimatedDelivery().date()).isEqualTo(journey.rescheduledDate());

        clock.set(journey.endsAt());
        CarrierTrackingResult.Tracked done = track(journey);
        assertThat(done.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(done.deliveredAt().toLocalDate()).isAfter(journey.promisedDate());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "UPS, FAILED_ATTEMPT_THEN_DELIVERED, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "USPS, FAILED_ATTEMPT_THEN_DELIVERED, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "DHL, FAILED_ATTEMPT_THEN_DELIVERED, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            // FedEx reports a failed attempt as a delivery exception (DE); its exception code 08 says it is an attempt
            "FEDEX, FAILED_ATTEMPT_THEN_DELIVERED, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "UPS, ADDRESS_EXCEPTION, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "USPS, ADDRESS_EXCEPTION, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "UPS, HELD_IN_CUSTOMS, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "FEDEX, HELD_IN_CUSTOMS, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "DHL, HELD_IN_CUSTOMS, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "FEDEX, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "USPS, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "DHL, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "UPS, RETURNED_TO_SENDER, RETURNING, RETURNING_TO_SENDER, RETURNING",
            "UPS, RETURNED_TO_SENDER, RETURNED, RETURNED_TO_SENDER, RETURNED",
            "USPS, RETURNED_TO_SENDER, RETURNING, RETURNING_TO_SENDER, RETURNING",
            "DHL, RETURNED_TO_SENDER, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "DHL, RETURNED_TO_SENDER, RETURNED, RETURNED_TO_SENDER, RETURNED",
    })
    void trouble_reads_as_the_right_status_and_reason(Carrier carrier, JourneyKind kind, Milestone at,
                                                       ShipmentStatus status, ExceptionReason reason) {
        Journey journey = sandbox.journey(carrier, kind);
        justAfter(journey, at);
        CarrierTrackingResult.Tracked t = track(journey);
        assertThat(t.status()).isEqualTo(status);
        assertThat(t.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(value = Carrier.class, names = {"UPS", "USPS"})
    void lost_parcels_stop_scanning_and_stay_in_transit_for_the_stall_detector(Carrier carrier) {
        Journey journey = sandbox.journey(carrier, JourneyKind.LOST);
        clock.set(journey.endsAt().plus(java.time.Duration.ofDays(10)));
        CarrierTrackingResult.Tracked t = track(journey);
        assertThat(t.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.events().getFirst().time().toInstant()).isEqualTo(journey.endsAt());
    }
}
