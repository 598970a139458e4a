package io.ordertracker.carriers;

import io.ordertracker.carriers.CarrierTrackingResult.Tracked;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.sandbox.City;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.Journeys;
import io.ordertracker.sandbox.Milestone;
import io.ordertracker.sandbox.SandboxBodies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every trouble milestone the sandbox can play, rendered in each carrier's wire format by the sandbox and read back by
 * that carrier's real parser: the canonical status and reason of docs/carriers.md.
 */
class MilestoneTaxonomyTest {

    private static final LocalDate START = LocalDate.parse("2026-03-06");

    /** label, pickup, arrival (IN_TRANSIT), out for delivery, then the milestone under test. */
    private static Journey journey(Carrier carrier, Milestone milestone) {
        String number = Journeys.catalogue(START).stream().filter(j -> j.carrier() == carrier)
                .findFirst().orElseThrow().trackingNumber();
        List<Journey.Step> steps = new ArrayList<>(List.of(
                new Journey.Step(0, LocalTime.of(9, 0), City.CHICAGO, Milestone.LABEL_CREATED),
                new Journey.Step(0, LocalTime.of(17, 0), City.CHICAGO, Milestone.PICKED_UP),
                new Journey.Step(1, LocalTime.of(4, 0), City.NEW_YORK, Milestone.ARRIVED)));
        if (milestone.name().startsWith("ATTEMPT") || milestone == Milestone.REFUSED) {
            steps.add(new Journey.Step(2, LocalTime.of(8, 0), City.NEW_YORK, Milestone.OUT_FOR_DELIVERY));
        }
        steps.add(new Journey.Step(2, LocalTime.of(13, 0), City.NEW_YORK, milestone));
        return new Journey(carrier, number, JourneyKind.DELIVERED, START, steps, START.plusDays(3), null, null,
                null, null, List.of(), null);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            "UPS, DELAYED, IN_TRANSIT, CARRIER_DELAY",
            "FEDEX, DELAYED, IN_TRANSIT, CARRIER_DELAY",
            "USPS, DELAYED, IN_TRANSIT, CARRIER_DELAY",
            "DHL, DELAYED, IN_TRANSIT, CARRIER_DELAY",
            "UPS, WEATHER_DELAY, IN_TRANSIT, WEATHER",
            "FEDEX, WEATHER_DELAY, IN_TRANSIT, WEATHER",
            "USPS, WEATHER_DELAY, IN_TRANSIT, WEATHER",
            "DHL, WEATHER_DELAY, IN_TRANSIT, WEATHER",
            "UPS, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "FEDEX, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "USPS, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "DHL, ATTEMPT_FAILED, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "UPS, ATTEMPT_NO_ACCESS, DELIVERY_ATTEMPTED, NO_ACCESS",
            "FEDEX, ATTEMPT_NO_ACCESS, DELIVERY_ATTEMPTED, NO_ACCESS",
            "USPS, ATTEMPT_NO_ACCESS, DELIVERY_ATTEMPTED, NO_ACCESS",
            "DHL, ATTEMPT_NO_ACCESS, DELIVERY_ATTEMPTED, NO_ACCESS",
            "UPS, DAMAGED, EXCEPTION, DAMAGED",
            "FEDEX, DAMAGED, EXCEPTION, DAMAGED",
            // USPS Pub 199 G-4 as we have it has no damage event: the sandbox's DX keeps the status in force
            "USPS, DAMAGED, IN_TRANSIT, NONE",
            "DHL, DAMAGED, EXCEPTION, DAMAGED",
            "UPS, REFUSED, EXCEPTION, REFUSED",
            "FEDEX, REFUSED, EXCEPTION, REFUSED",
            "USPS, REFUSED, EXCEPTION, REFUSED",
            "DHL, REFUSED, EXCEPTION, REFUSED",
            "UPS, HELD_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "FEDEX, HELD_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "USPS, HELD_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "DHL, HELD_FOR_PICKUP, AVAILABLE_FOR_PICKUP, NONE",
            "UPS, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "FEDEX, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "DHL, CUSTOMS_HELD, EXCEPTION, CUSTOMS_HOLD",
            "UPS, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "FEDEX, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "USPS, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
            "DHL, ADDRESS_PROBLEM, EXCEPTION, ADDRESS_ISSUE",
    })
    void each_milestone_reads_as_its_canonical_status_and_reason(Carrier carrier, Milestone milestone,
                                                                 ShipmentStatus status, ExceptionReason reason) {
        Journey journey = journey(carrier, milestone);
        SandboxBodies.Answer answer = SandboxBodies.tracking(journey, journey.endsAt().plusSeconds(60));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<CarrierTrackingResult> results = TrackingClients.parser(carrier).parse(answer.body(), answer.status());
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).as(answer.body()).isInstanceOf(Tracked.class);
        Tracked t = (Tracked) results.getFirst();
        assertThat(t.status()).as(answer.body()).isEqualTo(status);
        assertThat(t.reason()).as(answer.body()).isEqualTo(reason);
        // the newest event carries the same reason, and the scan's own code is kept on it
        assertThat(t.events().getFirst().reason()).isEqualTo(reason);
        assertThat(t.events().getFirst().carrierCode()).isNotBlank();
        assertThat(t.events()).noneMatch(e -> e.status() == ShipmentStatus.UNKNOWN);
    }

    @ParameterizedTest(name = "{0} delay after an attempt keeps the attempt")
    @CsvSource({"UPS", "FEDEX", "USPS", "DHL"})
    void a_delay_while_in_trouble_keeps_the_trouble_and_marks_only_its_event(Carrier carrier) {
        Journey base = journey(carrier, Milestone.ATTEMPT_FAILED);
        List<Journey.Step> steps = new ArrayList<>(base.steps());
        steps.add(new Journey.Step(3, LocalTime.of(6, 0), City.NEW_YORK, Milestone.WEATHER_DELAY));
        Journey journey = new Journey(carrier, base.trackingNumber(), base.kind(), START, steps, base.promisedDate(),
                null, null, null, null, List.of(), null);
        SandboxBodies.Answer answer = SandboxBodies.tracking(journey, journey.endsAt().plusSeconds(60));
        Tracked t = (Tracked) TrackingClients.parser(carrier).parse(answer.body(), answer.status()).getFirst();
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERY_ATTEMPTED);
        assertThat(t.reason()).isEqualTo(ExceptionReason.RECIPIENT_UNAVAILABLE);
        assertThat(t.events().getFirst().reason()).isEqualTo(ExceptionReason.WEATHER);
    }

    @ParameterizedTest(name = "{0} delay then movement resets the reason")
    @CsvSource({"UPS", "FEDEX", "USPS", "DHL"})
    void a_later_scan_with_a_status_resets_the_delay_reason(Carrier carrier) {
        Journey base = journey(carrier, Milestone.WEATHER_DELAY);
        List<Journey.Step> steps = new ArrayList<>(base.steps());
        steps.add(new Journey.Step(3, LocalTime.of(8, 0), City.NEW_YORK, Milestone.OUT_FOR_DELIVERY));
        Journey journey = new Journey(carrier, base.trackingNumber(), base.kind(), START, steps, base.promisedDate(),
                null, null, null, null, List.of(), null);
        SandboxBodies.Answer answer = SandboxBodies.tracking(journey, journey.endsAt().plusSeconds(60));
        Tracked t = (Tracked) TrackingClients.parser(carrier).parse(answer.body(), answer.status()).getFirst();
        assertThat(t.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(t.reason()).isEqualTo(ExceptionReason.NONE);
        assertThat(t.events().get(1).reason()).isEqualTo(ExceptionReason.WEATHER);
    }
}
