package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What SES and SNS report after a send, which moto does not: for an email sent with a configuration set, SES event
 * publishing (Delivery; Bounce for {@code bounce@simulator.amazonses.com}, Delivery then Complaint for
 * {@code complaint@simulator.amazonses.com}, as SES's mailbox simulator does) published on moto to the topic of each
 * {@code AWS::SES::ConfigurationSetEventDestination} that matches the event type, so it reaches the functions
 * subscribed to it as the template wires them; for a text, SNS's delivery-status log record (SUCCESS) handed to the
 * function of each {@code AWS::Logs::SubscriptionFilter} on the {@code DirectPublishToPhoneNumber} log group, as an
 * {@code awslogs} event, once the SMS sender has recorded the message id (the record the outcome is looked up by).
 * Opens and clicks happen when a person asks ({@code POST /_local/outbox/{messageId}/open|click}).
 */
final class ProviderEvents implements AutoCloseable {
    static final DateTimeFormatter SNS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** How long (real time) a text's status waits for the SMS sender's record of its id before it is logged anyway. */
    private static final long SMS_RECORD_WAIT_MILLIS = 10_000;

    private record Destination(String configurationSet, List<String> types, String topicArn) {
    }

    private record LogSubscription(boolean failureGroup, String logGroup, LocalFunction function) {
    }

    private final List<Destination> destinations = new ArrayList<>();
    private final List<LogSubscription> logSubscriptions = new ArrayList<>();
    private final SnsClient sns;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ProviderEvents(SamTemplate template, LocalResources resources, Map<String, LocalFunction> functions, SnsClient sns,
                   DynamoDbClient dynamo, String table, Clock clock, Consumer<String> warn) {
        this.sns = sns;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        template.resourcesOfType("AWS::SES::ConfigurationSetEventDestination").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            JsonNode d = p.path("EventDestination");
            if (!d.path("Enabled").asBoolean(true) || !d.has("SnsDestination")) {
                return;
            }
            try {
                List<String> types = new ArrayList<>();
                d.path("MatchingEventTypes").forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
                destinations.add(new Destination(resources.resolve(p.get("ConfigurationSetName")), types,
                        resources.resolve(d.path("SnsDestination").get("TopicARN"))));
            } catch (RuntimeException e) {
                warn.accept(id + ": SES events not emulated locally: " + e.getMessage());
            }
        });
        template.resourcesOfType("AWS::Logs::SubscriptionFilter").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            LocalFunction f = functions.get(HttpRoutes.refTarget(p.get("DestinationArn")));
            String groupId = HttpRoutes.refTarget(p.get("LogGroupName"));
            JsonNode groupName = groupId == null ? p.get("LogGroupName")
                    : template.resources().get(groupId).path("Properties").get("LogGroupName");
            String name = groupName == null ? "" : groupName.toString();
            if (f != null && name.contains("DirectPublishToPhoneNumber")) {
                logSubscriptions.add(new LogSubscription(name.contains("DirectPublishToPhoneNumber/Failure"),
                        name, f));
            }
        });
    }

    /** Emulates what the provider reports of a message just sent (asynchronously, as the providers do). */
    void sent(Outbox.Message m) {
        if (m.messageId() == null) {
            return;
        }
        if (m.channel().equals("email") && m.configurationSet() != null) {
            String to = m.to() == null ? "" : m.to().toLowerCase(Locale.ROOT);
            executor.submit(() -> {
                if (to.contains("bounce@simulator.amazonses.com")) {
                    publish(m, "Bounce");
                } else {
                    publish(m, "Delivery");
                    if (to.contains("complaint@simulator.amazonses.com")) {
                        publish(m, "Complaint");
                    }
                }
            });
        } else if (m.channel().equals("sms") && !logSubscriptions.isEmpty()) {
            executor.submit(() -> logSmsStatus(m, true));
        }
    }

    /**
     * A shopper opened the email or clicked its tracking link: the configuration set's Open or Click event.
     *
     * @return false when the message is no email sent with a configuration set (nothing to report)
     */
    boolean engaged(Outbox.Message m, String type) {
        if (!m.channel().equals("email") || m.configurationSet() == null || m.messageId() == null) {
            return false;
        }
        executor.submit(() -> publish(m, type));
        return true;
    }

    private void publish(Outbox.Message m, String type) {
        for (Destination d : destinations) {
            if (d.configurationSet().equals(m.configurationSet()) && d.types().contains(type.toLowerCase(Locale.ROOT))) {
                try {
                    sns.publish(b -> b.topicArn(d.topicArn()).message(sesEvent(m, type, clock.instant()).toString()));
                } catch (RuntimeException e) {
                    System.err.println("local runtime: could not publish the SES " + type + " event: " + e);
                }
            }
        }
    }

    /** The SES event publishing JSON (docs: "Contents of event data that Amazon SES publishes to Amazon SNS"). */
    static ObjectNode sesEvent(Outbox.Message m, String type, Instant at) {
        ObjectNode e = EventCodec.MAPPER.createObjectNode();
        e.put("eventType", type);
        ObjectNode mail = e.putObject("mail");
        mail.put("timestamp", m.sentAt().toString());
        mail.put("source", m.from());
        mail.put("sendingAccountId", LocalResources.ACCOUNT);
        mail.put("messageId", m.messageId());
        mail.putArray("destination").add(m.to());
        mail.put("headersTruncated", false);
        ObjectNode tags = mail.putObject("tags");
        tags.putArray("ses:configuration-set").add(m.configurationSet());
        m.tags().forEach((k, v) -> tags.putArray(k).add(v));
        ObjectNode common = mail.putObject("commonHeaders");
        common.putArray("from").add(m.from());
        common.putArray("to").add(m.to());
        common.put("subject", m.subject());
        switch (type) {
            case "Delivery" -> {
                ObjectNode d = e.putObject("delivery");
                d.put("timestamp", at.toString());
                d.put("processingTimeMillis", 500);
                d.putArray("recipients").add(m.to());
                d.put("smtpResponse", "250 2.6.0 Message received");
                d.put("reportingMTA", "local.smtp-out.amazonses.com");
            }
            case "Bounce" -> {
                ObjectNode b = e.putObject("bounce");
                b.put("bounceType", "Permanent");
                b.put("bounceSubType", "General");
                b.putArray("bouncedRecipients").addObject().put("emailAddress", m.to()).put("action", "failed")
                        .put("status", "5.1.1").put("diagnosticCode", "smtp; 550 5.1.1 user unknown");
                b.put("timestamp", at.toString());
                b.put("feedbackId", "local-" + m.messageId());
            }
            case "Complaint" -> {
                ObjectNode c = e.putObject("complaint");
                c.putArray("complainedRecipients").addObject().put("emailAddress", m.to());
                c.put("timestamp", at.toString());
                c.put("feedbackId", "local-" + m.messageId());
                c.put("complaintFeedbackType", "abuse");
            }
            case "Open" -> e.putObject("open").put("timestamp", at.toString()).put("ipAddress", "127.0.0.1")
                    .put("userAgent", "local runtime");
            default -> e.putObject("click").put("timestamp", at.toString()).put("ipAddress", "127.0.0.1")
                    .put("userAgent", "local runtime").put("link", firstLink(m.html()));
        }
        return e;
    }

    private static String firstLink(String html) {
        var matcher = java.util.regex.Pattern.compile("href=\"(https?://[^\"]+)\"").matcher(html == null ? "" : html);
        return matcher.find() ? matcher.group(1) : "";
    }

    private void logSmsStatus(Outbox.Message m, boolean delivered) {
        awaitSmsRecord(m.messageId());
        ObjectNode status = EventCodec.MAPPER.createObjectNode();
        status.putObject("notification").put("messageId", m.messageId()).put("timestamp", SNS_TIME.format(clock.instant()));
        status.putObject("delivery").put("destination", m.to()).put("smsType", "Transactional")
                .put("providerResponse", delivered ? "Message has been accepted by phone carrier" : "Phone is currently unreachable/unavailable")
                .put("numberOfMessageParts", 1);
        status.put("status", delivered ? "SUCCESS" : "FAILURE");
        for (LogSubscription s : logSubscriptions) {
            if (s.failureGroup() == !delivered) {
                ObjectNode payload = EventCodec.MAPPER.createObjectNode();
                payload.put("messageType", "DATA_MESSAGE");
                payload.put("owner", LocalResources.ACCOUNT);
                payload.put("logGroup", s.logGroup());
                payload.put("logStream", "local");
                payload.putArray("subscriptionFilters").add("local");
                ArrayNode events = payload.putArray("logEvents");
                events.addObject().put("id", m.messageId()).put("timestamp", clock.millis()).put("message", status.toString());
                ObjectNode event = EventCodec.MAPPER.createObjectNode();
                event.putObject("awslogs").put("data", gzipBase64(payload.toString()));
                for (int attempt = 0; attempt < 3; attempt++) { // an asynchronous invocation: Lambda retries twice
                    try {
                        s.function().invoke(event);
                        break;
                    } catch (LocalFunction.FunctionError e) {
                        System.err.println("local runtime: " + e.getMessage() + " (SMS status log, attempt " + (attempt + 1) + " of 3)");
                    }
                }
            }
        }
    }

    /** SNS logs a status seconds after the publish; by then the SMS sender has recorded the id (after the send). */
    private void awaitSmsRecord(String messageId) {
        if (table == null) {
            return;
        }
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("NOTIFY#SMS#" + sha256(messageId)),
                "sk", AttributeValue.fromS("SMS_MESSAGE"));
        long until = System.currentTimeMillis() + SMS_RECORD_WAIT_MILLIS;
        try {
            while (System.currentTimeMillis() < until) {
                if (dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).hasItem()) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("local runtime: could not read the SMS sender's record of " + messageId + ": " + e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String gzipBase64(String json) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
