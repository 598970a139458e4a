package io.ordertracker.domain.analytics;

import java.time.LocalDate;
import java.util.Map;

/** One daily aggregate of a merchant: the counters of one group (the day, a carrier, a service, a lane) on one day. */
public record DayGroup(LocalDate day, String group, Map<String, Long> counters) {
    public DayGroup {
        counters = Map.copyOf(counters);
    }

    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }
}
