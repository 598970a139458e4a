package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One scripted shipment: its steps are relative to the journey's start date and revealed only once the clock passes
 * them.
 *
 * @param promisedDate        the delivery date promised to the shopper (and first reported by the carrier), or null
 * @param rescheduledDate     the carrier's later estimate after a delay, or null
 * @param expectedFinalStatus the canonical status once every step has been revealed; null for NOT_FOUND
 * @param signedBy            who signs on delivery, if anyone
 * @param olderShipment       FedEx multi-result only: the other, older shipment under the same number
 * @param estimateChanges     the carrier changing its estimate without a scan (later or earlier), in time order
 * @param expectedMessages    the messages the shopper must get, in order, as "MILESTONE channel" (e.g.
 *                            "DELAYED sms"), for the demo shopper of the local runtime (email and phone, default
 *                            merchant settings); null when not declared
 */
public record Journey(Carrier carrier, String trackingNumber, JourneyKind kind, LocalDate startDate,
                      List<Step> steps, LocalDate promisedDate, LocalDate rescheduledDate,
                      ShipmentStatus expectedFinalStatus, String signedBy, Journey olderShipment,
                      List<EstimateChange> estimateChanges, List<String> expectedMessages) {

    public Journey {
        estimateChanges = estimateChanges == null ? List.of() : List.copyOf(estimateChanges);
        expectedMessages = expectedMessages == null ? null : List.copyOf(expectedMessages);
    }

    /**
     * The carrier moves its estimate to {@code newDay} (days after the start) at this time, with no scan.
     *
     * @param day   days after the journey's start date
     * @param local wall-clock time at {@code city}
     */
    public record EstimateChange(int day, LocalTime local, City city, int newDay) {

        public OffsetDateTime at(LocalDate startDate) {
            return startDate.plusDays(day).atTime(local).atZone(city.zone()).toOffsetDateTime();
        }
    }

    /**
     * @param day   days after the journey's start date
     * @param local wall-clock time at {@code city}
     */
    public record Step(int day, LocalTime local, City city, Milestone milestone) {

        public OffsetDateTime at(LocalDate startDate) {
            return startDate.plusDays(day).atTime(local).atZone(city.zone()).toOffsetDateTime();
        }
    }

    /** The steps that have happened by {@code now}, newest first (the order carriers list them in). */
    public List<TimedStep> visibleSteps(Instant now) {
        return steps.stream()
                .map(s -> new TimedStep(s, s.at(startDate)))
                .filter(t -> !t.time().toInstant().isAfter(now))
                .sorted((a, b) -> b.time().toInstant().compareTo(a.time().toInstant()))
                .toList();
    }

    /** When the last step happens: after this the journey is over. */
    public Instant endsAt() {
        return steps.stream().map(s -> s.at(startDate).toInstant()).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /**
     * The carrier's current estimate at {@code now}: the promised date, the rescheduled date once a delay has been
     * scanned, then the latest estimate change made by now.
     */
    public LocalDate estimateAt(Instant now) {
        boolean delayed = visibleSteps(now).stream().anyMatch(t -> t.step().milestone() == Milestone.DELAYED
                || t.step().milestone() == Milestone.WEATHER_DELAY);
        LocalDate estimate = delayed && rescheduledDate != null ? rescheduledDate : promisedDate;
        for (EstimateChange c : estimateChanges) {
            if (!c.at(startDate).toInstant().isAfter(now)) {
                estimate = startDate.plusDays(c.newDay());
            }
        }
        return estimate;
    }

    /**
     * The time zone of the city of the journey's last step: where the parcel ends up, so where its shopper lives.
     * Null for a number the carrier never knew.
     */
    public java.time.ZoneId destinationZone() {
        return steps.stream().max(java.util.Comparator.comparing(s -> s.at(startDate).toInstant()))
                .map(s -> s.city().zone()).orElse(null);
    }

    /** Where the parcel starts: the city of its first step (null for a number the carrier never knew). */
    public City originCity() {
        return steps.stream().min(java.util.Comparator.comparing(s -> s.at(startDate).toInstant()))
                .map(Step::city).orElse(null);
    }

    /** Where the parcel is addressed to: the city of its last step before any return. */
    public City destinationCity() {
        return steps.stream().sorted(java.util.Comparator.comparing(s -> s.at(startDate).toInstant()))
                .filter(s -> s.milestone() != Milestone.RETURNING && s.milestone() != Milestone.RETURNED)
                .reduce((a, b) -> b).map(Step::city).orElse(null);
    }

    public boolean isNotFound() {
        return kind == JourneyKind.NOT_FOUND;
    }

    /** A step with its time resolved against the journey's start date. */
    public record TimedStep(Step step, OffsetDateTime time) {
    }
}
