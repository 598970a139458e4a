package io.ordertracker.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.NotificationOutcome;
import io.ordertracker.domain.analytics.NotificationOutcome.Kind;
import io.ordertracker.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The providers' reports of what became of a message, read as {@link NotificationOutcome}s:
 * <ul>
 * <li>SES event publishing (the configuration set's SNS destination): {@code eventType} Delivery, Bounce
 * ({@code bounce.bounceType} Permanent, else transient), Complaint, Open, Click; whose message it was comes from the
 * message tags the email sender set ({@link MessageTags}). Events without them (identity notifications, Send,
 * Reject, Rendering Failure, emails sent before the tags) are not outcomes.</li>
 * <li>SNS SMS delivery-status logs, as a CloudWatch Logs subscription delivers them ({@code awslogs.data}: base64 of
 * gzipped JSON whose {@code logEvents[].message} is one status record): {@code notification.messageId} and
 * {@code status} SUCCESS or FAILURE; whose message it was is looked up by the SMS sender's record of the id.</li>
 * </ul>
 */
public final class OutcomeEvents {
    /** SNS writes {@code notification.timestamp} as {@code 2016-06-28 00:40:34.558} (UTC). */
    private static final DateTimeFormatter SNS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private OutcomeEvents() {
    }

    /** One SMS delivery-status record: the SNS message id, whether the carrier accepted it, and when. */
    public record SmsStatus(String messageId, boolean delivered, Instant at) {
    }

    /** An SES event (the SNS message's body); empty when it is not an outcome of a tagged message. */
    public static Optional<NotificationOutcome> ses(String snsMessage) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(snsMessage);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an SES event: " + e.getMessage(), e);
        }
        String type = root.path("eventType").asText("");
        Kind kind = switch (type) {
            case "Delivery" -> Kind.DELIVERED;
            case "Bounce" -> "Permanent".equals(root.path("bounce").path("bounceType").asText())
                    ? Kind.BOUNCED_PERMANENT : Kind.BOUNCED_TRANSIENT;
            case "Complaint" -> Kind.COMPLAINED;
            case "Open" -> Kind.OPENED;
            case "Click" -> Kind.CLICKED;
            default -> null;
        };
        JsonNode mail = root.path("mail");
        Map<String, List<String>> tags = mail.has("tags")
                ? Json.MAPPER.convertValue(mail.get("tags"), new TypeReference<Map<String, List<String>>>() { })
                : Map.of();
        Optional<String> merchant = MessageTags.first(tags, MessageTags.MERCHANT);
        Optional<Milestone> milestone = MessageTags.first(tags, MessageTags.MILESTONE).flatMap(OutcomeEvents::milestone);
        String messageId = mail.path("messageId").asText("");
        if (kind == null || merchant.isEmpty() || milestone.isEmpty() || messageId.isEmpty()
                || !"EMAIL".equals(MessageTags.first(tags, MessageTags.CHANNEL).orElse("EMAIL"))) {
            return Optional.empty();
        }
        String section = switch (kind) {
            case DELIVERED -> "delivery";
            case BOUNCED_PERMANENT, BOUNCED_TRANSIENT -> "bounce";
            case COMPLAINED -> "complaint";
            case OPENED -> "open";
            default -> "click";
        };
        Instant at = instant(root.path(section).path("timestamp").asText(null))
                .or(() -> instant(mail.path("timestamp").asText(null)))
                .orElseThrow(() -> new IllegalArgumentException("an SES event without a timestamp"));
        return Optional.of(new NotificationOutcome(merchant.get(), Channel.EMAIL, milestone.get(), messageId, kind, at));
    }

    /**
     * The status records of one CloudWatch Logs subscription delivery ({@code awslogs.data}); control messages
     * (CloudWatch checking the destination) have none. A log line that is not a status record is skipped.
     */
    public static List<SmsStatus> smsStatuses(String awslogsData) {
        JsonNode root;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(awslogsData)))) {
            root = Json.MAPPER.readTree(in);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("awslogs.data is not base64 of gzipped JSON", e);
        }
        List<SmsStatus> out = new ArrayList<>();
        if (!"DATA_MESSAGE".equals(root.path("messageType").asText())) {
            return out;
        }
        for (JsonNode event : root.path("logEvents")) {
            smsStatus(event.path("message").asText(""), event.path("timestamp").asLong(0)).ifPresent(out::add);
        }
        return out;
    }

    static Optional<SmsStatus> smsStatus(String logLine, long logTimestampMillis) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(logLine);
        } catch (IOException e) {
            return Optional.empty();
        }
        String messageId = record.path("notification").path("messageId").asText("");
        String status = record.path("status").asText("");
        if (messageId.isEmpty() || !(status.equals("SUCCESS") || status.equals("FAILURE"))) {
            return Optional.empty();
        }
        Instant at = snsTime(record.path("notification").path("timestamp").asText(null))
                .orElse(Instant.ofEpochMilli(logTimestampMillis));
        return Optional.of(new SmsStatus(messageId, status.equals("SUCCESS"), at));
    }

    /** The outcome of an SMS status, given whose message it was (the SMS sender's record of the id). */
    public static NotificationOutcome outcome(SmsStatus status, String merchantId, Milestone milestone) {
        return new NotificationOutcome(merchantId, Channel.SMS, milestone, status.messageId(),
                status.delivered() ? Kind.DELIVERED : Kind.FAILED, status.at());
    }

    private static Optional<Milestone> milestone(String name) {
        try {
            return Optional.of(Milestone.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String iso) {
        try {
            return iso == null || iso.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> snsTime(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, SNS_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return instant(text);
        }
    }

    /** Gzips and base64-encodes a logs payload the way CloudWatch Logs delivers it (tests, the local runtime). */
    public static String awslogsData(String json) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
