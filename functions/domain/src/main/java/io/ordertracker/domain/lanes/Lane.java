package io.ordertracker.domain.lanes;

import io.ordertracker.domain.Carrier;
import java.util.Objects;

/**
 * A carrier, service and lane (origin and destination region): the unit transit times are learned for. Lane
 * figures are not personal data (no merchant, shopper or address below region level), so one deployment keeps one
 * aggregate per lane for all its merchants (docs/design.md, "Lane baselines").
 */
public record Lane(Carrier carrier, String service, String origin, String destination) {

    public Lane {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
    }

    /** The lane of a route, or null when the carrier did not name service, origin and destination. */
    public static Lane of(Carrier carrier, Route route) {
        return carrier == null || route == null || !route.complete() ? null
                : new Lane(carrier, route.service(), route.originRegion(), route.destinationRegion());
    }

    /** "ups#003#US-NY#US-CA": stable, for keys and logs. */
    public String key() {
        return carrier.code() + "#" + service + "#" + origin + "#" + destination;
    }
}
