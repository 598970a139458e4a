package io.ordertracker.domain.polling;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.function.Function;

/**
 * The knobs of the adaptive cadence (docs/polling.md explains each default). Everything is configurable from the
 * environment template.yaml sets, through {@link #from(Function)}.
 *
 * @param expireAfterNoScan     a live shipment with no carrier scan for this long becomes EXPIRED (terminal)
 * @param notFoundGrace         a number the carrier never heard of stays PENDING this long, then EXCEPTION/NOT_FOUND
 * @param notFoundMinInterval   first retry of an unknown number; later retries back off to half its age
 * @param notFoundMaxInterval   the longest wait between two checks of an unknown number
 * @param labelCreatedInterval  label printed, parcel not handed over yet: hours between checks
 * @param transitMaxInterval    long-haul transit with the delivery day far away: at most this long between checks
 * @param transitMinInterval    in transit, never more often than this until the delivery-day window
 * @param noEtaTransitInterval  in transit without any delivery estimate
 * @param deliveryWindowStart   local time (the shopper's) of the first look on the delivery day; carriers scan "out
 *                              for delivery" as the van is loaded, 07:30-08:30 local
 * @param earlyLook             local time of the one look on the morning before the expected day
 * @param deliveryWindowRepeat  how often to look again on the delivery day until the parcel is out
 * @param deliveryWindowLength  how long after {@link #deliveryWindowStart} the short cadence lasts
 * @param afterOutForDelivery   first look after the out-for-delivery scan (vans deliver over the day), but no later
 *                              than {@link #midRoundLook}
 * @param outForDeliveryRepeat  later looks while out for delivery: short enough that a door exception scanned in
 *                              the afternoon is seen within the 4-hour target
 * @param eveningCutoff         local time after which nothing more happens today: wait for tomorrow's window
 * @param lateInterval          past the delivery date and still moving
 * @param exceptionInterval     in trouble (held, address issue, available for pickup): the parcel waits on people
 * @param stalledAfter          no scan for this long: back off (the interval doubles each such period, up to a day)
 * @param minInterval           never poll one shipment more often than this
 * @param planLease             the planner moves nextPollAt this far ahead when it hands a shipment to a worker, so
 *                              the next run does not send it again; the worker writes the real next time
 * @param hubCheck              local time (the shopper's) of the mid-transit check on the morning after pickup, when
 *                              the lane says the parcel should have reached its next hub: hubs work the night's
 *                              arrivals through the morning (customs holds from about 07:15, sort and inspection
 *                              exceptions until late morning), so one look at 11:15 sees all of them within 4 hours
 * @param missedWindowLook      on the expected day, a parcel not out for delivery by the end of the window gets one
 *                              more look this long after it (it is late or in trouble) before the next morning
 * @param midRoundLook          local time by which a parcel out for delivery since the morning is looked at: door
 *                              exceptions (refused, address, no access) start with the first stops, 1-2 hours into
 *                              the round, and must be seen within 4 hours
 */
public record PollingSettings(Duration expireAfterNoScan, Duration notFoundGrace, Duration notFoundMinInterval,
                              Duration notFoundMaxInterval, Duration labelCreatedInterval,
                              Duration transitMaxInterval, Duration transitMinInterval, Duration noEtaTransitInterval,
                              LocalTime deliveryWindowStart, LocalTime earlyLook, Duration deliveryWindowRepeat,
                              Duration deliveryWindowLength, Duration afterOutForDelivery,
                              Duration outForDeliveryRepeat, LocalTime eveningCutoff, Duration lateInterval,
                              Duration exceptionInterval, Duration stalledAfter, Duration minInterval,
                              Duration planLease, LocalTime hubCheck, Duration missedWindowLook,
                              LocalTime midRoundLook) {

    public static PollingSettings defaults() {
        return new PollingSettings(Duration.ofDays(30), Duration.ofHours(72), Duration.ofMinutes(30),
                Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(6),
                Duration.ofHours(12), LocalTime.of(8, 15), LocalTime.of(8, 30), Duration.ofMinutes(25),
                Duration.ofMinutes(55), Duration.ofHours(6), Duration.ofHours(3), LocalTime.of(20, 30),
                Duration.ofHours(4), Duration.ofHours(12), Duration.ofDays(3), Duration.ofMinutes(5),
                Duration.ofMinutes(20), LocalTime.of(11, 15), Duration.ofHours(3), LocalTime.of(14, 0));
    }

    /**
     * Reads overrides from configuration (environment variables): {@code EXPIRE_AFTER_NO_SCAN_HOURS},
     * {@code NOT_FOUND_GRACE_HOURS}, {@code TRANSIT_MAX_INTERVAL_HOURS}, {@code DELIVERY_WINDOW_START} (HH:mm), {@code HUB_CHECK_TIME} (HH:mm),
     * {@code PLAN_LEASE_MINUTES}; the rest keep
     * their defaults.
     */
    public static PollingSettings from(Function<String, String> config) {
        PollingSettings d = defaults();
        return new PollingSettings(hours(config, "EXPIRE_AFTER_NO_SCAN_HOURS", d.expireAfterNoScan),
                hours(config, "NOT_FOUND_GRACE_HOURS", d.notFoundGrace), d.notFoundMinInterval,
                d.notFoundMaxInterval, d.labelCreatedInterval,
                hours(config, "TRANSIT_MAX_INTERVAL_HOURS", d.transitMaxInterval), d.transitMinInterval,
                d.noEtaTransitInterval,
                text(config, "DELIVERY_WINDOW_START").map(LocalTime::parse).orElse(d.deliveryWindowStart),
                d.earlyLook, d.deliveryWindowRepeat, d.deliveryWindowLength, d.afterOutForDelivery, d.outForDeliveryRepeat,
                d.eveningCutoff, d.lateInterval, d.exceptionInterval, d.stalledAfter, d.minInterval,
                text(config, "PLAN_LEASE_MINUTES").map(m -> Duration.ofMinutes(Long.parseLong(m)))
                        .orElse(d.planLease),
                text(config, "HUB_CHECK_TIME").map(LocalTime::parse).orElse(d.hubCheck), d.missedWindowLook,
                d.midRoundLook);
    }

    public static PollingSettings from(Map<String, String> config) {
        return from(config::get);
    }

    private static Duration hours(Function<String, String> config, String name, Duration fallback) {
        return text(config, name).map(h -> Duration.ofMinutes(Math.round(Double.parseDouble(h) * 60)))
                .orElse(fallback);
    }

    private static java.util.Optional<String> text(Function<String, String> config, String name) {
        String v = config.apply(name);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.trim());
    }
}
