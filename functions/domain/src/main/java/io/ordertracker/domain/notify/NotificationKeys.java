package io.ordertracker.domain.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;

/** The identity of one message, ever: the ledger key that the conditional put claims before sending. */
public final class NotificationKeys {
    /** The subject of order-level milestones (ORDER_CONFIRMED), in place of a shipment id. */
    public static final String ORDER_SUBJECT = "ORDER";

    private NotificationKeys() {
    }

    public static String key(String merchantId, String orderNumber, String shipmentIdOrOrder, Milestone milestone,
                             String episode, Channel channel) {
        return merchantId + "#" + orderNumber + "#" + shipmentIdOrOrder + "#" + milestone
                + (episode == null || episode.isEmpty() ? "" : "#" + episode) + "#" + channel;
    }
}
