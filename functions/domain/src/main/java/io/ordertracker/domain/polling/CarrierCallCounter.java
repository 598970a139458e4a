package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import java.time.LocalDate;

/** Carrier requests per carrier and UTC day: what the daily budgets are spent from, and what polling costs. */
public interface CarrierCallCounter {

    /** Adds {@code calls} to the day's count; returns the new total. */
    long add(Carrier carrier, LocalDate dayUtc, long calls);

    long count(Carrier carrier, LocalDate dayUtc);
}
