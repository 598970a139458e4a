package io.ordertracker.domain.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MerchantRateLimitTest {

    @Test
    void windowsLastBurstOverRateSecondsAndAdmitTheBurst() {
        MerchantRateLimiter.Limit defaults = new MerchantRateLimiter.Limit(20, 40);
        assertThat(defaults.window()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.perWindow()).isEqualTo(40);
        // a burst that is not a multiple of the rate: the window rounds up, so the rate is never exceeded on average
        MerchantRateLimiter.Limit uneven = new MerchantRateLimiter.Limit(30, 40);
        assertThat(uneven.window()).isEqualTo(Duration.ofSeconds(2));
        assertThat(uneven.perWindow()).isEqualTo(40);
        // a burst below the rate is raised to one second's worth
        MerchantRateLimiter.Limit small = new MerchantRateLimiter.Limit(10, 3);
        assertThat(small.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(small.perWindow()).isEqualTo(10);
        assertThat(new MerchantRateLimiter.Limit(0, 40).enabled()).isFalse();
        assertThat(defaults.enabled()).isTrue();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(MerchantRateLimiter.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(MerchantRateLimiter.retryAfterSeconds(Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(MerchantRateLimiter.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(MerchantRateLimiter.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }
}
