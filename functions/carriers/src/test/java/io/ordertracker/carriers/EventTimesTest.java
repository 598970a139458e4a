package io.ordertracker.carriers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-05:00, -05:00", "-5:00, -05:00", "-7:00, -07:00", "+0100, +01:00", "+01, +01:00", "Z, Z",
            "+05:30, +05:30", "-10:00, -10:00"})
    void offsets_in_every_shape_carriers_send(String text, String expected) {
        assertThat(EventTimes.offset(text)).isEqualTo(ZoneOffset.of(expected));
    }

    @Test
    void unreadable_offsets_are_null_not_guessed() {
        assertThat(EventTimes.offset("EST")).isNull();
        assertThat(EventTimes.offset("")).isNull();
        assertThat(EventTimes.offset(null)).isNull();
    }

    @Test
    void iso_times_keep_their_own_offset_and_use_the_given_one_only_when_they_have_none() {
        assertThat(EventTimes.isoDateTime("2026-03-08T08:03:00-05:00", ZoneOffset.UTC))
                .isEqualTo(OffsetDateTime.parse("2026-03-08T08:03:00-05:00"));
        assertThat(EventTimes.isoDateTime("2026-03-08T08:03:00", ZoneOffset.ofHours(-6)))
                .isEqualTo(OffsetDateTime.parse("2026-03-08T08:03:00-06:00"));
        assertThat(EventTimes.isoDateTime("2024-04-04T14:03:12.041Z", null))
                .isEqualTo(OffsetDateTime.parse("2024-04-04T14:03:12.041Z"));
        assertThat(EventTimes.isoDateTime("2026-03-08T08:03", null))
                .isEqualTo(OffsetDateTime.parse("2026-03-08T08:03:00Z"));
        assertThat(EventTimes.isoDateTime("yesterday", null)).isNull();
    }

    @Test
    void leading_date_never_shifts_through_utc() {
        assertThat(EventTimes.leadingDate("2026-03-10T23:00:00-10:00")).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(EventTimes.leadingDate("2026-03-10T00:30:00+09:00")).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(EventTimes.leadingDate("2026-03-10")).isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void ups_compact_dates_and_times_including_a_dropped_leading_zero() {
        assertThat(EventTimes.compact("20210210", "071356", ZoneOffset.ofHours(-5)))
                .isEqualTo(OffsetDateTime.parse("2021-02-10T07:13:56-05:00"));
        assertThat(EventTimes.compactTime("74700")).isEqualTo(LocalTime.of(7, 47));
        assertThat(EventTimes.compactDate("2021-02-10")).isNull();
    }

    @Test
    void usps_window_clock_times() {
        assertThat(EventTimes.clockTime("10:00")).isEqualTo(LocalTime.of(10, 0));
        assertThat(EventTimes.clockTime("2:30 pm")).isEqualTo(LocalTime.of(14, 30));
        assertThat(EventTimes.clockTime("noonish")).isNull();
    }
}
