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
        return catalogue(start, 1);
    }

    /**
     * The catalogue played {@code copies} times: copy 0 is the catalogue itself, copy k plays every journey again
     * under its own tracking numbers (serials moved by {@link #SERIALS_PER_COPY} x k), so a run can track many
     * independent parcels of each story (the chaos run's shipments).
     */
    public static List<Journey> catalogue(LocalDate start, int copies) {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("copies must be 1.." + MAX_COPIES + ": " + copies);
        }
        List<Journey> all = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            all.addAll(catalogueCopy(start, copy));
        }
        return List.copyOf(all);
    }

    /** Serial numbers a catalogue uses per carrier stay below this; each copy starts this many further on. */
    static final int SERIALS_PER_COPY = 100;
    /** Keeps every carrier's number within its format (UPS has seven serial digits from 4410). */
    static final int MAX_COPIES = 10_000;

    private static List<Journey> catalogueCopy(LocalDate start, int copy) {
        SERIAL_OFFSET.set(copy * SERIALS_PER_COPY);
        try {
            return catalogueOnce(start);
        } finally {
            SERIAL_OFFSET.remove();
        }
    }

    /** The serial offset of the copy being built (0 for the catalogue itself). */
    private static final ThreadLocal<Integer> SERIAL_OFFSET = ThreadLocal.withInitial(() -> 0);

    private static List<Journey> catalogueOnce(LocalDate start) {
        List<Journey> all = new ArrayList<>();
        // ---------------------------------------------------------------- UPS (New York -> Los Angeles via Louisville)
        all.add(b(Carrier.UPS, ups(1), JourneyKind.DELIVERED, start).promised(4).signedBy("J SMITH")
                .step(0, "10:05", NEW_YORK, LABEL_CREATED).step(0, "17:42", NEW_YORK, PICKED_UP)
                .step(0, "22:10", SECAUCUS, DEPARTED).step(1, "04:35", LOUISVILLE, ARRIVED)
                .step(1, "09:12", LOUISVILLE, DEPARTED).step(3, "02:50", LOS_ANGELES, ARRIVED)
                .step(4, "07:58", LOS_ANGELES, OUT_FOR_DELIVERY).step(4, "14:23", LOS_ANGELES, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(2), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("FRONT DOOR")
                .step(0, "09:30", CHICAGO, LABEL_CREATED).step(0, "18:05", CHICAGO, PICKED_UP)
                .step(1, "03:40", INDIANAPOLIS, ARRIVED).step(2, "08:02", NEW_YORK, OUT_FOR_DELIVERY)
                .step(2, "13:47", NEW_YORK, ATTEMPT_FAILED).step(3, "08:11", NEW_YORK, OUT_FOR_DELIVERY)
                .step(3, "15:36", NEW_YORK, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(3), JourneyKind.ADDRESS_EXCEPTION, start).promised(3)
                .step(0, "11:00", DALLAS, LABEL_CREATED).step(0, "17:20", DALLAS, PICKED_UP)
                .step(1, "06:15", PHOENIX, ARRIVED).step(2, "08:05", PHOENIX, OUT_FOR_DELIVERY)
                .step(2, "10:41", PHOENIX, ADDRESS_PROBLEM)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.UPS, ups(4), JourneyKind.LATE, start).promised(2).rescheduled(4).signedBy("M GARCIA")
                .step(0, "08:45", SEATTLE, LABEL_CREATED).step(0, "16:30", SEATTLE, PICKED_UP)
                .step(1, "01:20", SEATTLE, DEPARTED).step(2, "05:10", DENVER, DELAYED)
                .step(3, "04:00", DENVER, ARRIVED).step(4, "08:20", DENVER, OUT_FOR_DELIVERY)
                .step(4, "16:02", DENVER, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "OUT_FOR_DELIVERY sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(5), JourneyKind.LOST, start).promised(3)
                .step(0, "10:00", NEW_YORK, LABEL_CREATED).step(0, "18:30", NEW_YORK, PICKED_UP)
                .step(1, "02:15", LOUISVILLE, ARRIVED).step(1, "06:40", LOUISVILLE, DEPARTED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "STALLED email", "STALLED sms").ends(ShipmentStatus.IN_TRANSIT));
        all.add(b(Carrier.UPS, ups(6), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "09:10", LOS_ANGELES, LABEL_CREATED).step(0, "17:55", LOS_ANGELES, PICKED_UP)
                .step(1, "05:30", PHOENIX, ARRIVED).step(2, "08:10", PHOENIX, OUT_FOR_DELIVERY)
                .step(2, "12:30", PHOENIX, ADDRESS_PROBLEM).step(3, "09:00", PHOENIX, RETURNING)
                .step(5, "14:10", LOS_ANGELES, RETURNED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION sms", "EXCEPTION email", "EXCEPTION email", "EXCEPTION sms",
                        "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.RETURNED_TO_SENDER));
        all.add(b(Carrier.UPS, ups(7), JourneyKind.HELD_IN_CUSTOMS, start).promised(4)
                .step(0, "10:00", LONDON, LABEL_CREATED).step(0, "16:45", LONDON, PICKED_UP)
                .step(1, "02:30", LOUISVILLE, ARRIVED).step(1, "08:15", LOUISVILLE, CUSTOMS_HELD)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION sms", "EXCEPTION email").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.UPS, ups(9), JourneyKind.LATE_WEATHER, start).promised(2).rescheduled(4).signedBy("L CHEN")
                .step(0, "09:00", CHICAGO, LABEL_CREATED).step(0, "17:00", CHICAGO, PICKED_UP)
                .step(1, "03:00", DENVER, ARRIVED).step(1, "14:00", DENVER, WEATHER_DELAY)
                .step(3, "06:00", DENVER, DEPARTED).step(3, "20:00", SEATTLE, ARRIVED)
                .step(4, "08:05", SEATTLE, OUT_FOR_DELIVERY).step(4, "13:30", SEATTLE, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "OUT_FOR_DELIVERY sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.UPS, ups(10), JourneyKind.DAMAGED, start).promised(3)
                .step(0, "10:00", LOS_ANGELES, LABEL_CREATED).step(0, "17:00", LOS_ANGELES, PICKED_UP)
                .step(1, "05:00", PHOENIX, ARRIVED).step(1, "11:00", PHOENIX, DAMAGED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION sms", "EXCEPTION email").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.UPS, ups(8), JourneyKind.NOT_FOUND, start)
                .expects("ORDER_CONFIRMED email", "STALLED email", "STALLED sms", "EXCEPTION email",
                        "EXCEPTION sms").ends(null));
        // ---------------------------------------------------------------- FedEx (hub: Memphis)
        all.add(b(Carrier.FEDEX, fedex(1), JourneyKind.DELIVERED, start).promised(3).signedBy("K.LEE")
                .step(0, "11:20", DENVER, LABEL_CREATED).step(0, "17:05", DENVER, PICKED_UP)
                .step(0, "21:40", DENVER, DEPARTED).step(1, "01:55", MEMPHIS, ARRIVED)
                .step(1, "05:30", MEMPHIS, DEPARTED).step(2, "06:10", NEW_YORK, ARRIVED)
                .step(3, "07:49", NEW_YORK, OUT_FOR_DELIVERY).step(3, "13:12", NEW_YORK, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(2), JourneyKind.MULTI_RESULT, start).promised(2).signedBy("R.PATEL")
                .older(b(Carrier.FEDEX, fedex(2), JourneyKind.DELIVERED, start.minusDays(400)).promised(2)
                        .signedBy("OLD SIGNER").step(0, "10:00", SEATTLE, PICKED_UP)
                        .step(2, "14:00", PHOENIX, DELIVERED).ends(ShipmentStatus.DELIVERED))
                .step(0, "12:00", CHICAGO, LABEL_CREATED).step(0, "18:10", CHICAGO, PICKED_UP)
                .step(1, "02:05", MEMPHIS, ARRIVED).step(2, "08:03", DALLAS, OUT_FOR_DELIVERY)
                .step(2, "11:58", DALLAS, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(3), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "09:00", LOS_ANGELES, LABEL_CREATED).step(0, "16:40", LOS_ANGELES, PICKED_UP)
                .step(1, "03:20", MEMPHIS, ARRIVED).step(2, "09:45", HONOLULU, AVAILABLE_FOR_PICKUP)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "AVAILABLE_FOR_PICKUP email", "AVAILABLE_FOR_PICKUP sms").ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.FEDEX, fedex(4), JourneyKind.HELD_IN_CUSTOMS, start).promised(3)
                .step(0, "10:30", PARIS, LABEL_CREATED).step(0, "17:00", PARIS, PICKED_UP)
                .step(1, "06:00", MEMPHIS, ARRIVED).step(1, "09:30", MEMPHIS, CUSTOMS_HELD)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION sms", "EXCEPTION email").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.FEDEX, fedex(5), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("T.NGUYEN")
                .step(0, "10:00", MEMPHIS, LABEL_CREATED).step(0, "17:30", MEMPHIS, PICKED_UP)
                .step(1, "04:00", CHICAGO, ARRIVED).step(2, "07:55", CHICAGO, OUT_FOR_DELIVERY)
                .step(2, "15:20", CHICAGO, ATTEMPT_FAILED).step(3, "08:05", CHICAGO, OUT_FOR_DELIVERY)
                .step(3, "12:44", CHICAGO, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "DELIVERED sms", "DELIVERED email").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(6), JourneyKind.LATE, start).promised(1).rescheduled(3).signedBy("A.BROWN")
                .step(0, "09:15", NEW_YORK, LABEL_CREATED).step(0, "17:00", NEW_YORK, PICKED_UP)
                .step(1, "02:00", MEMPHIS, DELAYED).step(2, "03:00", MEMPHIS, DEPARTED)
                .step(3, "08:00", LOS_ANGELES, OUT_FOR_DELIVERY).step(3, "17:25", LOS_ANGELES, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "OUT_FOR_DELIVERY sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.FEDEX, fedex(8), JourneyKind.ESTIMATE_EARLIER, start).promised(4).signedBy("S.OKAFOR")
                .step(0, "09:00", MEMPHIS, LABEL_CREATED).step(0, "17:00", MEMPHIS, PICKED_UP)
                .step(1, "04:00", DALLAS, ARRIVED).estimate(1, "10:00", DALLAS, 3)
                .step(3, "08:00", DALLAS, OUT_FOR_DELIVERY).step(3, "11:00", DALLAS, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(weekendDelivery(start));
        all.add(b(Carrier.FEDEX, fedex(7), JourneyKind.NOT_FOUND, start)
                .expects("ORDER_CONFIRMED email", "STALLED email", "STALLED sms", "EXCEPTION email",
                        "EXCEPTION sms").ends(null));
        // ---------------------------------------------------------------- USPS
        all.add(b(Carrier.USPS, usps(1), JourneyKind.DELIVERED, start).promised(3)
                .step(0, "13:10", PHOENIX, LABEL_CREATED).step(0, "18:22", PHOENIX, PICKED_UP)
                .step(1, "01:05", PHOENIX, DEPARTED).step(2, "04:40", SEATTLE, ARRIVED)
                .step(3, "07:52", SEATTLE, OUT_FOR_DELIVERY).step(3, "13:40", SEATTLE, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.USPS, usps(2), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2)
                .step(0, "10:00", NEW_YORK, LABEL_CREATED).step(0, "16:00", NEW_YORK, PICKED_UP)
                .step(1, "03:30", SECAUCUS, ARRIVED).step(2, "08:00", CHICAGO, OUT_FOR_DELIVERY)
                .step(2, "14:05", CHICAGO, ATTEMPT_FAILED).step(3, "08:15", CHICAGO, OUT_FOR_DELIVERY)
                .step(3, "11:30", CHICAGO, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.USPS, usps(3), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "09:00", DENVER, LABEL_CREATED).step(0, "15:30", DENVER, PICKED_UP)
                .step(1, "05:00", DENVER, ARRIVED).step(2, "10:20", DENVER, AVAILABLE_FOR_PICKUP)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "AVAILABLE_FOR_PICKUP email", "AVAILABLE_FOR_PICKUP sms").ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.USPS, usps(4), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "09:30", LOS_ANGELES, LABEL_CREATED).step(0, "17:10", LOS_ANGELES, PICKED_UP)
                .step(2, "09:30", SEATTLE, ADDRESS_PROBLEM).step(3, "06:45", SEATTLE, RETURNING)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION email", "EXCEPTION sms",
                        "EXCEPTION sms", "EXCEPTION email").ends(ShipmentStatus.RETURNING_TO_SENDER));
        all.add(b(Carrier.USPS, usps(5), JourneyKind.LOST, start).promised(3)
                .step(0, "12:00", CHICAGO, LABEL_CREATED).step(0, "17:45", CHICAGO, PICKED_UP)
                .step(1, "02:30", CHICAGO, DEPARTED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "STALLED email", "STALLED sms").ends(ShipmentStatus.IN_TRANSIT));
        all.add(b(Carrier.USPS, usps(6), JourneyKind.ADDRESS_EXCEPTION, start).promised(2)
                .step(0, "08:30", HONOLULU, LABEL_CREATED).step(0, "15:10", HONOLULU, PICKED_UP)
                .step(2, "10:15", HONOLULU, ADDRESS_PROBLEM)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.USPS, usps(8), JourneyKind.ESTIMATE_SLIPS_TWICE, start).promised(2)
                .step(0, "10:00", NEW_YORK, LABEL_CREATED).step(0, "17:00", NEW_YORK, PICKED_UP)
                .step(1, "01:00", SECAUCUS, DEPARTED).step(1, "09:00", CHICAGO, ARRIVED)
                .estimate(1, "12:00", CHICAGO, 3).estimate(2, "12:00", CHICAGO, 4).step(3, "05:00", CHICAGO, DEPARTED)
                .step(4, "08:00", CHICAGO, OUT_FOR_DELIVERY).step(4, "12:30", CHICAGO, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "DELAYED email", "DELAYED sms", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.USPS, usps(9), JourneyKind.TWO_ATTEMPTS_THEN_HELD, start).promised(2)
                .step(0, "09:00", SEATTLE, LABEL_CREATED).step(0, "16:00", SEATTLE, PICKED_UP)
                .step(1, "05:00", SEATTLE, ARRIVED).step(2, "08:00", SEATTLE, OUT_FOR_DELIVERY)
                .step(2, "13:00", SEATTLE, ATTEMPT_FAILED).step(3, "08:00", SEATTLE, OUT_FOR_DELIVERY)
                .step(3, "12:30", SEATTLE, ATTEMPT_NO_ACCESS).step(4, "09:00", SEATTLE, HELD_FOR_PICKUP)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "EXCEPTION sms", "EXCEPTION email",
                        "AVAILABLE_FOR_PICKUP email", "AVAILABLE_FOR_PICKUP sms").ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.USPS, usps(7), JourneyKind.NOT_FOUND, start)
                .expects("ORDER_CONFIRMED email", "STALLED email", "STALLED sms", "EXCEPTION email",
                        "EXCEPTION sms").ends(null));
        // ---------------------------------------------------------------- DHL (Express via Leipzig)
        all.add(b(Carrier.DHL, dhl(1), JourneyKind.DELIVERED, start).promised(3).signedBy("SCHMIDT")
                .step(0, "09:40", BONN, LABEL_CREATED).step(0, "16:20", BONN, PICKED_UP)
                .step(0, "23:05", LEIPZIG, ARRIVED).step(1, "03:30", LEIPZIG, DEPARTED)
                .step(2, "05:10", MADRID, ARRIVED).step(3, "08:04", MADRID, OUT_FOR_DELIVERY)
                .step(3, "12:58", MADRID, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(2), JourneyKind.HELD_IN_CUSTOMS, start).promised(3)
                .step(0, "10:00", LONDON, LABEL_CREATED).step(0, "15:50", LONDON, PICKED_UP)
                .step(1, "01:10", LEIPZIG, ARRIVED).step(1, "07:30", LEIPZIG, CUSTOMS_HELD)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.EXCEPTION));
        all.add(b(Carrier.DHL, dhl(3), JourneyKind.RETURNED_TO_SENDER, start).promised(2)
                .step(0, "11:00", AMSTERDAM, LABEL_CREATED).step(0, "17:00", AMSTERDAM, PICKED_UP)
                .step(1, "08:10", PARIS, OUT_FOR_DELIVERY).step(1, "11:25", PARIS, ADDRESS_PROBLEM)
                .step(4, "14:00", AMSTERDAM, RETURNED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.RETURNED_TO_SENDER));
        all.add(b(Carrier.DHL, dhl(4), JourneyKind.AVAILABLE_FOR_PICKUP, start).promised(2)
                .step(0, "10:15", LEIPZIG, LABEL_CREATED).step(0, "16:00", LEIPZIG, PICKED_UP)
                .step(1, "04:00", BONN, ARRIVED).step(1, "11:30", BONN, AVAILABLE_FOR_PICKUP)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "AVAILABLE_FOR_PICKUP sms",
                        "AVAILABLE_FOR_PICKUP email").ends(ShipmentStatus.AVAILABLE_FOR_PICKUP));
        all.add(b(Carrier.DHL, dhl(5), JourneyKind.FAILED_ATTEMPT_THEN_DELIVERED, start).promised(2).signedBy("DUBOIS")
                .step(0, "09:00", BONN, LABEL_CREATED).step(0, "17:30", BONN, PICKED_UP)
                .step(1, "02:00", LEIPZIG, ARRIVED).step(2, "08:00", PARIS, OUT_FOR_DELIVERY)
                .step(2, "12:10", PARIS, ATTEMPT_FAILED).step(3, "08:20", PARIS, OUT_FOR_DELIVERY)
                .step(3, "10:45", PARIS, DELIVERED)
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(6), JourneyKind.LATE, start).promised(1).rescheduled(3).signedBy("JONES")
                .step(0, "10:00", LEIPZIG, LABEL_CREATED).step(0, "15:00", LEIPZIG, PICKED_UP)
                .step(1, "06:00", LEIPZIG, DELAYED).step(2, "22:00", LONDON, ARRIVED)
                .step(3, "08:30", LONDON, OUT_FOR_DELIVERY).step(3, "16:15", LONDON, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "DELAYED email", "DELAYED sms",
                        "OUT_FOR_DELIVERY sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(8), JourneyKind.REFUSED, start).promised(2)
                .step(0, "09:00", AMSTERDAM, LABEL_CREATED).step(0, "16:00", AMSTERDAM, PICKED_UP)
                .step(1, "02:00", BONN, ARRIVED).step(1, "08:30", BONN, OUT_FOR_DELIVERY)
                .step(1, "10:15", BONN, REFUSED).step(3, "15:00", AMSTERDAM, RETURNED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms",
                        "EXCEPTION email", "EXCEPTION sms", "EXCEPTION email", "EXCEPTION sms").ends(ShipmentStatus.RETURNED_TO_SENDER));
        all.add(b(Carrier.DHL, dhl(9), JourneyKind.CUSTOMS_HELD_THEN_RELEASED, start).promised(3).signedBy("GARCIA")
                .step(0, "10:00", LONDON, LABEL_CREATED).step(0, "15:00", LONDON, PICKED_UP)
                .step(1, "01:00", LEIPZIG, ARRIVED).step(1, "07:30", LEIPZIG, CUSTOMS_HELD)
                .step(2, "11:00", LEIPZIG, CUSTOMS_CLEARED).step(2, "22:00", MADRID, ARRIVED)
                .step(3, "08:10", MADRID, OUT_FOR_DELIVERY).step(3, "13:00", MADRID, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "EXCEPTION email", "EXCEPTION sms",
                        "OUT_FOR_DELIVERY sms", "DELIVERED email", "DELIVERED sms").ends(ShipmentStatus.DELIVERED));
        all.add(b(Carrier.DHL, dhl(7), JourneyKind.NOT_FOUND, start)
                .expects("ORDER_CONFIRMED email", "STALLED email", "STALLED sms", "EXCEPTION email",
                        "EXCEPTION sms").ends(null));
        return List.copyOf(all);
    }

    /**
     * FedEx delivers on the first Saturday at least two days after the start, with a scan every day on the way (so
     * the parcel never looks stalled).
     */
    private static Journey weekendDelivery(LocalDate start) {
        int saturday = 2;
        while (start.plusDays(saturday).getDayOfWeek() != java.time.DayOfWeek.SATURDAY) {
            saturday++;
        }
        Builder b = b(Carrier.FEDEX, fedex(9), JourneyKind.WEEKEND_DELIVERY, start).promised(saturday).signedBy("D.ROSSI")
                .step(0, "10:00", CHICAGO, LABEL_CREATED).step(0, "18:00", CHICAGO, PICKED_UP);
        for (int day = 1; day < saturday; day++) {
            b.step(day, "06:00", day % 2 == 1 ? MEMPHIS : INDIANAPOLIS, day % 2 == 1 ? ARRIVED : DEPARTED);
        }
        return b.step(saturday, "08:30", NEW_YORK, OUT_FOR_DELIVERY).step(saturday, "12:00", NEW_YORK, DELIVERED)
                
                .expects("ORDER_CONFIRMED email", "SHIPPED email", "OUT_FOR_DELIVERY sms", "DELIVERED email",
                        "DELIVERED sms").ends(ShipmentStatus.DELIVERED);
    }

    /** A valid UPS number: 1Z + shipper "8V4E27" + service "03" + package serial + mod-10 check digit. */
    static String ups(int serial) {
        String body = "8V4E27" + "03" + String.format("%07d", 4410 + SERIAL_OFFSET.get() + serial);
        return "1Z" + body + Carrier.upsCheckDigit(body);
    }

    static String fedex(int serial) {
        return String.format("7946%08d", 52010 + SERIAL_OFFSET.get() + serial);
    }

    static String usps(int serial) {
        return String.format("9400111899223%09d", 3346 + SERIAL_OFFSET.get() + serial);
    }

    static String dhl(int serial) {
        return String.format("%010d", 3364481110L + SERIAL_OFFSET.get() + serial);
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
        private final List<Journey.EstimateChange> estimates = new ArrayList<>();
        private List<String> expected;

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

        /** The carrier changes its estimate to {@code newDay} at this time, with no scan. */
        Builder estimate(int day, String localTime, City city, int newDay) {
            estimates.add(new Journey.EstimateChange(day, LocalTime.parse(localTime), city, newDay));
            return this;
        }

        /** The messages the demo shopper must get, in order: "MILESTONE channel". */
        Builder expects(String... messages) {
            expected = List.of(messages);
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
                    signedBy, older, estimates, expected);
        }
    }
}
