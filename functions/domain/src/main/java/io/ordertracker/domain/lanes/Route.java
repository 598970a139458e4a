package io.ordertracker.domain.lanes;

import java.util.Locale;

/**
 * What the carrier says about a parcel's route, in canonical form: its service and where it goes from and to. The
 * carriers module reads it from each carrier's response; the domain knows no carrier format.
 *
 * @param service           the carrier's own service or product code, verbatim but upper-cased (UPS "003", FedEx
 *                          "FEDEX_GROUND", USPS "PRIORITY_MAIL", DHL "EXPRESS"); null when the carrier does not say
 * @param originRegion      region the parcel leaves from: ISO 3166-1 alpha-2 country, plus "-" and the first-level
 *                          subdivision where the carrier gives one ("US-NY", "DE"); null when unknown
 * @param destinationRegion region the parcel goes to, the same way
 */
public record Route(String service, String originRegion, String destinationRegion) {

    public Route {
        service = blankToNull(service) == null ? null : service.trim().toUpperCase(Locale.ROOT);
        originRegion = blankToNull(originRegion);
        destinationRegion = blankToNull(destinationRegion);
    }

    /** A region from a country code and an optional first-level subdivision code; null without a country. */
    public static String region(String countryCode, String subdivision) {
        String country = blankToNull(countryCode);
        if (country == null || country.trim().length() != 2) {
            return null;
        }
        String c = country.trim().toUpperCase(Locale.ROOT);
        String sub = blankToNull(subdivision);
        if (sub == null || !sub.trim().matches("[A-Za-z0-9]{1,3}")) {
            return c;
        }
        return c + "-" + sub.trim().toUpperCase(Locale.ROOT);
    }

    /** Whether the route names a lane: a service, an origin and a destination. */
    public boolean complete() {
        return service != null && originRegion != null && destinationRegion != null;
    }

    /** Fills what this route lacks from {@code older} (a push or a short answer may omit parts). */
    public Route orElse(Route older) {
        if (older == null) {
            return this;
        }
        return new Route(service != null ? service : older.service,
                originRegion != null ? originRegion : older.originRegion,
                destinationRegion != null ? destinationRegion : older.destinationRegion);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
