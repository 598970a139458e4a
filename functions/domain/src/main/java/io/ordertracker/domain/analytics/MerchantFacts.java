package io.ordertracker.domain.analytics;

import java.time.LocalDate;
import java.util.List;

/** Port: the merchants' daily aggregates (storage: one partition per merchant, atomic counters, no scans). */
public interface MerchantFacts {

    /**
     * Counts the fact on each of its groups, atomically with a marker of its id.
     *
     * @return false when the fact had been counted before (nothing changed)
     */
    boolean record(Fact fact);

    /** Every aggregate of the merchant from {@code from} to {@code to}, both included, by day. */
    List<DayGroup> read(String merchantId, LocalDate from, LocalDate to);
}
