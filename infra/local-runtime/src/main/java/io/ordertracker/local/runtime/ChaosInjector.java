package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Injects crashes and duplicated deliveries into the functions the runtime runs, as {@link ChaosSettings} say. No
 * product code knows of it: the runtime consults it where Lambda's own machinery sits (the invocation, the SDK
 * interceptor that sees each AWS call, the event sources).
 *
 * <p>Every draw is a function of the seed and of what is being delivered: the content of the batch (SQS bodies,
 * stream images, a schedule's time) and how many times that same content has been delivered before. So one seed
 * gives one injection plan, whatever order the threads of a run happen to take.
 *
 * <p>A crash is decided when an invocation starts: with probability crashRate the environment dies right after its
 * n-th AWS write (n from 1 to 4: DynamoDB writes, SQS sends and deletes, SES sends, SNS publishes), or, when it
 * makes fewer, after its handler returned and before the event source acknowledged the batch. That covers the
 * points that matter: after a DynamoDB write and before the SQS delete, after SES or SNS accepted a message and
 * before the ledger records it, in the middle of a stream batch.
 */
final class ChaosInjector {
    private static volatile ChaosInjector active;

    private final ChaosSettings settings;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> crashes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> duplicates = new ConcurrentHashMap<>();
    /** Ledger keys of messages SES or SNS accepted in an invocation that then crashed before recording them. */
    private final Set<String> crashedAfterSend = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Plan> plan = new ThreadLocal<>();

    /** The crash planned for the invocation on this thread: die after the {@code crashAfter}-th write (0: never). */
    private static final class Plan {
        final String function;
        final int crashAfter;
        int writes;

        Plan(String function, int crashAfter) {
            this.function = function;
            this.crashAfter = crashAfter;
        }
    }

    private ChaosInjector(ChaosSettings settings) {
        this.settings = settings;
    }

    static ChaosInjector activate(ChaosSettings settings) {
        ChaosInjector injector = new ChaosInjector(settings);
        active = injector;
        return injector;
    }

    static void deactivate() {
        active = null;
    }

    static ChaosInjector active() {
        return active;
    }

    ChaosSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------------- crashes

    /** An invocation begins on this thread; plans its crash if its event comes from an event source. */
    static void invocationStarting(String function, JsonNode event) {
        ChaosInjector chaos = active;
        if (chaos == null) {
            return;
        }
        String content = eventSourceContent(event);
        if (content == null) {
            chaos.plan.remove(); // an HTTP request: its caller sees a 5xx, there is nothing to redeliver
            return;
        }
        SplittableRandom random = chaos.draw("crash", function, content);
        int crashAfter = random.nextDouble() < chaos.settings.crashRate() ? 1 + random.nextInt(4) : 0;
        chaos.plan.set(new Plan(function, crashAfter));
    }

    /** After an AWS call of the invocation on this thread succeeded; dies here if this is the planned write. */
    static void afterAwsCall(String service, String operation, Outbox.Message sent) {
        ChaosInjector chaos = active;
        if (chaos == null || !isWrite(service, operation)) {
            return;
        }
        Plan p = chaos.plan.get();
        if (p == null || p.crashAfter == 0 || ++p.writes != p.crashAfter) {
            return;
        }
        if (sent != null) {
            chaos.crashedAfterSend.add(ledgerKey(sent));
        }
        chaos.crash(p, "after " + service + "." + operation);
    }

    /** The handler returned; dies now if the planned write never came (before the event source acknowledges). */
    static void invocationReturned() {
        ChaosInjector chaos = active;
        if (chaos == null) {
            return;
        }
        Plan p = chaos.plan.get();
        chaos.plan.remove();
        if (p != null && p.crashAfter > p.writes) {
            chaos.crash(p, "after the handler returned");
        }
    }

    static void invocationEnded() {
        ChaosInjector chaos = active;
        if (chaos != null) {
            chaos.plan.remove();
        }
    }

    private void crash(Plan p, String point) {
        plan.remove();
        crashes.computeIfAbsent(p.function + " " + point, k -> new LongAdder()).increment();
        throw new ChaosCrash(point);
    }

    private static boolean isWrite(String service, String operation) {
        return switch (service.toLowerCase(java.util.Locale.ROOT)) {
            case "dynamodb" -> operation.equals("PutItem") || operation.equals("UpdateItem")
                    || operation.equals("DeleteItem") || operation.equals("TransactWriteItems")
                    || operation.equals("BatchWriteItem");
            case "sqs" -> operation.startsWith("SendMessage") || operation.startsWith("DeleteMessage")
                    || operation.startsWith("ChangeMessageVisibility");
            case "ses", "sesv2" -> operation.startsWith("Send");
            case "sns" -> operation.equals("Publish");
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------- duplicate delivery

    /** Whether an event source delivers this batch (of {@code function}) a second time. */
    static boolean deliverTwice(String function, JsonNode event) {
        ChaosInjector chaos = active;
        if (chaos == null || chaos.settings.duplicateRate() == 0) {
            return false;
        }
        String content = eventSourceContent(event);
        if (content == null || chaos.draw("duplicate", function, content).nextDouble() >= chaos.settings.duplicateRate()) {
            return false;
        }
        chaos.duplicates.computeIfAbsent(function, k -> new LongAdder()).increment();
        return true;
    }

    // ------------------------------------------------------------------------------------------------- figures

    /** "Function after Service.Operation" -> crashes injected there. */
    Map<String, Long> crashesByPoint() {
        Map<String, Long> out = new TreeMap<>();
        crashes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Function -> batches delivered twice. */
    Map<String, Long> duplicatedDeliveries() {
        Map<String, Long> out = new TreeMap<>();
        duplicates.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Set<String> crashedAfterSend() {
        return Set.copyOf(crashedAfterSend);
    }

    /** The notification ledger's key of a sent message: one message per key, ever. */
    static String ledgerKey(Outbox.Message m) {
        return m.orderNumber() + "#" + m.shipmentId() + "#" + m.milestone() + "#" + m.episode() + "#" + m.channel();
    }

    // -------------------------------------------------------------------------------------------------- draws

    /** A random stream for the n-th delivery of this content to this function, for this purpose. */
    private SplittableRandom draw(String purpose, String function, String content) {
        String key = purpose + "|" + function + "|" + content;
        int nth = deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        long h = settings.seed();
        h = 31 * h + key.hashCode();
        h = 31 * h + (long) Integer.toHexString(content.length()).hashCode() * 1_000_003L;
        h = 31 * h + nth;
        return new SplittableRandom(h);
    }

    /**
     * What identifies a delivery from an event source (SQS bodies, stream keys and images, a schedule's time), or
     * null for an event no event source sent (an HTTP request).
     */
    private static String eventSourceContent(JsonNode event) {
        if (event == null) {
            return null;
        }
        JsonNode records = event.path("Records");
        if (records.isArray() && !records.isEmpty()) {
            JsonNode first = records.get(0);
            if (first.has("Sns")) {
                return null; // SNS's HTTP deliveries are not retried locally: a crash there would be a loss of ours
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode r : records) {
                if (r.has("body")) {
                    sb.append(r.path("body").asText()).append('\n');
                } else {
                    sb.append(r.path("dynamodb").path("Keys")).append(r.path("dynamodb").path("NewImage")).append('\n');
                }
            }
            return sb.toString();
        }
        if (event.has("detail-type") || "aws.events".equals(event.path("source").asText())
                || "aws.scheduler".equals(event.path("source").asText())) {
            return "schedule|" + event.path("time").asText();
        }
        return null;
    }
}
