package io.ordertracker.sandbox;

import io.ordertracker.domain.Carrier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a chaos run asks of the sandbox: many independent parcels per story, and faults drawn from a seed. */
class CatalogueCopiesAndRandomFaultsTest {

    private static final LocalDate START = LocalDate.parse("2026-11-16");

    @Test
    void each_copy_plays_every_story_again_under_its_own_valid_numbers() {
        List<Journey> once = Journeys.catalogue(START);
        List<Journey> thrice = Journeys.catalogue(START, 3);
        assertThat(thrice).hasSize(3 * once.size());
        assertThat(new HashSet<>(thrice.stream().map(Journey::trackingNumber).toList())).hasSize(thrice.size());
        for (int i = 0; i < thrice.size(); i++) {
            Journey original = once.get(i % once.size());
            Journey copy = thrice.get(i);
            assertThat(copy.kind()).isEqualTo(original.kind());
            assertThat(copy.carrier()).isEqualTo(original.carrier());
            assertThat(copy.steps()).isEqualTo(original.steps());
            assertThat(copy.expectedMessages()).isEqualTo(original.expectedMessages());
            assertThat(copy.carrier().accepts(copy.trackingNumber()))
                    .as(copy.trackingNumber()).isTrue();
        }
        assertThat(thrice.subList(0, once.size())).isEqualTo(once); // copy 0 is the catalogue itself
    }

    @Test
    void the_same_seed_draws_the_same_faults_and_the_outage_refuses_every_call_inside_its_window() {
        Instant from = Instant.parse("2026-11-17T06:00:00Z");
        RandomFaults plan = new RandomFaults(0.3, 42, Carrier.DHL, from, from.plus(Duration.ofHours(3)), Duration.ofSeconds(16));
        assertThat(draws(plan, Carrier.UPS, from)).isEqualTo(draws(plan, Carrier.UPS, from));
        assertThat(draws(plan, Carrier.UPS, from)).isNotEqualTo(draws(new RandomFaults(0.3, 43, null, null, null,
                Duration.ofSeconds(16)), Carrier.UPS, from));
        long faulted = draws(plan, Carrier.UPS, from).stream().filter(k -> !k.equals("none")).count();
        assertThat(faulted).isBetween(40L, 80L); // 0.3 of 200
        assertThat(draws(plan, Carrier.DHL, from.plus(Duration.ofHours(1)))).containsOnly("SERVER_ERROR");
        assertThat(draws(plan, Carrier.DHL, from.plus(Duration.ofHours(3)))).contains("none");
    }

    private static List<String> draws(RandomFaults plan, Carrier carrier, Instant now) {
        FaultInjector injector = new FaultInjector();
        injector.randomly(plan);
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Optional<Fault> f = injector.next(carrier, now);
            kinds.add(f.map(x -> x.kind().name()).orElse("none"));
        }
        return kinds;
    }
}
