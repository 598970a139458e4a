package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JourneysTest {

    private final List<Journey> journeys = Journeys.catalogue(LocalDate.parse("2026-03-06"));

    @Test
    void every_journey_kind_of_the_issue_is_played_by_some_carrier() {
        Set<JourneyKind> kinds = EnumSet.noneOf(JourneyKind.class);
        journeys.forEach(j -> kinds.add(j.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(JourneyKind.values());
    }

    @Test
    void a_journey_ends_in_its_destination_time_zone() {
        Journey upsDelivered = journeys.stream()
                .filter(j -> j.carrier() == Carrier.UPS && j.kind() == JourneyKind.DELIVERED).findFirst().orElseThrow();
        assertThat(upsDelivered.destinationZone()).isEqualTo(java.time.ZoneId.of("America/Los_Angeles"));
        for (Journey j : journeys) {
            assertThat(j.destinationZone() == null).as(j.trackingNumber()).isEqualTo(j.isNotFound());
        }
    }

    @Test
    void every_carrier_has_a_happy_path_and_a_not_found() {
        for (Carrier carrier : Carrier.values()) {
            assertThat(journeys).anyMatch(j -> j.carrier() == carrier && j.kind() == JourneyKind.DELIVERED);
            assertThat(journeys).anyMatch(j -> j.carrier() == carrier && j.kind() == JourneyKind.NOT_FOUND);
        }
    }

    @Test
    void tracking_numbers_are_valid_for_their_carrier_and_unique() {
        Set<String> seen = new HashSet<>();
        for (Journey j : journeys) {
            assertThat(j.carrier().accepts(j.trackingNumber())).as(j.trackingNumber()).isTrue();
            assertThat(seen.add(j.trackingNumber())).as("duplicate " + j.trackingNumber()).isTrue();
        }
    }

    @Test
    void delivered_journeys_look_real_out_for_delivery_in_the_morning_delivered_in_the_afternoon_local_time() {
        for (Journey j : journeys) {
            for (Journey.Step s : j.steps()) {
                if (s.milestone() == Milestone.OUT_FOR_DELIVERY) {
                    assertThat(s.local()).isBetween(LocalTime.of(7, 30), LocalTime.of(8, 45));
                }
            }
            if (j.expectedFinalStatus() == io.ordertracker.domain.ShipmentStatus.DELIVERED) {
                assertThat(j.steps().getLast().milestone()).isEqualTo(Milestone.DELIVERED);
                assertThat(j.steps().getLast().local()).isBetween(LocalTime.of(10, 0), LocalTime.of(18, 0));
            }
        }
    }

    @Test
    void late_journeys_deliver_after_the_promised_date() {
        List<Journey> late = journeys.stream().filter(j -> j.kind() == JourneyKind.LATE).toList();
        assertThat(late).isNotEmpty();
        for (Journey j : late) {
            LocalDate deliveredOn = j.steps().getLast().at(j.startDate()).toLocalDate();
            assertThat(deliveredOn).isAfter(j.promisedDate());
            assertThat(j.rescheduledDate()).isAfter(j.promisedDate());
        }
    }

    @Test
    void every_carrier_has_a_late_journey_whose_date_slips_before_it_is_out_for_delivery() {
        for (Carrier carrier : Carrier.values()) {
            List<Journey> late = journeys.stream().filter(j -> j.carrier() == carrier
                    && (j.kind() == JourneyKind.LATE || j.kind() == JourneyKind.LATE_WEATHER
                    || j.kind() == JourneyKind.ESTIMATE_SLIPS_TWICE)).toList();
            assertThat(late).as(carrier.name()).isNotEmpty();
            for (Journey j : late) {
                Instant outForDelivery = j.steps().stream().filter(s -> s.milestone() == Milestone.OUT_FOR_DELIVERY)
                        .map(s -> s.at(j.startDate()).toInstant()).findFirst().orElseThrow();
                assertThat(j.estimateAt(outForDelivery)).as(j.kind() + " " + carrier).isAfter(j.promisedDate());
            }
        }
    }

    @Test
    void the_estimate_follows_its_changes_later_and_earlier_without_a_scan() {
        Journey slips = journeys.stream().filter(j -> j.kind() == JourneyKind.ESTIMATE_SLIPS_TWICE).findFirst().orElseThrow();
        Instant firstChange = slips.estimateChanges().get(0).at(slips.startDate()).toInstant();
        Instant secondChange = slips.estimateChanges().get(1).at(slips.startDate()).toInstant();
        assertThat(slips.estimateAt(firstChange.minusSeconds(1))).isEqualTo(slips.promisedDate());
        assertThat(slips.estimateAt(firstChange)).isEqualTo(slips.promisedDate().plusDays(1));
        assertThat(slips.estimateAt(secondChange)).isEqualTo(slips.promisedDate().plusDays(2));
        assertThat(slips.steps()).noneMatch(s -> s.milestone() == Milestone.DELAYED || s.milestone() == Milestone.WEATHER_DELAY);

        Journey earlier = journeys.stream().filter(j -> j.kind() == JourneyKind.ESTIMATE_EARLIER).findFirst().orElseThrow();
        Instant change = earlier.estimateChanges().get(0).at(earlier.startDate()).toInstant();
        assertThat(earlier.estimateAt(change)).isBefore(earlier.promisedDate());

        Journey weather = journeys.stream().filter(j -> j.kind() == JourneyKind.LATE_WEATHER).findFirst().orElseThrow();
        Instant delayScan = weather.steps().stream().filter(s -> s.milestone() == Milestone.WEATHER_DELAY)
                .findFirst().orElseThrow().at(weather.startDate()).toInstant();
        assertThat(weather.estimateAt(delayScan.minusSeconds(1))).isEqualTo(weather.promisedDate());
        assertThat(weather.estimateAt(delayScan)).isEqualTo(weather.rescheduledDate());
    }

    @Test
    void the_weekend_journey_is_delivered_on_a_saturday_whatever_day_it_starts() {
        for (int offset = 0; offset < 7; offset++) {
            LocalDate start = LocalDate.parse("2026-11-16").plusDays(offset);
            Journey weekend = Journeys.catalogue(start).stream().filter(j -> j.kind() == JourneyKind.WEEKEND_DELIVERY)
                    .findFirst().orElseThrow();
            assertThat(weekend.steps().getLast().at(start).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
            assertThat(weekend.promisedDate().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
        }
    }

    @Test
    void steps_are_revealed_only_once_the_clock_passes_them() {
        Journey ups = journeys.stream().filter(j -> j.carrier() == Carrier.UPS && j.kind() == JourneyKind.DELIVERED)
                .findFirst().orElseThrow();
        Instant labelTime = ups.steps().getFirst().at(ups.startDate()).toInstant();
        assertThat(ups.visibleSteps(labelTime.minusSeconds(1))).isEmpty();
        assertThat(ups.visibleSteps(labelTime)).hasSize(1);
        assertThat(ups.visibleSteps(ups.endsAt())).hasSize(ups.steps().size());
        // newest first, as carriers list them
        assertThat(ups.visibleSteps(ups.endsAt()).getFirst().step().milestone()).isEqualTo(Milestone.DELIVERED);
    }

    @Test
    void event_offsets_follow_the_city_zone_including_daylight_saving() {
        // 2026-03-08 is the US switch to daylight time: New York is -05:00 before it and -04:00 after
        Journey.Step before = new Journey.Step(0, LocalTime.NOON, City.NEW_YORK, Milestone.ARRIVED);
        Journey.Step after = new Journey.Step(3, LocalTime.NOON, City.NEW_YORK, Milestone.ARRIVED);
        LocalDate start = LocalDate.parse("2026-03-06");
        assertThat(before.at(start).getOffset().getId()).isEqualTo("-05:00");
        assertThat(after.at(start).getOffset().getId()).isEqualTo("-04:00");
        assertThat(new Journey.Step(0, LocalTime.NOON, City.PHOENIX, Milestone.ARRIVED).at(start).getOffset().getId())
                .isEqualTo("-07:00");
        assertThat(new Journey.Step(0, LocalTime.NOON, City.LEIPZIG, Milestone.ARRIVED).at(start).getOffset().getId())
                .isEqualTo("+01:00");
    }

    @Test
    void manual_clock_moves_only_when_told_and_compressed_clock_runs_faster() {
        SandboxClock.Manual manual = SandboxClock.manual(Instant.parse("2026-03-06T00:00:00Z"));
        assertThat(manual.instant()).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
        manual.advance(Duration.ofHours(5));
        assertThat(manual.instant()).isEqualTo(Instant.parse("2026-03-06T05:00:00Z"));

        SandboxClock compressed = SandboxClock.compressed(Instant.parse("2026-03-06T00:00:00Z"), 3600);
        Instant first = compressed.instant();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!compressed.instant().isAfter(first.plusSeconds(60)) && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // bounded polling: one simulated minute passes in ~17 real milliseconds
        }
        assertThat(compressed.instant()).isAfter(first.plusSeconds(60));
    }
}
