package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limiter on a hand-driven clock: its sleeps are recorded and "pass" at once. */
class SendRateLimiterTest {
    long nanos = 5_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    SendRateLimiter limiter(double perSecond) {
        return new SendRateLimiter(perSecond, () -> nanos, d -> {
            sleeps.add(d);
            nanos += d.toNanos();
        });
    }

    @Test
    void sendsInQuickSuccessionAreSpacedOneIntervalApart() {
        SendRateLimiter limiter = limiter(2);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void timeSpentElsewhereCountsTowardTheNextSlotAndIdleTimeBuildsNoBurst() {
        SendRateLimiter limiter = limiter(1);
        limiter.acquire();
        nanos += 300_000_000L; // the send itself took 0.3 s
        limiter.acquire();
        nanos += 10_000_000_000L; // quiet for 10 s
        limiter.acquire();
        limiter.acquire();
        assertThat(sleeps).containsExactly(Duration.ofMillis(700), Duration.ofSeconds(1));
    }

    @Test
    void aRateOfZeroOrLessNeverWaits() {
        SendRateLimiter limiter = limiter(0);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRateBelowOnePerSecondSpacesSendsByMoreThanASecond() {
        SendRateLimiter limiter = limiter(0.25);
        limiter.acquire();
        limiter.acquire();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(4));
    }
}
