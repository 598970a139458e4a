package io.ordertracker.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An SES notification as it arrives on the bounce/complaint topic: identity notifications say
 * {@code notificationType}, configuration-set event publishing says {@code eventType}; both carry the same
 * {@code bounce} / {@code complaint} objects. Hard (Permanent) bounces and every complaint suppress the address;
 * transient bounces (mailbox full) and deliveries only count.
 */
public record SesFeedback(String type, String bounceType, List<String> recipients, boolean suppresses) {

    public static SesFeedback parse(String snsMessage) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(snsMessage);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an SES notification", e);
        }
        String type = root.path("eventType").asText(root.path("notificationType").asText(""));
        List<String> recipients = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                String bounceType = root.path("bounce").path("bounceType").asText("");
                root.path("bounce").path("bouncedRecipients").forEach(r -> recipients.add(address(r.path("emailAddress").asText())));
                return new SesFeedback(type, bounceType, recipients, "Permanent".equals(bounceType));
            }
            case "Complaint" -> {
                root.path("complaint").path("complainedRecipients").forEach(r -> recipients.add(address(r.path("emailAddress").asText())));
                return new SesFeedback(type, null, recipients, true);
            }
            default -> {
                root.path("mail").path("destination").forEach(r -> recipients.add(r.asText()));
                return new SesFeedback(type.isEmpty() ? "Unknown" : type, null, recipients, false);
            }
        }
    }

    /** SES may report a recipient as {@code "Name" <addr>}: the list is keyed by the bare address. */
    static String address(String raw) {
        int open = raw.lastIndexOf('<');
        int close = raw.lastIndexOf('>');
        return open >= 0 && close > open ? raw.substring(open + 1, close).trim() : raw.trim();
    }
}
