package io.ordertracker.domain.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a stall found by our records ({@link DelayAndStallRules}) may be told to the shopper: only once a poll that the
 * carrier ANSWERED after we asked for a confirming poll still showed no new scan. Silence by our records may just
 * mean we have not asked (the cadence lets a long-haul parcel sleep up to two days), and a poll that failed (carrier
 * 5xx, timeouts, an outage) or has not run yet says nothing about the parcel: until an answer came, we wait and ask
 * again. A new scan that the answer brought makes {@link DelayAndStallRules} see no stall at all, so an answer after
 * the request while the rules still see a stall is the carrier confirming it.
 *
 * <p>The asking is bounded: after {@link #STOP_ASKING_AFTER} without any answer the rule stops moving the poll
 * forward (the carrier is down for this parcel: the operator sees it through the CarrierErrors alarms, and the
 * shopper is not told a stall we could not confirm); the request stays, so the first answer that comes later, if it
 * still shows no new scan, confirms the stall then.
 */
public final class StallConfirmation {
    /** How long a confirming poll is given before it is asked for again (the planner runs every 5 minutes). */
    public static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(45);
    /** How long we keep moving the poll forward without any answer from the carrier. */
    public static final Duration STOP_ASKING_AFTER = Duration.ofHours(6);

    /** What the pass does about the stall and the confirming-poll request. */
    public enum Step {
        /** no stall to confirm (none seen, or already raised); nothing requested */
        NOTHING,
        /** a stall seen for the first time: ask for a poll now and remember when */
        REQUEST,
        /** asked, no answer yet, still within its time: wait */
        WAIT,
        /** asked, no answer for {@link #ASK_AGAIN_AFTER}: move the poll to now again (the request time stays) */
        ASK_AGAIN,
        /** asked for {@link #STOP_ASKING_AFTER} without any answer: keep the request, stop moving the poll */
        UNANSWERED,
        /** an answer after the request still shows no new scan: raise the stall, forget the request */
        CONFIRMED,
        /** the stall is gone (a new scan) or already raised: forget the request */
        CLEAR;

        /** Whether the shopper may be told of the stall now. */
        public boolean raisesStall() {
            return this == CONFIRMED;
        }
    }

    private final Clock clock;

    public StallConfirmation(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param stallSeen        {@link DelayAndStallRules} sees a stall that is not raised yet
     * @param checkRequestedAt when a confirming poll was asked for, or null
     * @param lastAnsweredAt   when the carrier last answered a poll about the parcel (tracking details or "not
     *                         found"; a failed poll does not count), or null
     */
    public Step decide(boolean stallSeen, Instant checkRequestedAt, Instant lastAnsweredAt) {
        if (!stallSeen) {
            return checkRequestedAt == null ? Step.NOTHING : Step.CLEAR;
        }
        if (checkRequestedAt == null) {
            return Step.REQUEST;
        }
        if (lastAnsweredAt != null && !lastAnsweredAt.isBefore(checkRequestedAt)) {
            return Step.CONFIRMED;
        }
        Instant now = clock.instant();
        if (!now.isBefore(checkRequestedAt.plus(STOP_ASKING_AFTER))) {
            return Step.UNANSWERED;
        }
        return now.isBefore(checkRequestedAt.plus(ASK_AGAIN_AFTER)) ? Step.WAIT : Step.ASK_AGAIN;
    }
}
