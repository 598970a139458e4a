package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.ShipmentStatus;

/**
 * The status icons: fixed inline SVG (no image requests, nothing for the CSP to allow). These constants are the
 * only markup the templates insert unescaped; no merchant or carrier text ever reaches them. Each is decorative
 * ({@code aria-hidden}): the status is always also written out in words beside it.
 */
final class Icons {
    private static final String OPEN = "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"28\" height=\"28\" "
            + "aria-hidden=\"true\" focusable=\"false\"><path fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
            + "stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"";
    private static final String CLOSE = "\"/></svg>";

    static final String CHECK = OPEN + "M4 12.5l5 5L20 6.5" + CLOSE;
    static final String BOX = OPEN + "M3 7.5L12 3l9 4.5v9L12 21l-9-4.5zM3 7.5l9 4.5 9-4.5M12 12v9" + CLOSE;
    static final String TRUCK = OPEN + "M2 6h11v10H2zM13 10h4l4 4v2h-8zM6 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM17 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z" + CLOSE;
    static final String PIN = OPEN + "M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z" + CLOSE;
    static final String ALERT = OPEN + "M12 3L2 20h20zM12 10v4M12 17h.01" + CLOSE;
    static final String RETURN = OPEN + "M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" + CLOSE;
    static final String CLOCK = OPEN + "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 3" + CLOSE;
    static final String STOP = OPEN + "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8" + CLOSE;

    private Icons() {
    }

    static String forStatus(ShipmentStatus status) {
        return switch (status) {
            case DELIVERED -> CHECK;
            case PENDING, INFO_RECEIVED -> BOX;
            case IN_TRANSIT, OUT_FOR_DELIVERY -> TRUCK;
            case AVAILABLE_FOR_PICKUP -> PIN;
            case DELIVERY_ATTEMPTED, EXCEPTION, FAILED -> ALERT;
            case RETURNING_TO_SENDER, RETURNED_TO_SENDER -> RETURN;
            case UNKNOWN -> CLOCK;
            case CANCELLED, EXPIRED -> STOP;
        };
    }
}
