package io.ordertracker.domain.analytics;

import java.time.Instant;
import java.util.Locale;

/**
 * A shopper asked the merchant about an order (the WISMO rate's numerator, docs/analytics.md).
 *
 * @param told what the shopper had been told before asking, judged from the order's parcels when it was recorded
 */
public record Inquiry(String inquiryId, String orderNumber, Channel channel, Reason reason, Told told,
                     Instant receivedAt) {

    /** Where the shopper asked. */
    public enum Channel {
        EMAIL, PHONE, CHAT, SOCIAL, OTHER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the shopper asked about. */
    public enum Reason {
        WHERE_IS_MY_ORDER, DELIVERY_PROBLEM, RETURN, OTHER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the shopper had been told before asking. */
    public enum Told {
        NOTHING, DELAY_NOTICE, EXCEPTION_NOTICE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The enum constant whose wire name is {@code text}, or null. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return e;
            }
        }
        return null;
    }
}
