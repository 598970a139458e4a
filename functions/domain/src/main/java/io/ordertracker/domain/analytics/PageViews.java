package io.ordertracker.domain.analytics;

import io.ordertracker.domain.Hashing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts the shopper's visits to an order's tracking page (the WISMO proxy, docs/analytics.md): {@code pageViews}
 * once per order per {@link #WINDOW} (a storm of reloads, or a page left open and revalidated, is one visit), and
 * {@code ordersViewed} once per order, on the day of its first counted view. Only a {@code GET} counts: a
 * {@code HEAD} is a link checker or a mail client's preview, not a shopper. Each count is a {@link Fact} whose id
 * names the order and the window, so the store's marker makes a retried request count nothing more; never a scan.
 */
public final class PageViews {
    /** Views of one order closer together than this are one visit. */
    public static final Duration WINDOW = Duration.ofMinutes(30);

    /** What one request counted. */
    public record Counted(boolean pageView, boolean orderViewed) {
        static final Counted NOTHING = new Counted(false, false);
    }

    private final MerchantFacts facts;
    private final Clock clock;

    public PageViews(MerchantFacts facts, Clock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    /**
     * @param method the request's HTTP method ({@code GET} counts, anything else does not)
     * @throws RuntimeException when the store fails (the caller serves the page anyway)
     */
    public Counted view(String method, String merchantId, String orderNumber) {
        if (!"GET".equalsIgnoreCase(method)) {
            return Counted.NOTHING;
        }
        Instant now = clock.instant();
        if (!facts.record(pageView(merchantId, orderNumber, now))) {
            // this window's visit was counted, so was the order's first view (unless that write failed after it:
            // then the order is counted viewed at its next window's visit)
            return Counted.NOTHING;
        }
        return new Counted(true, facts.record(orderViewed(merchantId, orderNumber, now)));
    }

    static Fact pageView(String merchantId, String orderNumber, Instant at) {
        long window = at.getEpochSecond() / WINDOW.toSeconds();
        return new Fact(merchantId, "VIEW#" + order(orderNumber) + "#" + window, FactRules.day(at), List.of(Fact.DAY),
                Map.of(Counters.PAGE_VIEWS, 1L));
    }

    static Fact orderViewed(String merchantId, String orderNumber, Instant at) {
        return new Fact(merchantId, "VIEWED#" + order(orderNumber), FactRules.day(at), List.of(Fact.DAY),
                Map.of(Counters.ORDERS_VIEWED, 1L));
    }

    private static String order(String orderNumber) {
        return Hashing.sha256Hex(orderNumber);
    }
}
