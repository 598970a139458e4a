package io.ordertracker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(String name, LocalDate day, Instant at, String absent) {
    }

    @Test
    void writesIsoDatesAndLeavesNullsOut() {
        String json = Json.write(new Sample("a", LocalDate.of(2026, 12, 1), Instant.parse("2026-12-01T08:00:00Z"), null));

        assertThat(json).isEqualTo("{\"name\":\"a\",\"day\":\"2026-12-01\",\"at\":\"2026-12-01T08:00:00Z\"}");
        assertThat(Json.read(json, Sample.class).day()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void strictReadingRefusesDuplicateKeysTrailingTokensAndUnknownFields() {
        assertThatThrownBy(() -> Json.read("{\"name\":\"a\",\"name\":\"b\"}", Sample.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sample");
        assertThatThrownBy(() -> Json.read("{\"name\":\"a\"} {}", Sample.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.read("{\"name\":\"a\",\"extra\":1}", Sample.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(40) + "]".repeat(40);

        assertThatThrownBy(() -> Json.MAPPER.readTree(deep)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void tolerantReadingAcceptsWhatCarriersSend() throws Exception {
        assertThat(Json.TOLERANT.readTree("{\"a\":1,\"a\":2}").get("a").asInt()).isEqualTo(2);
        assertThat(Json.TOLERANT.readValue("{\"name\":\"a\",\"extra\":1}", Sample.class).name()).isEqualTo("a");
        assertThatThrownBy(() -> Json.TOLERANT.readTree("[".repeat(40) + "]".repeat(40)))
                .isInstanceOf(JsonProcessingException.class);
    }
}
