package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void waitsDoubleFromThirtySecondsUpToTwelveHoursWithinTheUpperHalf() {
        RetryPolicy low = new RetryPolicy(() -> 0.0);
        RetryPolicy high = new RetryPolicy(() -> 0.999999);
        assertThat(low.waitAfter(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(high.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(high.waitAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(high.waitAfter(30)).isEqualTo(RetryPolicy.CAP);
        assertThat(low.waitAfter(30)).isEqualTo(RetryPolicy.CAP.dividedBy(2).withNanos(0));
        assertThat(RetryPolicy.CAP).isLessThan(Duration.ofHours(12));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldFallBeyondThreeDays() {
        RetryPolicy policy = new RetryPolicy(() -> 0.5);
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(policy.next(first, 1, first)).isPresent();
        assertThat(policy.next(first, 20, first.plus(Duration.ofDays(2)))).isPresent();
        assertThat(policy.next(first, 20, first.plus(Duration.ofDays(3)).minus(Duration.ofHours(1)))).isEmpty();
        // every schedule ends: at most a few dozen attempts in three days
        Instant now = first;
        int attempts = 0;
        while (true) {
            attempts++;
            var next = new RetryPolicy(() -> 0.0).next(first, attempts, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
        }
        assertThat(attempts).isBetween(15, 40);
        assertThat(Duration.between(first, now)).isGreaterThan(Duration.ofDays(2)).isLessThanOrEqualTo(Duration.ofDays(3));
    }
}
