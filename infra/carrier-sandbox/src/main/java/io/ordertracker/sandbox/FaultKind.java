package io.ordertracker.sandbox;

/** Misbehaviour the sandbox can inject into a carrier's tracking endpoint. */
public enum FaultKind {
    /** HTTP 500 with the carrier's own error body. */
    SERVER_ERROR,
    /** HTTP 429 with a Retry-After header (seconds). */
    RATE_LIMIT,
    /** The real answer, but only after a delay (longer than a client's timeout). */
    SLOW,
    /** HTTP 200 with the real body cut off halfway. */
    TRUNCATED,
    /** HTTP 200 with a body that is not JSON at all (an HTML error page from a proxy). */
    GARBAGE,
    /** Every access token issued so far stops being valid (OAuth carriers); the next call gets the carrier's 401. */
    EXPIRED_TOKEN
}
