package io.ordertracker.domain.lanes;

import java.util.Arrays;

/**
 * Transit times of delivered parcels on one lane, in whole days from pickup to delivery: a fixed bucket per day
 * 0 .. {@value #LAST_BUCKET}, the last one holding everything longer. Small (31 counters), updated by atomic adds,
 * and enough for the percentiles a baseline needs.
 */
public record TransitHistogram(long[] counts) {
    public static final int LAST_BUCKET = 30;

    public TransitHistogram {
        if (counts == null || counts.length != LAST_BUCKET + 1) {
            long[] fixed = new long[LAST_BUCKET + 1];
            if (counts != null) {
                System.arraycopy(counts, 0, fixed, 0, Math.min(counts.length, fixed.length));
            }
            counts = fixed;
        } else {
            counts = counts.clone();
        }
    }

    public static TransitHistogram empty() {
        return new TransitHistogram(null);
    }

    /** The bucket a transit of {@code days} falls in. */
    public static int bucket(long days) {
        return (int) Math.max(0, Math.min(LAST_BUCKET, days));
    }

    public TransitHistogram plus(long days) {
        long[] next = counts.clone();
        next[bucket(days)]++;
        return new TransitHistogram(next);
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** Nearest-rank percentile in days (0 when empty). */
    public int percentile(int p) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int day = 0; day <= LAST_BUCKET; day++) {
            seen += counts[day];
            if (seen >= rank) {
                return day;
            }
        }
        return LAST_BUCKET;
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransitHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "TransitHistogram" + Arrays.toString(counts);
    }
}
