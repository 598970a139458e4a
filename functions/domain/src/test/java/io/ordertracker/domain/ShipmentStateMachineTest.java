package io.ordertracker.domain;

import static io.ordertracker.domain.ShipmentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.StatusDecision.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (current, incoming) pair of statuses, each with an older, an equal and a newer event time. The expected
 * outcome is written out independently of the implementation, as the rules read in DESIGN.md.
 */
class ShipmentStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private static final Set<ShipmentStatus> TERMINALS =
            EnumSet.of(RETURNED_TO_SENDER, DELIVERED, FAILED, CANCELLED, EXPIRED);
    private static final Set<ShipmentStatus> NOT_MOVED = EnumSet.of(PENDING, INFO_RECEIVED, UNKNOWN);

    static Stream<Arguments> everyPair() {
        List<Arguments> cases = new ArrayList<>();
        for (ShipmentStatus current : values()) {
            for (ShipmentStatus incoming : values()) {
                for (long deltaSeconds : new long[] {-60, 0, 60}) {
                    cases.add(Arguments.of(current, incoming, deltaSeconds));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} + {1} at {2}s")
    @MethodSource("everyPair")
    void decidesEveryTransition(ShipmentStatus current, ShipmentStatus incoming, long deltaSeconds) {
        StatusDecision decision = ShipmentStateMachine.decide(current, T0, incoming, T0.plusSeconds(deltaSeconds));
        StatusDecision expected = expected(current, incoming, deltaSeconds);
        assertThat(decision).isEqualTo(expected);
        if (decision.outcome() != Outcome.ADVANCE) {
            assertThat(decision.newStatus()).as("only an advance changes the status").isEqualTo(current);
        }
    }

    private static StatusDecision expected(ShipmentStatus current, ShipmentStatus incoming, long delta) {
        if (TERMINALS.contains(current)) {
            return new StatusDecision(Outcome.TERMINAL, current);
        }
        if (delta < 0) {
            return new StatusDecision(Outcome.STALE, current);
        }
        if (current == incoming) {
            return new StatusDecision(Outcome.SAME, current);
        }
        if (incoming == UNKNOWN) {
            return current == PENDING ? new StatusDecision(Outcome.ADVANCE, UNKNOWN)
                    : new StatusDecision(Outcome.UNMAPPED, current);
        }
        if (incoming == PENDING || (incoming == INFO_RECEIVED && !NOT_MOVED.contains(current))) {
            return new StatusDecision(Outcome.REGRESSION, current);
        }
        if (current == RETURNING_TO_SENDER) {
            return switch (incoming) {
                case DELIVERED -> new StatusDecision(Outcome.ADVANCE, RETURNED_TO_SENDER);
                case RETURNED_TO_SENDER, FAILED, CANCELLED, EXPIRED -> new StatusDecision(Outcome.ADVANCE, incoming);
                default -> new StatusDecision(Outcome.REGRESSION, current);
            };
        }
        return new StatusDecision(Outcome.ADVANCE, incoming);
    }

    @Test
    void coversAllPairs() {
        assertThat(everyPair().count()).isEqualTo(14L * 14 * 3);
    }

    @Test
    void terminalStatusesAreExactlyTheDesignOnes() {
        assertThat(EnumSet.allOf(ShipmentStatus.class).stream().filter(ShipmentStatus::isTerminal))
                .containsExactlyInAnyOrderElementsOf(TERMINALS);
    }

    @Test
    void lateOlderScanIsStoredButDoesNotMoveStatusBack() {
        // Delivered was seen first; the older "out for delivery" scan arrives afterwards.
        ShipmentStatus status = PENDING;
        Instant last = null;
        record Scan(ShipmentStatus status, Instant at) {}
        List<Scan> arrivalOrder = List.of(
                new Scan(INFO_RECEIVED, T0),
                new Scan(OUT_FOR_DELIVERY, T0.plusSeconds(7200)),
                new Scan(IN_TRANSIT, T0.plusSeconds(3600)));
        for (Scan scan : arrivalOrder) {
            StatusDecision d = ShipmentStateMachine.decide(status, last, scan.status(), scan.at());
            status = d.newStatus();
            if (d.isLatest()) {
                last = scan.at();
            }
        }
        assertThat(status).isEqualTo(OUT_FOR_DELIVERY);
        assertThat(last).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void redeliveryCycleIsAllowed() {
        ShipmentStatus s = OUT_FOR_DELIVERY;
        s = ShipmentStateMachine.decide(s, T0, DELIVERY_ATTEMPTED, T0.plusSeconds(1)).newStatus();
        s = ShipmentStateMachine.decide(s, T0.plusSeconds(1), IN_TRANSIT, T0.plusSeconds(2)).newStatus();
        s = ShipmentStateMachine.decide(s, T0.plusSeconds(2), OUT_FOR_DELIVERY, T0.plusSeconds(3)).newStatus();
        s = ShipmentStateMachine.decide(s, T0.plusSeconds(3), DELIVERED, T0.plusSeconds(4)).newStatus();
        assertThat(s).isEqualTo(DELIVERED);
    }

    @Test
    void firstEventWithNoPriorTimeIsAccepted() {
        assertThat(ShipmentStateMachine.decide(PENDING, null, IN_TRANSIT, T0).newStatus()).isEqualTo(IN_TRANSIT);
    }
}
