package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Schedule (EventBridge rule) or ScheduleV2 (EventBridge Scheduler) event on the simulated clock: the function
 * is invoked with the Scheduled Event (or the configured Input) each time simulated time passes a firing. When the
 * clock runs so fast that firings pile up behind a slow function, they are coalesced into one, and a run is
 * followed by at least twice its own duration (real time, at least 100 ms) without one, so scheduled functions
 * cannot starve the rest of the stack of CPU.
 */
final class ScheduleEventSource implements AutoCloseable {
    private final LocalFunction function;
    private final String ruleName;
    private final ScheduleExpression expression;
    private final String input;
    private final boolean v2;
    private final Clock clock;
    private final double factor;
    private final Thread thread;
    private volatile boolean running = true;

    private ScheduleEventSource(LocalFunction function, String ruleName, ScheduleExpression expression, String input,
                                boolean v2, Clock clock, double factor) {
        this.function = function;
        this.ruleName = ruleName;
        this.expression = expression;
        this.input = input;
        this.v2 = v2;
        this.clock = clock;
        this.factor = factor;
        this.thread = Thread.ofVirtual().name("schedule-" + ruleName).unstarted(this::run);
    }

    static AutoCloseable start(LocalFunction function, String name, JsonNode props, boolean v2, Clock clock,
                               double factor, Consumer<String> warn) {
        boolean enabled = v2 ? !props.path("State").asText("ENABLED").equals("DISABLED")
                : props.path("Enabled").asBoolean(true) && !props.path("State").asText("ENABLED").equals("DISABLED");
        if (!enabled) {
            return () -> { };
        }
        String text = props.path(v2 ? "ScheduleExpression" : "Schedule").asText("");
        ZoneId zone = props.has("ScheduleExpressionTimezone")
                ? ZoneId.of(props.get("ScheduleExpressionTimezone").asText()) : ZoneOffset.UTC;
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(text, zone, clock.instant());
        } catch (RuntimeException e) {
            warn.accept(function.name() + "." + name + ": schedule not run locally: " + e.getMessage());
            return () -> { };
        }
        String input = props.has("Input") ? props.get("Input").asText() : null;
        ScheduleEventSource source = new ScheduleEventSource(function, function.name() + "-" + name, expression,
                input, v2, clock, factor);
        source.thread.start();
        return source;
    }

    private void run() {
        Instant next = expression.next(clock.instant());
        while (running) {
            Instant now = clock.instant();
            if (now.isBefore(next)) {
                long realMillis = (long) Math.ceil((next.toEpochMilli() - now.toEpochMilli()) / factor);
                sleep(Math.max(1, Math.min(realMillis, 1000)));
                continue;
            }
            long started = System.currentTimeMillis();
            try {
                function.invoke(event(next));
            } catch (LocalFunction.FunctionError e) {
                // EventBridge retries asynchronous invocations; the next firing does the same work here
                if (running) {
                    System.err.println("local runtime: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("local runtime: schedule " + ruleName + ": " + e);
                }
            }
            long took = System.currentTimeMillis() - started;
            next = expression.next(clock.instant().isAfter(next) ? clock.instant() : next);
            // On a fast clock a schedule can come due again before its last run ends; running it back to back
            // would starve every other function of CPU. Leave at least twice the run's own time (real) between runs.
            Instant earliest = clock.instant().plusMillis((long) (Math.max(100, 2 * took) * factor));
            if (next.isBefore(earliest)) {
                next = expression.next(earliest.minusMillis(1));
            }
        }
    }

    private JsonNode event(Instant firing) {
        if (input != null) {
            return EventCodec.parse(input);
        }
        ObjectNode e = EventCodec.MAPPER.createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", v2 ? "aws.scheduler" : "aws.events");
        e.put("account", LocalResources.ACCOUNT);
        e.put("time", firing.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        e.put("region", LocalAws.REGION.id());
        e.putArray("resources").add((v2 ? "arn:aws:scheduler:" : "arn:aws:events:") + LocalAws.REGION.id() + ":"
                + LocalResources.ACCOUNT + (v2 ? ":schedule/default/" : ":rule/") + ruleName);
        e.putObject("detail");
        return e;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
