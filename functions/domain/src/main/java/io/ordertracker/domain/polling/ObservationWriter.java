package io.ordertracker.domain.polling;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.polling.ShipmentTracker.SaveOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one write path for what carriers say, polled or pushed: apply the answer to the shipment as it is now
 * ({@link TrackingProgress}: forward-only status, new events once, next poll), save it conditional on the version
 * read, and on a conflict re-read and apply again, so a racing worker, push or planner lease never loses an
 * update and the state machine always decides on fresh state.
 */
public final class ObservationWriter {
    /** Write conflicts are rare (a concurrent push or planner lease); a few re-reads settle them. */
    static final int MAX_WRITE_ATTEMPTS = 5;
    /** How long to wait after a per-number transient failure (the planner's next runs pick it up then). */
    public static final Duration TRANSIENT_RETRY = Duration.ofMinutes(15);

    /** What the carrier said about one number, in the domain's terms. */
    public sealed interface Answer {
        /** The carrier reported on the number. */
        record Observed(Observation observation) implements Answer {
        }

        /** The carrier does not know the number, or says it is not a valid one. */
        record Unknown() implements Answer {
        }

        /** No answer for this number this time (rate limited, a per-number failure, missing from a batch). */
        record NoAnswer(Duration retryAfter) implements Answer {
        }
    }

    private final ShipmentTracker tracker;
    private final TrackingProgress progress;
    private final Clock clock;
    private final PipelineMetrics metrics;

    public ObservationWriter(ShipmentTracker tracker, TrackingProgress progress, Clock clock, PipelineMetrics metrics) {
        this.tracker = tracker;
        this.progress = progress;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Optional<TrackingState> load(ShipmentRef ref) {
        return tracker.load(ref);
    }

    /**
     * Applies a polled answer to a shipment read as {@code first}, stamping the plan that asked, so a redelivered
     * plan message finds its own id and does nothing again.
     */
    public void applyPolled(ShipmentRef ref, TrackingState first, String planId, Answer answer) {
        Instant now = clock.instant();
        write(ref, Optional.of(first), state -> {
            TrackingProgress.Result r = switch (answer) {
                case Answer.Observed o -> progress.observed(state, o.observation(), now, true);
                case Answer.Unknown u -> progress.notFound(state, now);
                case Answer.NoAnswer n -> progress.retryLater(state, now,
                        n.retryAfter() != null && n.retryAfter().compareTo(TRANSIENT_RETRY) > 0 ? n.retryAfter() : TRANSIENT_RETRY,
                        true);
            };
            return new TrackingProgress.Result(r.before(), r.after().withPlanId(planId), r.newEvents(), r.decision(),
                    r.deliveredAt(), r.signedBy(), r.answeredAt());
        });
    }

    /**
     * Applies a pushed observation (no carrier call, no plan) to every shipment tracking the number, marking each
     * push-fed so routine polling leaves it alone.
     *
     * @return how many shipments were updated
     */
    public int applyPushed(Carrier carrier, String trackingNumber, Observation observation) {
        int applied = 0;
        for (ShipmentRef ref : tracker.findByCarrierNumber(carrier, trackingNumber)) {
            Instant now = clock.instant();
            boolean saved = write(ref, Optional.empty(), state -> {
                TrackingProgress.Result r = progress.observed(state.withPushSubscribed(true), observation, now, false);
                // before = the stored state, so the save sees the push flag as a change
                return new TrackingProgress.Result(state, r.after(), r.newEvents(), r.decision(), r.deliveredAt(),
                        r.signedBy(), r.answeredAt());
            });
            if (saved) {
                applied++;
            }
        }
        return applied;
    }

    /** @return false when the shipment is gone */
    private boolean write(ShipmentRef ref, Optional<TrackingState> known, Function<TrackingState, TrackingProgress.Result> step) {
        Optional<TrackingState> state = known.isPresent() ? known : tracker.load(ref);
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            if (state.isEmpty()) {
                return false;
            }
            TrackingProgress.Result result = step.apply(state.get());
            if (tracker.save(result) == SaveOutcome.SAVED) {
                if (result.statusChanged()) {
                    metrics.count("StatusChanges", 1);
                }
                return true;
            }
            metrics.count("WriteConflicts", 1);
            state = tracker.load(ref);
        }
        throw new IllegalStateException("shipment " + ref.shipmentId() + " kept changing under us; retried later");
    }
}
