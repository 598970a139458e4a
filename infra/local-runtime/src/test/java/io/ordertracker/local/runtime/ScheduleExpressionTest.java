package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-21T10:02:30Z");

    @Test
    void rateFiresEveryPeriodFromTheAnchor() {
        ScheduleExpression e = ScheduleExpression.parse("rate(5 minutes)", ZoneOffset.UTC, ANCHOR);
        assertThat(e.next(ANCHOR)).isEqualTo(Instant.parse("2026-11-21T10:07:30Z"));
        assertThat(e.next(Instant.parse("2026-11-21T10:07:30Z"))).isEqualTo(Instant.parse("2026-11-21T10:12:30Z"));
        assertThat(ScheduleExpression.parse("rate(1 hour)", ZoneOffset.UTC, ANCHOR).next(ANCHOR))
                .isEqualTo(Instant.parse("2026-11-21T11:02:30Z"));
    }

    @Test
    void cronFields() {
        ScheduleExpression hourly = ScheduleExpression.parse("cron(0 * * * ? *)", ZoneOffset.UTC, ANCHOR);
        assertThat(hourly.next(ANCHOR)).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        // 08:00 on weekdays in New York; 2026-11-21 is a Saturday
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(0 8 ? * MON-FRI *)", ZoneId.of("America/New_York"), ANCHOR);
        assertThat(weekdays.next(ANCHOR)).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        ScheduleExpression everyQuarter = ScheduleExpression.parse("cron(0/15 9-10 1 * ? 2026)", ZoneOffset.UTC, ANCHOR);
        assertThat(everyQuarter.next(ANCHOR)).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(everyQuarter.next(Instant.parse("2026-12-01T09:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
        // the year field is 2026 only: nothing after the last firing of that year
        assertThatThrownBy(() -> everyQuarter.next(Instant.parse("2026-12-01T10:45:00Z"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unsupportedExpressionsAreRefused() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 8 L * ? *)", ZoneOffset.UTC, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-11-22T10:00:00)", ZoneOffset.UTC, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
