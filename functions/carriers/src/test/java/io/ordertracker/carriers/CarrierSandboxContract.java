package io.ordertracker.carriers;

import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.CarrierTrackingResult.Tracked;
import io.ordertracker.carriers.http.HttpTrackingClient;
import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Fault;
import io.ordertracker.sandbox.FaultKind;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.Milestone;
import io.ordertracker.sandbox.SandboxClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every adapter must do against the sandbox, over real HTTP. Each carrier's test class runs all of it and adds
 * its own cases.
 */
public abstract class CarrierSandboxContract {

    /** A Friday; the US switches to daylight time two days later, so journeys cross an offset change. */
    protected static final Instant START = Instant.parse("2026-03-06T05:00:00Z");

    protected SandboxClock.Manual clock;
    protected CarrierSandbox sandbox;

    protected abstract Carrier carrier();

    @BeforeEach
    void startSandbox() {
        clock = SandboxClock.manual(START);
        sandbox = CarrierSandbox.start(0, clock);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    protected TrackingClient client() {
        return client(ResilienceSettings.fast());
    }

    protected TrackingClient client(ResilienceSettings settings) {
        return TrackingClients.create(carrier(), sandbox.baseUrl(carrier()), SandboxSupport.credentials(), clock, settings);
    }

    protected Journey journey(JourneyKind kind) {
        return sandbox.journey(carrier(), kind);
    }

    protected CarrierTrackingResult trackOne(TrackingClient client, String number) {
        List<CarrierTrackingResult> results = client.track(List.of(number));
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().trackingNumber()).isEqualTo(number);
        return results.getFirst();
    }

    protected Tracked tracked(CarrierTrackingResult result) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(Tracked.class);
        return (Tracked) result;
    }

    protected Failure failure(CarrierTrackingResult result) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(Failure.class);
        return (Failure) result;
    }

    protected void endOfAllJourneys() {
        clock.set(sandbox.journeys().stream().map(Journey::endsAt).max(Instant::compareTo).orElseThrow()
                .plus(Duration.ofHours(1)));
    }

    @Test
    void every_journey_ends_in_its_expected_status_with_every_event() {
        endOfAllJourneys();
        TrackingClient client = client();
        List<Journey> journeys = sandbox.journeys(carrier());
        List<CarrierTrackingResult> results = client.track(journeys.stream().map(Journey::trackingNumber).toList());
        assertThat(results).hasSize(journeys.size());
        for (int i = 0; i < journeys.size(); i++) {
            Journey journey = journeys.get(i);
            CarrierTrackingResult result = results.get(i);
            assertThat(result.trackingNumber()).isEqualTo(journey.trackingNumber());
            if (journey.isNotFound()) {
                assertThat(failure(result).kind()).as(journey.kind().name()).isEqualTo(FailureKind.NOT_FOUND);
                continue;
            }
            Tracked t = tracked(result);
            assertThat(t.status()).as(journey.kind() + " " + t).isEqualTo(journey.expectedFinalStatus());
            assertThat(t.events()).as(journey.kind().name()).hasSize(journey.steps().size());
            assertThat(t.events()).noneMatch(e -> e.status() == ShipmentStatus.UNKNOWN);
        }
    }

    @Test
    void event_times_are_the_local_time_with_its_own_offset_newest_first() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        List<Journey.TimedStep> steps = journey.visibleSteps(clock.instant());
        assertThat(t.events()).hasSize(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            TrackingEvent event = t.events().get(i);
            assertThat(event.time()).as(event.toString()).isEqualTo(steps.get(i).time()); // same instant AND offset
            assertThat(event.location()).containsIgnoringCase(steps.get(i).step().city().displayName());
            assertThat(event.carrierCode()).isNotBlank();
        }
    }

    /** The lane baselines' inputs: service, and origin/destination region (country, plus state where given). */
    @Test
    void the_route_is_read_as_service_origin_and_destination_regions() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        assertThat(t.route()).as(String.valueOf(t.route())).isNotNull();
        assertThat(t.route().service()).isNotBlank();
        assertThat(t.route().originRegion()).isEqualTo(region(journey.originCity()));
        assertThat(t.route().destinationRegion()).isEqualTo(region(journey.destinationCity()));
        assertThat(t.observation().route()).isEqualTo(t.route());
    }

    /** DHL Unified names countries only; the others give the state too. */
    private String region(io.ordertracker.sandbox.City city) {
        return carrier() == Carrier.DHL || city.state() == null ? city.country() : city.country() + "-" + city.state();
    }

    @Test
    void happy_path_reads_out_for_delivery_then_delivered_with_when_and_who() {
        Journey journey = journey(JourneyKind.DELIVERED);
        Journey.Step outForDelivery = journey.steps().stream()
                .filter(s -> s.milestone() == Milestone.OUT_FOR_DELIVERY).findFirst().orElseThrow();
        clock.set(outForDelivery.at(journey.startDate()).toInstant().plusSeconds(60));
        TrackingClient client = client();
        Tracked morning = tracked(trackOne(client, journey.trackingNumber()));
        assertThat(morning.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(morning.deliveredAt()).isNull();
        assertThat(morning.estimatedDelivery()).isNotNull();
        assertThat(morning.estimatedDelivery().date()).isEqualTo(journey.promisedDate());

        clock.set(journey.endsAt());
        Tracked afternoon = tracked(trackOne(client, journey.trackingNumber()));
        assertThat(afternoon.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(afternoon.deliveredAt()).isEqualTo(journey.steps().getLast().at(journey.startDate()));
        assertThat(afternoon.estimatedDelivery()).as("a delivered date is not an estimate").isNull();
        if (journey.signedBy() != null) {
            assertThat(afternoon.signedBy()).isEqualTo(journey.signedBy());
        }
    }

    @Test
    void nothing_scanned_yet_and_unknown_numbers_are_not_found_not_outages() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.steps().getFirst().at(journey.startDate()).toInstant().minusSeconds(1));
        TrackingClient client = client();
        assertThat(failure(trackOne(client, journey.trackingNumber())).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure(trackOne(client, journey(JourneyKind.NOT_FOUND).trackingNumber())).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void server_errors_are_retried_with_backoff() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.SERVER_ERROR, 2));
        Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(3);
    }

    @Test
    void persistent_server_errors_are_an_outage_for_that_number() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.SERVER_ERROR, 10));
        Failure f = failure(trackOne(client(), journey.trackingNumber()));
        assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(ResilienceSettings.fast().maxAttempts());
    }

    @Test
    void a_short_retry_after_is_waited_out() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.RATE_LIMIT, 1).withRetryAfter(Duration.ofSeconds(1)));
        TrackingClient client = client();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ((HttpTrackingClient) client).http().retry().getEventPublisher()
                .onRetry(event -> waits.add(event.getWaitInterval()));
        Tracked t = tracked(trackOne(client, journey.trackingNumber()));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        // one retry, after exactly the wait the carrier asked for (the fast settings' own backoff is milliseconds)
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(2);
    }

    @Test
    void a_long_retry_after_is_handed_back_as_rate_limited() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.RATE_LIMIT, 1).withRetryAfter(Duration.ofSeconds(120)));
        Failure f = failure(trackOne(client(), journey.trackingNumber()));
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(1);
    }

    @Test
    void a_slow_answer_times_out_and_is_retried() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.SLOW, 1).withDelay(Duration.ofSeconds(3)));
        Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(2);
    }

    @Test
    void answers_that_never_come_in_time_are_unavailable() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.SLOW, 3).withDelay(Duration.ofSeconds(3)));
        Failure f = failure(trackOne(client(), journey.trackingNumber()));
        assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void truncated_and_garbage_bodies_are_retried() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        sandbox.inject(Fault.of(carrier(), FaultKind.TRUNCATED, 1));
        sandbox.inject(Fault.of(carrier(), FaultKind.GARBAGE, 1));
        Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(3);
    }

    @Test
    void wrong_credentials_are_an_auth_failure_not_an_outage() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        TrackingClient client = TrackingClients.create(carrier(), sandbox.baseUrl(carrier()),
                SandboxSupport.wrongCredentials(), clock, ResilienceSettings.fast());
        Failure f = failure(trackOne(client, journey.trackingNumber()));
        assertThat(f.kind()).isEqualTo(FailureKind.AUTH);
    }

    @Test
    void the_circuit_opens_after_repeated_failures_and_stops_calling_the_carrier() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        TrackingClient client = client(ResilienceSettings.fast().withMaxAttempts(1)
                .withCircuitBreaker(4, 4, Duration.ofMinutes(5)));
        sandbox.inject(Fault.of(carrier(), FaultKind.SERVER_ERROR, 100));
        for (int i = 0; i < 4; i++) {
            assertThat(failure(trackOne(client, journey.trackingNumber())).kind()).isEqualTo(FailureKind.UNAVAILABLE);
        }
        int callsBefore = sandbox.trackingCalls(carrier());
        Failure fastFail = failure(trackOne(client, journey.trackingNumber()));
        assertThat(fastFail.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(fastFail.message()).contains("circuit open");
        assertThat(sandbox.trackingCalls(carrier())).isEqualTo(callsBefore);
    }

    @Test
    void the_client_side_rate_limiter_answers_rate_limited_instead_of_queueing_forever() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        // the token request takes a permit too, where there is one
        int permits = carrier() == Carrier.DHL ? 1 : 2;
        TrackingClient client = client(ResilienceSettings.fast()
                .withRateLimit(permits, Duration.ofMinutes(10), Duration.ofMillis(50)));
        tracked(trackOne(client, journey.trackingNumber()));
        Failure f = failure(trackOne(client, journey.trackingNumber()));
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.retryAfter()).isNotNull();
    }
}
