package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of one channel's messages over a period (docs/analytics.md): sent (the ledger), and the providers'
 * outcomes ({@link NotificationOutcome}). Delivery, bounce and complaint rates are shares of the messages sent;
 * open and click rates shares of the messages delivered (only email reports opens and clicks). A rate is null when
 * nothing was sent (or delivered).
 */
public record NotificationFigures(long sent, long delivered, long bounced, long bouncedPermanent, long bouncedTransient,
                                  long complained, long failed, long opened, long clicked, Double deliveryRate,
                                  Double bounceRate, Double complaintRate, Double openRate, Double clickRate) {

    /** Per channel that sent or heard of anything, by the channel's name. */
    public static Map<String, NotificationFigures> byChannel(Map<String, Long> c) {
        Map<String, NotificationFigures> out = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            long sent = 0;
            long[] kinds = new long[NotificationOutcome.Kind.values().length];
            for (Milestone m : Milestone.values()) {
                sent += c.getOrDefault(Counters.sent(ch, m), 0L);
                for (NotificationOutcome.Kind k : NotificationOutcome.Kind.values()) {
                    kinds[k.ordinal()] += c.getOrDefault(Counters.outcome(k, ch, m), 0L);
                }
            }
            long delivered = kinds[NotificationOutcome.Kind.DELIVERED.ordinal()];
            long permanent = kinds[NotificationOutcome.Kind.BOUNCED_PERMANENT.ordinal()];
            long transientBounces = kinds[NotificationOutcome.Kind.BOUNCED_TRANSIENT.ordinal()];
            long complained = kinds[NotificationOutcome.Kind.COMPLAINED.ordinal()];
            long failed = kinds[NotificationOutcome.Kind.FAILED.ordinal()];
            long opened = kinds[NotificationOutcome.Kind.OPENED.ordinal()];
            long clicked = kinds[NotificationOutcome.Kind.CLICKED.ordinal()];
            long bounced = permanent + transientBounces;
            if (sent + delivered + bounced + complained + failed + opened + clicked == 0) {
                continue;
            }
            out.put(ch.name(), new NotificationFigures(sent, delivered, bounced, permanent, transientBounces,
                    complained, failed, opened, clicked, rate(delivered, sent), rate(bounced, sent),
                    rate(complained, sent), rate(opened, delivered), rate(clicked, delivered)));
        }
        return out;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round((double) part / whole * 10_000) / 10_000.0;
    }
}
