package io.ordertracker.local.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Every email (SES SendEmail / SendRawEmail) and SMS (SNS Publish to a phone number) the functions sent through
 * moto, newest first. Order number, tracking number and milestone come from the SES message tags or SNS message
 * attributes named {@code orderNumber}, {@code trackingNumber}, {@code milestone} when the sender sets them, else
 * they are looked for in the text.
 */
public final class Outbox {
    private static final Pattern ORDER = Pattern.compile("(?i)order\\s*(?:number|no\\.?|#)?\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9_-]{2,63})");
    private static final Pattern TRACKING = Pattern.compile("(?i)tracking\\s*(?:number|no\\.?|#)?\\s*[:#]?\\s*([A-Z0-9]{8,40})");

    /**
     * One sent message; {@code html} is null for SMS and text-only emails. {@code sentAt} is simulated time,
     * {@code sentAtRealMillis} the wall clock (for latency). {@code headers}: an email's headers as sent (raw MIME:
     * From, To, Reply-To, Subject decoded, List-Unsubscribe, List-Unsubscribe-Post, Content-Language, ...; for a
     * SendEmail only what the request names), empty for SMS; {@code language}: its Content-Language, or null;
     * {@code messageId}: the provider's id (moto's answer), {@code tags}: the SES message tags (SNS message attributes
     * for SMS), {@code configurationSet}: the SES configuration set it was sent with, or null.
     */
    public record Message(String channel, String to, String from, String subject, String text, String html,
                         String orderNumber, String trackingNumber, String shipmentId, String milestone, String episode,
                         Instant sentAt,
                         long sentAtRealMillis, Map<String, String> headers, String language, String messageId,
                         Map<String, String> tags, String configurationSet) {
    }

    /** The headers the outbox shows first, in this order; the rest follow as sent. */
    public static final List<String> KEY_HEADERS = List.of("From", "To", "Reply-To", "Subject", "List-Unsubscribe",
            "List-Unsubscribe-Post", "Content-Language");

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile java.util.function.BiFunction<String, String[], String> trackingLookup = (k, v) -> null;
    private volatile java.util.function.Consumer<Message> onSent = m -> { };

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** How to find a shipment's tracking number from (merchantId, orderNumber, shipmentId) of a queued job. */
    void trackingLookup(java.util.function.BiFunction<String, String[], String> lookup) {
        this.trackingLookup = lookup;
    }

    /** Told of every message once it is in the outbox (the local runtime's SES event and SMS status emulation). */
    void onSent(java.util.function.Consumer<Message> listener) {
        this.onSent = listener;
    }

    /** The message the provider gave this id, if it is in the outbox. */
    public java.util.Optional<Message> byMessageId(String messageId) {
        return messages.stream().filter(m -> messageId != null && messageId.equals(m.messageId())).findFirst();
    }

    /** Newest first. */
    public List<Message> messages() {
        List<Message> out = new ArrayList<>(messages);
        java.util.Collections.reverse(out);
        return out;
    }

    public void clear() {
        messages.clear();
    }

    /** Copies a sent email or SMS to the outbox; returns it (null if the call sent no message). */
    Message record(String service, String operation, SdkRequest request) {
        return record(service, operation, request, null);
    }

    /** {@link #record(String, String, SdkRequest)} with the provider's answer (its message id). */
    Message record(String service, String operation, SdkRequest request, Object response) {
        Message m = recordRequest(service, operation, request);
        if (m == null) {
            return null;
        }
        String messageId = str(field(response, "MessageId"));
        String configurationSet = str(field(request, "ConfigurationSetName"));
        Map<String, String> tags = m.channel().equals("email")
                ? tags(field(request, "Tags", List.class)) : Map.of();
        if (m.channel().equals("email") && tags.isEmpty()) {
            tags = tags(field(request, "EmailTags", List.class));
        }
        Message full = new Message(m.channel(), m.to(), m.from(), m.subject(), m.text(), m.html(), m.orderNumber(),
                m.trackingNumber(), m.shipmentId(), m.milestone(), m.episode(), m.sentAt(), m.sentAtRealMillis(),
                m.headers(), m.language(), messageId, Map.copyOf(tags), configurationSet);
        messages.set(messages.lastIndexOf(m), full);
        try {
            onSent.accept(full);
        } catch (RuntimeException e) {
            System.err.println("local runtime: could not emulate the provider's events of a message: " + e);
        }
        return full;
    }

    private Message recordRequest(String service, String operation, SdkRequest request) {
        return switch (service.toUpperCase(java.util.Locale.ROOT) + ":" + operation) {
            case "SES:SendEmail" -> recordEmail(request);
            case "SES:SendRawEmail" -> recordRawEmail(request);
            case "SESV2:SendEmail" -> recordEmailV2(request);
            case "SNS:Publish" -> recordSms(request);
            default -> null;
        };
    }

    private Message recordEmail(SdkRequest request) {
        List<?> to = field(field(request, "Destination"), "ToAddresses", List.class);
        Object message = field(request, "Message");
        String subject = data(field(message, "Subject"));
        Object body = field(message, "Body");
        String text = data(field(body, "Text"));
        String html = data(field(body, "Html"));
        Map<String, String> tags = tags(field(request, "Tags", List.class));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        putIfNotNull(headers, "From", str(field(request, "Source")));
        putIfNotNull(headers, "To", join(to));
        putIfNotNull(headers, "Reply-To", join(field(request, "ReplyToAddresses", List.class)));
        putIfNotNull(headers, "Subject", subject);
        return add("email", join(to), str(field(request, "Source")), subject, text == null ? stripTags(html) : text, html,
                tags, headers);
    }

    private Message recordEmailV2(SdkRequest request) {
        List<?> to = field(field(request, "Destination"), "ToAddresses", List.class);
        Object simple = field(field(request, "Content"), "Simple");
        String subject = data(field(simple, "Subject"));
        Object body = field(simple, "Body");
        String text = data(field(body, "Text"));
        String html = data(field(body, "Html"));
        Map<String, String> tags = tags(field(request, "EmailTags", List.class));
        return add("email", join(to), str(field(request, "FromEmailAddress")), subject,
                text == null ? stripTags(html) : text, html, tags, Map.of());
    }

    private Message recordRawEmail(SdkRequest request) {
        SdkBytes raw = field(field(request, "RawMessage"), "Data", SdkBytes.class);
        var email = io.ordertracker.local.emulators.RawEmails.read("", raw == null ? "" : raw.asString(StandardCharsets.UTF_8));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : KEY_HEADERS) {
            putIfNotNull(headers, name, email.path("headers").path(name).asText(null));
        }
        email.path("headers").fields().forEachRemaining(h -> headers.putIfAbsent(h.getKey(), h.getValue().asText()));
        String to = email.path("destinations").path("ToAddresses").isEmpty() ? headers.get("To")
                : email.path("destinations").path("ToAddresses").get(0).asText();
        String html = email.path("html").asText(null);
        String text = email.path("text").asText(null);
        return add("email", to, headers.get("From"), email.path("subject").asText(null),
                text == null ? stripTags(html) : text, html, tags(field(request, "Tags", List.class)), headers);
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private Message recordSms(SdkRequest request) {
        String phone = str(field(request, "PhoneNumber"));
        if (phone == null) {
            return null; // a topic publish, not an SMS
        }
        Map<String, String> attributes = new java.util.HashMap<>();
        Map<?, ?> raw = field(request, "MessageAttributes", Map.class);
        if (raw != null) {
            raw.forEach((k, v) -> attributes.put(String.valueOf(k), str(field(v, "StringValue"))));
        }
        return add("sms", phone, null, null, str(field(request, "Message")), null, attributes, Map.of());
    }

    private Message add(String channel, String to, String from, String subject, String text, String html,
                     Map<String, String> tagged, Map<String, String> headers) {
        String all = (subject == null ? "" : subject) + "\n" + (text == null ? "" : text);
        Map<String, String> meta = new java.util.HashMap<>(tagged);
        if (!meta.containsKey("milestone")) {
            LocalFunction.takeLedgerClaim(channel).ifPresent(claim -> {
                claim.forEach(meta::putIfAbsent);
                if (claim.containsKey("shipmentId") && !meta.containsKey("trackingNumber")) {
                    String tracking = trackingLookup.apply("tracking", new String[] {
                            claim.get("merchantId"), claim.get("orderNumber"), claim.get("shipmentId")});
                    if (tracking != null) {
                        meta.put("trackingNumber", tracking);
                    }
                }
            });
        }
        if (!meta.containsKey("milestone")) {
            // The job this message came from (a queued {milestone, orderNumber, shipmentId, channel, ...}).
            LocalFunction.claimRecordBody(job -> job.hasNonNull("milestone")
                    && (!job.hasNonNull("channel") || job.get("channel").asText().equalsIgnoreCase(channel))
                    && (!job.hasNonNull("orderNumber") || all.contains(job.get("orderNumber").asText())))
                    .ifPresent(job -> {
                        meta.put("milestone", job.get("milestone").asText());
                        putText(meta, "orderNumber", job);
                        putText(meta, "episode", job);
                        putText(meta, "shipmentId", job);
                        if (job.hasNonNull("shipmentId") && !meta.containsKey("trackingNumber")) {
                            String tracking = trackingLookup.apply("tracking", new String[] {
                                    text(job, "merchantId"), text(job, "orderNumber"), text(job, "shipmentId")});
                            if (tracking != null) {
                                meta.put("trackingNumber", tracking);
                            }
                        }
                    });
        }
        Message message = new Message(channel, to, from, subject, text, html,
                meta.getOrDefault("orderNumber", find(ORDER, all)),
                meta.getOrDefault("trackingNumber", find(TRACKING, all)),
                meta.get("shipmentId"), meta.get("milestone"), meta.get("episode"), clock.instant(), System.currentTimeMillis(),
                Map.copyOf(headers), headers.get("Content-Language"), null, Map.of(), null);
        messages.add(message);
        return message;
    }

    private static void putText(Map<String, String> meta, String field, com.fasterxml.jackson.databind.JsonNode job) {
        if (job.hasNonNull(field)) {
            meta.put(field, job.get(field).asText());
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode job, String field) {
        return job.hasNonNull(field) ? job.get(field).asText() : null;
    }

    private static Map<String, String> tags(List<?> tags) {
        Map<String, String> out = new java.util.HashMap<>();
        if (tags != null) {
            for (Object tag : tags) {
                String name = str(field(tag, "Name"));
                if (name != null) {
                    out.put(name, str(field(tag, "Value")));
                }
            }
        }
        return out;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String header(String mime, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*)$").matcher(mime);
        return m.find() ? m.group(1).trim() : null;
    }

    private static String stripTags(String html) {
        return html == null ? null : html.replaceAll("(?s)<style.*?</style>", "").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").trim();
    }

    private static String data(Object content) {
        return str(field(content, "Data"));
    }

    private static String join(Collection<?> values) {
        return values == null ? null : String.join(", ", values.stream().map(String::valueOf).toList());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Object field(Object pojo, String name) {
        return field(pojo, name, Object.class);
    }

    /** Reads a field of any SDK model object by its wire name, so no SES/SNS model class is needed here. */
    private static <T> T field(Object pojo, String name, Class<T> type) {
        if (pojo instanceof SdkPojo p) {
            for (var f : p.sdkFields()) {
                if (f.memberName().equals(name)) {
                    Object v = f.getValueOrDefault(pojo);
                    return type.isInstance(v) ? type.cast(v) : null;
                }
            }
        }
        return null;
    }
}
