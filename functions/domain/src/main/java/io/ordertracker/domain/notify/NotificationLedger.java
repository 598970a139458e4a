package io.ordertracker.domain.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry per message, ever: claimed before the send, marked sent (or skipped) after.
 * <ul>
 *   <li>A duplicate (stream record delivered twice, SQS redelivery) finds SENT or SKIPPED and does nothing.</li>
 *   <li>A crash between claim and send leaves CLAIMED; once the claim's lease has run out (longer than any
 *       invocation can last) the retry takes the claim over and sends. While the lease runs, a concurrent copy is
 *       told IN_FLIGHT and retried later, so two copies never send at the same time.</li>
 * </ul>
 * The window that cannot be closed without the provider's help is a crash after the provider accepted the
 * message and before {@link #markSent}: the retry then sends again (at-least-once at that one point).
 */
public interface NotificationLedger {

    enum Claim { CLAIMED, ALREADY_DONE, IN_FLIGHT }

    enum State { CLAIMED, SENT, SKIPPED }

    /** @param token the claim's holder token, set when {@code claim} is CLAIMED */
    record ClaimResult(Claim claim, String token) {
    }

    /**
     * Claims the right to send {@code job}: succeeds if nobody claimed it, or if a previous claim was abandoned
     * (its lease ran out without SENT).
     */
    ClaimResult claim(NotificationJob job, Instant now);

    /** Records the provider's message id; only the holder of the claim may. */
    void markSent(NotificationJob job, String token, String providerMessageId, Instant now);

    /** Closes a claimed entry without sending (suppressed, opted out). */
    void markSkipped(NotificationJob job, String token, String why, Instant now);

    /** Gives a claim back (the provider refused the message, nothing was sent): the retry may claim at once. */
    void release(NotificationJob job, String token);

    /** The entry's state; empty when there is none. */
    Optional<State> state(NotificationJob job);

    /**
     * Makes the entries of one order unreadable (an erasure): what names the order or the message at the provider
     * is hashed or removed; state and timestamps stay, so a redelivered job still finds its message told.
     *
     * @return how many entries were scrubbed
     */
    int scrubOrder(String merchantId, String orderNumber, Instant now);
}
