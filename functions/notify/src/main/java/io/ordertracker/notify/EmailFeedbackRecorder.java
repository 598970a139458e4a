package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.notify.SuppressionList;
import io.ordertracker.lambda.SafeErrors;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SES delivery, bounce and complaint events to the suppression list: hard bounces and complaints suppress the
 * address for good; everything is counted. Idempotent (the list keeps the first reason), so redeliveries are
 * harmless.
 */
public final class EmailFeedbackRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EmailFeedbackRecorder.class);

    private final SuppressionList suppressions;
    private final Clock clock;
    private final Tally tally;

    public EmailFeedbackRecorder(SuppressionList suppressions, Clock clock, Tally tally) {
        this.suppressions = suppressions;
        this.clock = clock;
        this.tally = tally;
    }

    /** @return how many addresses this event newly suppressed */
    public int record(String snsMessage) {
        SesFeedback feedback;
        try {
            feedback = SesFeedback.parse(snsMessage);
        } catch (IllegalArgumentException e) {
            // not an SES event (it never will be): count and drop rather than retry into the DLQ
            LOG.warn("ignoring a message that is not an SES notification: {}", SafeErrors.describe(e), SafeErrors.redacted(e));
            tally.add("EmailFeedback", Map.of("Type", "Malformed"));
            return 0;
        }
        tally.add("EmailFeedback", Map.of("Type", feedback.type()));
        if (!feedback.suppresses()) {
            return 0;
        }
        String reason = feedback.type() + (feedback.bounceType() == null ? "" : ":" + feedback.bounceType());
        int suppressed = 0;
        for (String address : feedback.recipients()) {
            if (suppressions.suppress(Channel.EMAIL, address, reason, clock.instant())) {
                suppressed++;
                tally.add("AddressesSuppressed", Map.of("Type", feedback.type()));
            }
        }
        return suppressed;
    }
}
