package io.ordertracker.carriers;

import java.time.OffsetDateTime;

/**
 * One carrier event as read from a body, before statuses are settled: its own code's mapping may be informational
 * (no status of its own), in which case {@link TrackingAssembler} carries the status in force forward.
 *
 * @param fallback what an informational event reads as when no earlier event set a status (e.g. DHL's coarse
 *                 statusCode that travels with every event); null means UNKNOWN
 */
public record ScanEvent(OffsetDateTime time, String code, String description, String location,
                        CodeTable.Mapping mapping, CodeTable.Mapping fallback) {
}
