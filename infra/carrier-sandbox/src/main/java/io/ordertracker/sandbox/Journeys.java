package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static io.ordertracker.sandbox.City.*;
import static io.ordertracker.sandbox.Milestone.*;

/**
 * The catalogue: every journey kind of the issue, the happy path for each carrier, and the others spread over
 * carriers. Timelines look like real ones: label, pickup late afternoon, line-haul scans over a few days, out for
 * delivery around 08:00 local, delivered in the afternoon.
 */
public final class Journeys {

    private Journeys() {
    }

    public static List<Journey> catalogue(LocalDate start) {
        List<Journey> all = new ArrayList<>();
        // ---------------------------------------------------------------- UPS (New York -> Los Angeles via Louisville)
        all.add(b(Carrier.UPS, ups(1), JourneyKind.DELIVERED, start).promised(4).signedBy("J SMITH")
                .step(0, "10:05", NEW_YORK, LABEL_CREATED).step(0, "17:42", NEW_YORK, PICKED_UP)
                .step(0, "22:10", SECAUCUS, DEPARTED).step(1, "04:35", LOUISVILLE, ARRIVED)
                .step(1, "09:12", LOUISVILLE, DEPARTED).step(3, "02:50", LOS_ANGELES, ARRIVED)
                .step(4, "07:58", LOS_ANGELES, OUT_FOR_DELIVERY).step(4, "14:23", LOS_ANGELES, DELIVERED)
                .ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(2), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("FRONT DOOR")
                .step(0, "09:30", CHICAGO, LABEL_CREATED).step(0, "18:05", CHICAGO, PICKED_UP)
                .step(1, "03:40", INDIANAPOLIS, ARRIVED).step(2, "08:02", NEW_YORK, OUT_FOR_DELIVERY)
                .step(2, "13:47", NEW_YORK, ATTEMPT_FAILED).step(3, "08:11", NEW_YORK, OUT_FOR_DELIVERY)
                .step(3, "15:36", NEW_YORK, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(3), JourneyKind.ADDRESS_EXCEPTION, start).promised(3)
                .step(0, "11:00", DALLAS, LABEL_CREATED).step(0, "17:20", DALLAS, PICKED_UP)
                .step(1, "06:15", PHOENIX, ARRIVED).step(2, "08:05", PHOENIX, OUT_FOR_DELIVERY)
                .step(2, "10:41", PHOENIX, ADDRESS_PROBLEM).ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.UPS, ups(4), JourneyKind.LATE, start).promised(2).rescheduled(4).signedBy("M GARCIA")
                .step(0, "08:45", SEATTLE, LABEL_CREATED).step(0, "16:30", SEATTLE, PICKED_UP)
                .step(1, "01:20", SEATTLE, DEPARTED).step(2, "05:10", DENVER, DELAYED)
                .step(3, "04:00", DENVER, ARRIVED).step(4, "08:20", DENVER, OUT_FOR_DELIVERY)
                .step(4, "16:02", DENVER, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(5), JourneyKind.LOST, start).promised(3)
                .step(0, "10:00", NEW_YORK, LABEL_CREATED).step(0, "18:30", NEW_YORK, PICKED_UP)
                .step(1, "02:15", LOUISVILLE, ARRIVED).step(1, "06:40", LOUISVILLE, DEPARTED)
                .ends(ShipmentStatus.IN_TRANSIT));
        all.add(b(Carrier.UPS, ups(6), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "09:10", LOS_ANGELES, LABEL_CREATED).step(0, "17:55", LOS_ANGELES, PICKED_UP)
                .step(1, "05:30", PHOENIX, ARRIVED).step(2, "08:10", PHOENIX, OUT_FOR_DELIVERY)
                .step(2, "12:30", PHOENIX, ADDRESS_PROBLEM).step(3, "09:00", PHOENIX, RETURNING)
                .step(5, "14:10", LOS_ANGELES, RETURNED).ends(ShipmentStatus.RETURNED_TO_SENDER));
        all.add(b(Carrier.UPS, ups(7), JourneyKind.HELD_IN_CUSTOMS, start).promised(4)
                .step(0, "10:00", LONDON, LABEL_CREATED).step(0, "16:45", LONDON, PICKED_UP)
                .step(1, "02:30", LOUISVILLE, ARRIVED).step(1, "08:15", LOUISVILLE, CUSTOMS_HELD)
                .ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.UPS, ups(8), JourneyKind.NOT_FOUND, start).ends(null));
        // ---------------------------------------------------------------- FedEx (hub: Memphis)
        all.add(b(Carrier.FEDEX, fedex(1), JourneyKind.DELIVERED, start).promised(3).signedBy("K.LEE")
                .step(0, "11:20", DENVER, LABEL_CREATED).step(0, "17:05", DENVER, PICKED_UP)
                .step(0, "21:40", DENVER, DEPARTED).step(1, "01:55", MEMPHIS, ARRIVED)
                .step(1, "05:30", MEMPHIS, DEPARTED).step(2, "06:10", NEW_YORK, ARRIVED)
                .step(3, "07:49", NEW_YORK, OUT_FOR_DELIVERY).step(3, "13:12", NEW_YORK, DELIVERED)
                .ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(2), JourneyKind.MULTI_RESULT, start).promised(2).signedBy("R.PATEL")
                .older(b(Carrier.FEDEX, fedex(2), JourneyKind.DELIVERED, start.minusDays(400)).promised(2)
                        .signedBy("OLD SIGNER").step(0, "10:00", SEATTLE, PICKED_UP)
                        .step(2, "14:00", PHOENIX, DELIVERED).ends(ShipmentStatus.DELIVERED))
                .step(0, "12:00", CHICAGO, LABEL_CREATED).step(0, "18:10", CHICAGO, PICKED_UP)
                .step(1, "02:05", MEMPHIS, ARRIVED).step(2, "08:03", DALLAS, OUT_FOR_DELIVERY)
                .step(2, "11:58", DALLAS, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(3), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "09:00", LOS_ANGELES, LABEL_CREATED).step(0, "16:40", LOS_ANGELES, PICKED_UP)
                .step(1, "03:20", MEMPHIS, ARRIVED).step(2, "09:45", HONOLULU, AVAILABLE_FOR_PICKUP)
                .ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.FEDEX, fedex(4), JourneyKind.HELD_IN_CUSTOMS, start).promised(3)
                .step(0, "10:30", PARIS, LABEL_CREATED).step(0, "17:00", PARIS, PICKED_UP)
                .step(1, "06:00", MEMPHIS, ARRIVED).step(1, "09:30", MEMPHIS, CUSTOMS_HELD)
                .ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.FEDEX, fedex(5), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("T.NGUYEN")
                .step(0, "10:00", MEMPHIS, LABEL_CREATED).step(0, "17:30", MEMPHIS, PICKED_UP)
                .step(1, "04:00", CHICAGO, ARRIVED).step(2, "07:55", CHICAGO, OUT_FOR_DELIVERY)
                .step(2, "15:20", CHICAGO, ATTEMPT_FAILED).step(3, "08:05", CHICAGO, OUT_FOR_DELIVERY)
                .step(3, "12:44", CHICAGO, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(6), JourneyKind.LATE, start).promised(1).rescheduled(3).signedBy("A.BROWN")
                .step(0, "09:15", NEW_YORK, LABEL_CREATED).step(0, "17:00", NEW_YORK, PICKED_UP)
                .step(1, "02:00", MEMPHIS, DELAYED).step(2, "03:00", MEMPHIS, DEPARTED)
                .step(3, "08:00", LOS_ANGELES, OUT_FOR_DELIVERY).step(3, "17:25", LOS_ANGELES, DELIVERED)
                .ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(7), JourneyKind.NOT_FOUND, start).ends(null));
        // ---------------------------------------------------------------- USPS
        all.add(b(Carrier.USPS, usps(1), JourneyKind.DELIVERED, start).promised(3)
                .step(0, "13:10", PHOENIX, LABEL_CREATED).step(0, "18:22", PHOENIX, PICKED_UP)
                .step(1, "01:05", PHOENIX, DEPARTED).step(2, "04:40", SEATTLE, ARRIVED)
                .step(3, "07:52", SEATTLE, OUT_FOR_DELIVERY).step(3, "13:40", SEATTLE, DELIVERED)
                .ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.USPS, usps(2), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2)
                .step(0, "10:00", NEW_YORK, LABEL_CREATED).step(0, "16:00", NEW_YORK, PICKED_UP)
                .step(1, "03:30", SECAUCUS, ARRIVED).step(2, "08:00", CHICAGO, OUT_FOR_DELIVERY)
                .step(2, "14:05", CHICAGO, ATTEMPT_FAILED).step(3, "08:15", CHICAGO, OUT_FOR_DELIVERY)
                .step(3, "11:30", CHICAGO, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.USPS, usps(3), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "09:00", DENVER, LABEL_CREATED).step(0, "15:30", DENVER, PICKED_UP)
                .step(1, "05:00", DENVER, ARRIVED).step(2, "10:20", DENVER, AVAILABLE_FOR_PICKUP)
                .ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.USPS, usps(4), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "09:30", LOS_ANGELES, LABEL_CREATED).step(0, "17:10", LOS_ANGELES, PICKED_UP)
                .step(2, "09:30", SEATTLE, ADDRESS_PROBLEM).step(3, "06:45", SEATTLE, RETURNING)
                .ends(ShipmentStatus.RETURNING_TO_SENDER));
        all.add(b(Carrier.USPS, usps(5), JourneyKind.LOST, start).promised(3)
                .step(0, "12:00", CHICAGO, LABEL_CREATED).step(0, "17:45", CHICAGO, PICKED_UP)
                .step(1, "02:30", CHICAGO, DEPARTED).ends(ShipmentStatus.IN_TRANSIT));
        all.add(b(Carrier.USPS, usps(6), JourneyKind.ADDRESS_EXCEPTION, start).promised(2)
                .step(0, "08:30", HONOLULU, LABEL_CREATED).step(0, "15:10", HONOLULU, PICKED_UP)
                .step(2, "10:15", HONOLULU, ADDRESS_PROBLEM).ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.USPS, usps(7), JourneyKind.NOT_FOUND, start).ends(null));
        // ---------------------------------------------------------------- DHL (Express via Leipzig)
        all.add(b(Carrier.DHL, dhl(1), JourneyKind.DELIVERED, start).promised(3).signedBy("SCHMIDT")
                .step(0, "09:40", BONN, LABEL_CREATED).step(0, "16:20", BONN, PICKED_UP)
                .step(0, "23:05", LEIPZIG, ARRIVED).step(1, "03:30", LEIPZIG, DEPARTED)
                .step(2, "05:10", MADRID, ARRIVED).step(3, "08:04", MADRID, OUT_FOR_DELIVERY)
                .step(3, "12:58", MADRID, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(2), JourneyKind.HELD_IN_CUSTOMS, start).promised(3)
                .step(0, "10:00", LONDON, LABEL_CREATED).step(0, "15:50", LONDON, PICKED_UP)
                .step(1, "01:10", LEIPZIG, ARRIVED).step(1, "07:30", LEIPZIG, CUSTOMS_HELD)
                .ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.DHL, dhl(3), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "11:00", AMSTERDAM, LABEL_CREATED).step(0, "17:00", AMSTERDAM, PICKED_UP)
                .step(1, "08:10", PARIS, OUT_FOR_DELIVERY).step(1, "11:25", PARIS, ADDRESS_PROBLEM)
                .step(4, "14:00", AMSTERDAM, RETURNED).ends(ShipmentStatus.RETURNED_TO_SENDER));
        all.add(b(Carrier.DHL, dhl(4), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "10:15", LEIPZIG, LABEL_CREATED).step(0, "16:00", LEIPZIG, PICKED_UP)
                .step(1, "04:00", BONN, ARRIVED).step(1, "11:30", BONN, AVAILABLE_FOR_PICKUP)
                .ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.DHL, dhl(5), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("DUBOIS")
                .step(0, "09:00", BONN, LABEL_CREATED).step(0, "17:30", BONN, PICKED_UP)
                .step(1, "02:00", LEIPZIG, ARRIVED).step(2, "08:00", PARIS, OUT_FOR_DELIVERY)
                .step(2, "12:10", PARIS, ATTEMPT_FAILED).step(3, "08:20", PARIS, OUT_FOR_DELIVERY)
                .step(3, "10:45", PARIS, DELIVERED).ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(6), JourneyKind.LATE, start).promised(1).rescheduled(3).signedBy("JONES")
                .step(0, "10:00", LEIPZIG, LABEL_CREATED).step(0, "15:00", LEIPZIG, PICKED_UP)
                .step(1, "06:00", LEIPZIG, DELAYED).step(2, "22:00", LONDON, ARRIVED)
                .step(3, "08:30", LONDON, OUT_FOR_DELIVERY).step(3, "16:15", LONDON, DELIVERED)
                .ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(7), JourneyKind.NOT_FOUND, start).ends(null));
        return List.copyOf(all);
    }

    /** A valid UPS number: 1Z + shipper "8V4E27" + service "03" + package serial + mod-10 check digit. */
    static String ups(int serial) {
        String body = "8V4E27" + "03" + String.format("%07d", 4410 + serial);
        return "1Z" + body + Carrier.upsCheckDigit(body);
    }

    static String fedex(int serial) {
        return String.format("7946%08d", 52010 + serial);
    }

    static String usps(int serial) {
        return String.format("9400111899223%09d", 3346 + serial);
    }

    static String dhl(int serial) {
        return String.format("%010d", 3364481110L + serial);
    }

    private static Builder b(Carrier carrier, String number, JourneyKind kind, LocalDate start) {
        return new Builder(carrier, number, kind, start);
    }

    private static final class Builder {
        private final Carrier carrier;
        private final String number;
        private final JourneyKind kind;
        private final LocalDate start;
        private final List<Journey.Step> steps = new ArrayList<>();
        private LocalDate promised;
        private LocalDate rescheduled;
        private String signedBy;
        private Journey older;

        Builder(Carrier carrier, String number, JourneyKind kind, LocalDate start) {
            this.carrier = carrier;
            this.number = number;
            this.kind = kind;
            this.start = start;
        }

        Builder step(int day, String localTime, City city, Milestone milestone) {
            steps.add(new Journey.Step(day, LocalTime.parse(localTime), city, milestone));
            return this;
        }

        Builder promised(int day) {
            promised = start.plusDays(day);
            return this;
        }

        Builder rescheduled(int day) {
            rescheduled = start.plusDays(day);
            return this;
        }

        Builder signedBy(String name) {
            signedBy = name;
            return this;
        }

        Builder older(Journey journey) {
            older = journey;
            return this;
        }

        Journey ends(ShipmentStatus finalStatus) {
            return new Journey(carrier, number, kind, start, List.copyOf(steps), promised, rescheduled, finalStatus,
                    signedBy, older);
        }
    }
}
