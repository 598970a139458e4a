package io.ordertracker.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a shopper unsubscribes from one merchant's emails: the preferences page ({@code <base>/u/<token>}, which
 * also takes RFC 8058's one-click POST) and, when the stack's sender domain receives mail for it, a mailto address
 * carrying the token in its subject.
 *
 * @param token   the shopper's {@code UnsubscribeToken} at this merchant
 * @param pageUrl {@code <TRACKING_PAGE_BASE_URL>/u/<token>}
 */
public record UnsubscribeLink(String token, String pageUrl) {

    /** The link for a token under the stack's page base URL; null when there is no base to link to. */
    public static UnsubscribeLink of(String pageBase, String token) {
        if (pageBase == null || pageBase.isBlank() || token == null) {
            return null;
        }
        return new UnsubscribeLink(token, pageBase.replaceAll("/+$", "") + "/u/"
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /**
     * {@code mailto:unsubscribe@<domain>?subject=unsubscribe%20<token>}: the token goes in the subject because an
     * address's local part may hold at most 64 characters (RFC 5321), fewer than a token has.
     */
    public String mailto(String senderDomain) {
        return "mailto:unsubscribe@" + senderDomain + "?subject=unsubscribe%20" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The {@code List-Unsubscribe} header's value (RFC 2369): the https link first, then the mailto. */
    public String listUnsubscribeHeader(String senderDomain) {
        return senderDomain == null ? "<" + pageUrl + ">" : "<" + pageUrl + ">, <" + mailto(senderDomain) + ">";
    }
}
