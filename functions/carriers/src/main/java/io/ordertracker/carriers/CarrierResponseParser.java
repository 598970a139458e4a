package io.ordertracker.carriers;

import java.util.List;

/**
 * Turns one raw carrier response body into canonical results, without any HTTP. Used by the adapters and by
 * {@code ./tracker normalize}. Never throws: an unreadable body becomes a Failure.
 */
public interface CarrierResponseParser {

    /**
     * @param body       the response body as returned by the carrier
     * @param httpStatus the HTTP status it came with (use 200 when unknown, e.g. a saved file)
     * @return one result per tracking result found in the body; failures whose body does not name the number carry a
     *         null tracking number
     */
    List<CarrierTrackingResult> parse(String body, int httpStatus);
}
