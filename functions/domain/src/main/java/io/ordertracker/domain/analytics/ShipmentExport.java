package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.notify.TableChange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One delivered shipment as a line of the S3 export (docs/analytics.md, "Export to S3"): the facts of its journey, no
 * shopper data (no name, address, email, phone, order number or tracking number). Its object key names the delivery
 * day (UTC, the Glue table's {@code dt} partition), the merchant and the shipment, so a redelivered stream record or a
 * later write to the delivered parcel puts the same key again: one object per delivered shipment, never two.
 *
 * @param transitDays       pickup to delivery, whole days rounded (as the lane baselines and the aggregates count
 *                          them), null without a pickup scan
 * @param estimateErrorDays delivery day minus the carrier's first estimate (UTC days; negative: early), or null
 */
public record ShipmentExport(String merchantId, String shipmentId, String carrier, String service, String origin,
                             String destination, Instant createdAt, Instant pickedUpAt, Instant deliveredAt,
                             Integer transitDays, LocalDate firstEstimate, Integer estimateErrorDays, boolean delayed,
                             String reason) {

    /** The prefix every object of the export is under (the Glue table's location). */
    public static final String PREFIX = "shipments/";

    /** The export line of a write that leaves a shipment DELIVERED, or empty for any other change. */
    public static Optional<ShipmentExport> of(TableChange change) {
        if (!(change instanceof TableChange.ShipmentChanged c) || c.after() == null
                || c.after().status() != ShipmentStatus.DELIVERED || c.after().lastEventAt() == null) {
            return Optional.empty();
        }
        Shipment s = c.after();
        LocalDate deliveredOn = LocalDate.ofInstant(s.lastEventAt(), ZoneOffset.UTC);
        LocalDate estimate = s.delay().firstEstimate();
        return Optional.of(new ShipmentExport(s.merchantId(), s.shipmentId(), s.carrier().code(),
                s.route() == null ? null : s.route().service(), s.route() == null ? null : s.route().originRegion(),
                s.route() == null ? null : s.route().destinationRegion(), s.createdAt(), s.pickedUpAt(),
                s.lastEventAt(), s.pickedUpAt() == null || s.lastEventAt().isBefore(s.pickedUpAt()) ? null
                        : LaneBaselines.transitDays(s.pickedUpAt(), s.lastEventAt()),
                estimate, estimate == null ? null : (int) (deliveredOn.toEpochDay() - estimate.toEpochDay()),
                s.delayed(), s.delay().notice() == null || s.delay().notice().reason() == null ? null
                        : s.delay().notice().reason().name()));
    }

    /** The delivery day in UTC: the {@code dt} partition. */
    public LocalDate day() {
        return LocalDate.ofInstant(deliveredAt, ZoneOffset.UTC);
    }

    /**
     * {@code shipments/dt=<yyyy-mm-dd>/<merchantId>-<shipmentId>.json}: the same for every write of it; flat under the
     * partition (Athena reads a partition's own objects), the merchant a column.
     */
    public String key() {
        return PREFIX + "dt=" + day() + "/" + merchantId + "-" + shipmentId + ".json";
    }
}
