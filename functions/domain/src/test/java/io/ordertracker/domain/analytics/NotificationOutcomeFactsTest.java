package io.ordertracker.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.analytics.NotificationOutcome.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outcomes as facts (one per message and kind) and as each channel's figures. */
class NotificationOutcomeFactsTest {
    final FactRules rules = new FactRules((m, o) -> Optional.empty());

    @Test
    void anOutcomeCountsOnTheMerchantsDayOnceperMessageAndKind() {
        Instant at = Instant.parse("2026-11-19T23:30:00Z");
        Fact open = rules.facts(new NotificationOutcome("m1", Channel.EMAIL, Milestone.SHIPPED, "ses-1", Kind.OPENED, at))
                .get(0);
        assertThat(open.merchantId()).isEqualTo("m1");
        assertThat(open.day()).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(open.groups()).containsExactly(Fact.DAY);
        assertThat(open.add()).isEqualTo(Map.of("out_OPENED_EMAIL_SHIPPED", 1L));
        Fact openAgain = rules.facts(new NotificationOutcome("m1", Channel.EMAIL, Milestone.SHIPPED, "ses-1", Kind.OPENED,
                at.plusSeconds(3600))).get(0);
        Fact click = rules.facts(new NotificationOutcome("m1", Channel.EMAIL, Milestone.SHIPPED, "ses-1", Kind.CLICKED,
                at)).get(0);
        Fact smsDelivered = rules.facts(new NotificationOutcome("m1", Channel.SMS, Milestone.SHIPPED, "ses-1",
                Kind.DELIVERED, at)).get(0);
        assertThat(openAgain.factId()).isEqualTo(open.factId()); // a second open of the same email: the same fact
        assertThat(List.of(click.factId(), smsDelivered.factId())).doesNotContain(open.factId());
    }

    @Test
    void figuresPerChannelSumTheMilestonesAndJudgeRatesBySentAndDelivered() {
        Map<String, Long> c = new HashMap<>();
        c.put(Counters.sent(Channel.EMAIL, Milestone.SHIPPED), 6L);
        c.put(Counters.sent(Channel.EMAIL, Milestone.DELIVERED), 4L);
        c.put(Counters.outcome(Kind.DELIVERED, Channel.EMAIL, Milestone.SHIPPED), 5L);
        c.put(Counters.outcome(Kind.DELIVERED, Channel.EMAIL, Milestone.DELIVERED), 3L);
        c.put(Counters.outcome(Kind.BOUNCED_PERMANENT, Channel.EMAIL, Milestone.SHIPPED), 1L);
        c.put(Counters.outcome(Kind.BOUNCED_TRANSIENT, Channel.EMAIL, Milestone.DELIVERED), 1L);
        c.put(Counters.outcome(Kind.COMPLAINED, Channel.EMAIL, Milestone.SHIPPED), 1L);
        c.put(Counters.outcome(Kind.OPENED, Channel.EMAIL, Milestone.SHIPPED), 4L);
        c.put(Counters.outcome(Kind.CLICKED, Channel.EMAIL, Milestone.SHIPPED), 2L);
        c.put(Counters.sent(Channel.SMS, Milestone.OUT_FOR_DELIVERY), 3L);
        c.put(Counters.outcome(Kind.DELIVERED, Channel.SMS, Milestone.OUT_FOR_DELIVERY), 2L);
        c.put(Counters.outcome(Kind.FAILED, Channel.SMS, Milestone.OUT_FOR_DELIVERY), 1L);

        Map<String, NotificationFigures> n = Figures.of(c).notifications();

        assertThat(n.get("EMAIL")).isEqualTo(new NotificationFigures(10, 8, 2, 1, 1, 1, 0, 4, 2, 0.8, 0.2, 0.1, 0.5,
                0.25));
        assertThat(n.get("SMS")).isEqualTo(new NotificationFigures(3, 2, 0, 0, 0, 0, 1, 0, 0, 0.6667, 0.0, 0.0, 0.0,
                0.0));
        assertThat(Figures.of(Map.of()).notifications()).isEmpty();
    }
}
