package io.ordertracker.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribedFactsTest {
    private final FactRules rules = new FactRules((merchant, order) -> Optional.empty());

    @Test
    void anUnsubscribeIsOneFactPerAddressAndChannelWhenEverItIsSeen() {
        Fact first = rules.facts(new Unsubscribed("m1", "abc", Channel.EMAIL, Instant.parse("2026-11-20T10:00:00Z"))).get(0);
        Fact again = rules.facts(new Unsubscribed("m1", "abc", Channel.EMAIL, Instant.parse("2026-11-22T10:00:00Z"))).get(0);
        assertThat(again.factId()).isEqualTo(first.factId());
        assertThat(rules.facts(new Unsubscribed("m1", "abd", Channel.EMAIL, Instant.EPOCH)).get(0).factId())
                .isNotEqualTo(first.factId());
        assertThat(first.day()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(first.add()).isEqualTo(Map.of("unsubscribes", 1L, "unsub_EMAIL", 1L));
        assertThat(first.groups()).containsExactly(Fact.DAY);
    }

    @Test
    void theFiguresShowUnsubscribesByChannelLeavingOutChannelsWithNone() {
        Figures f = Figures.of(Map.of("unsubscribes", 3L, "unsub_EMAIL", 3L, "orders", 10L));
        assertThat(f.unsubscribes()).isEqualTo(3);
        assertThat(f.unsubscribesByChannel()).isEqualTo(Map.of("EMAIL", 3L));
        assertThat(Figures.of(Map.of()).unsubscribesByChannel()).isEmpty();
    }
}
