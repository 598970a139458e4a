package io.ordertracker.polling;

import io.ordertracker.carriers.CarrierTrackingResult.Failure;
import io.ordertracker.carriers.CarrierTrackingResult.Tracked;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.polling.CarrierCallCounter;
import io.ordertracker.domain.polling.ObservationWriter.Answer;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.lambda.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles one tracking-queue message: asks the carrier about its shipments (one request for FedEx's 30, one per
 * number elsewhere) and hands each answer to the {@link ObservationWriter}.
 *
 * <p>Failure policy. A carrier-wide failure (no number answered: 5xx, timeouts, open circuit; or the carrier refusing
 * our credentials) fails the message, so SQS retries it after the visibility timeout and, after a few attempts,
 * moves it to the dead-letter queue with its body intact; auth failures never touch shipments, they raise the
 * CarrierAuthFailures alarm. Rate limiting (429) and failures for some numbers only reschedule those shipments
 * (at the carrier's Retry-After when it is longer than 15 minutes), so one bad number never makes the others be
 * asked again and a carrier asking us to slow down is not hammered by SQS retries. A redelivered message finds its
 * plan id on each shipment it already handled and neither calls the carrier nor writes again.
 */
public final class TrackingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingWorker.class);

    public enum Outcome {
        /** Done; delete the message. */
        DONE,
        /** The carrier failed as a whole: let SQS deliver the message again (then the DLQ). */
        RETRY
    }

    private final ObservationWriter writer;
    private final CarrierCallCounter calls;
    private final Function<Carrier, TrackingClient> clients;
    private final Clock clock;
    private final PipelineMetrics metrics;

    public TrackingWorker(ObservationWriter writer, CarrierCallCounter calls, Function<Carrier, TrackingClient> clients,
                          Clock clock, PipelineMetrics metrics) {
        this.writer = writer;
        this.calls = calls;
        this.clients = clients;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A tracking-queue message body; one that is not a valid message is a poison message, retried into the DLQ. */
    public Outcome handle(String body) {
        TrackingMessage message;
        try {
            message = TrackingMessage.parse(body);
        } catch (IllegalArgumentException e) {
            // It fails every time and ends in the DLQ with its body, for a person to read.
            LOG.error("unreadable tracking message: {}", SafeErrors.describe(e));
            metrics.count("PoisonMessages", 1);
            return Outcome.RETRY;
        }
        MDC.put("planId", message.planId());
        MDC.put("carrier", message.carrier());
        return handle(message);
    }

    public Outcome handle(TrackingMessage message) {
        Carrier carrier = message.carrierEnum();
        Map<ShipmentRef, TrackingState> toAsk = new LinkedHashMap<>();
        for (TrackingMessage.Entry e : message.shipments()) {
            Optional<TrackingState> state = writer.load(e.ref());
            if (state.isEmpty()) {
                continue; // deleted since planned
            }
            TrackingState s = state.get();
            if (message.planId().equals(s.lastPlanId())) {
                metrics.count("RedeliveredShipmentsSkipped", 1);
                continue;
            }
            if (!s.shipment().active() || s.shipment().status().isTerminal()) {
                continue;
            }
            toAsk.put(e.ref(), s);
        }
        if (toAsk.isEmpty()) {
            return Outcome.DONE;
        }
        TrackingClient client = clients.apply(carrier);
        List<String> numbers = toAsk.values().stream().map(s -> s.shipment().trackingNumber()).distinct().toList();
        List<CarrierTrackingResult> results = client.track(numbers);
        Instant now = clock.instant();
        long requests = (numbers.size() + client.maxBatchSize() - 1) / client.maxBatchSize();
        calls.add(carrier, LocalDate.ofInstant(now, ZoneOffset.UTC), requests);
        String name = PollPlanRun.carrierName(carrier);
        metrics.count("CarrierCalls", requests);
        metrics.count(name + "CarrierCalls", requests);

        Map<String, CarrierTrackingResult> byNumber = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            CarrierTrackingResult r = results.get(i);
            String number = r.trackingNumber() != null ? r.trackingNumber() : (i < numbers.size() ? numbers.get(i) : null);
            if (number != null) {
                byNumber.putIfAbsent(number, r);
            }
        }
        long failed = numbers.stream().filter(n -> !(byNumber.get(n) instanceof Tracked)
                && !(byNumber.get(n) instanceof Failure f && isAnswer(f.kind()))).count();
        if (failed > 0) {
            metrics.count("CarrierErrors", failed);
            metrics.count(name + "CarrierErrors", failed);
        }
        long auth = byNumber.values().stream().filter(r -> r instanceof Failure f && f.kind() == FailureKind.AUTH).count();
        if (auth > 0) {
            metrics.count("CarrierAuthFailures", auth);
            LOG.error("{} refused our credentials for {} numbers: shipments left untouched", carrier, auth);
            return Outcome.RETRY;
        }
        long outage = numbers.stream().filter(n -> isOutage(byNumber.get(n))).count();
        if (outage == numbers.size()) {
            LOG.warn("{} failed for all {} numbers of plan {}: message retried", carrier, numbers.size(), message.planId());
            return Outcome.RETRY;
        }
        for (Map.Entry<ShipmentRef, TrackingState> e : toAsk.entrySet()) {
            CarrierTrackingResult r = byNumber.get(e.getValue().shipment().trackingNumber());
            writer.applyPolled(e.getKey(), e.getValue(), message.planId(), answer(r));
        }
        return Outcome.DONE;
    }

    private static Answer answer(CarrierTrackingResult r) {
        return switch (r) {
            case Tracked t -> new Answer.Observed(t.observation());
            case Failure f when isAnswer(f.kind()) -> new Answer.Unknown();
            case Failure f -> new Answer.NoAnswer(f.retryAfter());
            case null -> new Answer.NoAnswer(null);
        };
    }

    /**
     * The carrier could not answer (5xx, timeouts, open circuit, unreadable). Rate limiting is not an outage: the
     * carrier said when to come back, and the shipments are rescheduled for then.
     */
    private static boolean isOutage(CarrierTrackingResult r) {
        return r == null || (r instanceof Failure f
                && (f.kind() == FailureKind.UNAVAILABLE || f.kind() == FailureKind.UNKNOWN));
    }

    /** NOT_FOUND and INVALID are the carrier's answer about the number, not an outage. */
    private static boolean isAnswer(FailureKind kind) {
        return kind == FailureKind.NOT_FOUND || kind == FailureKind.INVALID;
    }
}
