package io.ordertracker.domain.merchants;

import java.time.Instant;

/**
 * Port: one shared request counter per merchant and time window, so every container of the API sees the same
 * count.
 */
public interface RequestWindowCounter {

    /**
     * Counts one request in the merchant's window starting at {@code windowStart}, unless {@code limit} requests
     * were already counted there; atomic across callers.
     *
     * @param expiresAt when the counter may be deleted (the window is long over)
     * @return true when the request was counted (within the limit)
     */
    boolean countIfBelow(String merchantId, Instant windowStart, int limit, Instant expiresAt);
}
