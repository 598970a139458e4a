package io.ordertracker.carriers;

/**
 * Why a carrier could not tell us about a number. Kept distinct so callers can tell "the carrier has never heard of
 * it" (NOT_FOUND) from "the carrier is down" (UNAVAILABLE): only the latter is an outage.
 */
public enum FailureKind {
    /** The carrier does not know the number (yet). */
    NOT_FOUND,
    /** The number is malformed for this carrier; retrying will never help. */
    INVALID,
    /** Our credentials were refused; retrying will not help until they are fixed. */
    AUTH,
    /** The carrier asked us to slow down; see {@code retryAfter}. */
    RATE_LIMITED,
    /** 5xx, timeouts, open circuit, unreadable bodies: try again later. */
    UNAVAILABLE,
    /** An error body we could not classify. */
    UNKNOWN;

    /** The lower-case name used on the wire ({@code not_found}, ...). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
