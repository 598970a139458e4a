package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleBackoffTest {

    @ParameterizedTest
    @CsvSource({
        // receive, shortest wait (jitter 0), longest wait (jitter ~1)
        "0,    15,  30",
        "1,    15,  30",
        "2,    30,  60",
        "3,    60, 120",
        "5,   240, 480",
        "6,   450, 900",
        "40,  450, 900",
        "2147483647, 450, 900",
    })
    void theWaitDoublesPerReceiveUpToFifteenMinutesAndNeverFallsBelowHalfItsCeiling(int receive, long shortest,
                                                                                   long longest) {
        assertThat(new ThrottleBackoff(() -> 0.0).after(receive)).isEqualTo(Duration.ofSeconds(shortest));
        assertThat(new ThrottleBackoff(() -> 0.999999).after(receive)).isEqualTo(Duration.ofSeconds(longest));
    }
}
