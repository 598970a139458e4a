package io.ordertracker.sandbox;

import java.time.ZoneId;

/** Real places with their real time zones, so event times carry the offsets carriers actually report. */
public enum City {
    NEW_YORK("New York", "NY", "US", "10001", "America/New_York"),
    SECAUCUS("Secaucus", "NJ", "US", "07094", "America/New_York"),
    LOUISVILLE("Louisville", "KY", "US", "40209", "America/Kentucky/Louisville"),
    MEMPHIS("Memphis", "TN", "US", "38118", "America/Chicago"),
    INDIANAPOLIS("Indianapolis", "IN", "US", "46241", "America/Indiana/Indianapolis"),
    CHICAGO("Chicago", "IL", "US", "60666", "America/Chicago"),
    DALLAS("Dallas", "TX", "US", "75261", "America/Chicago"),
    DENVER("Denver", "CO", "US", "80249", "America/Denver"),
    PHOENIX("Phoenix", "AZ", "US", "85034", "America/Phoenix"),
    LOS_ANGELES("Los Angeles", "CA", "US", "90045", "America/Los_Angeles"),
    SEATTLE("Seattle", "WA", "US", "98108", "America/Los_Angeles"),
    HONOLULU("Honolulu", "HI", "US", "96819", "Pacific/Honolulu"),
    LEIPZIG("Leipzig", null, "DE", "04435", "Europe/Berlin"),
    BONN("Bonn", null, "DE", "53113", "Europe/Berlin"),
    AMSTERDAM("Amsterdam", null, "NL", "1118", "Europe/Amsterdam"),
    PARIS("Paris", null, "FR", "75001", "Europe/Paris"),
    LONDON("London", null, "GB", "TW6", "Europe/London"),
    MADRID("Madrid", null, "ES", "28042", "Europe/Madrid");

    private final String name;
    private final String state;
    private final String country;
    private final String postalCode;
    private final ZoneId zone;

    City(String name, String state, String country, String postalCode, String zone) {
        this.name = name;
        this.state = state;
        this.country = country;
        this.postalCode = postalCode;
        this.zone = ZoneId.of(zone);
    }

    public String displayName() {
        return name;
    }

    public String state() {
        return state;
    }

    public String country() {
        return country;
    }

    public String postalCode() {
        return postalCode;
    }

    public ZoneId zone() {
        return zone;
    }
}
