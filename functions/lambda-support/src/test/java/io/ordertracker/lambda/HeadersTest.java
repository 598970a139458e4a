package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void namesMatchInAnyCase() {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "idempotency-key", "k1");
        assertThat(Headers.get(headers, "content-type")).isEqualTo("application/json");
        assertThat(Headers.get(headers, "CONTENT-TYPE")).isEqualTo("application/json");
        assertThat(Headers.get(headers, "Idempotency-Key")).isEqualTo("k1");
    }

    @Test
    void anAbsentHeaderOrNoHeadersAtAllIsNull() {
        assertThat(Headers.get(Map.of("accept", "text/html"), "content-type")).isNull();
        assertThat(Headers.get(null, "content-type")).isNull();
        assertThat(Headers.get(Map.of(), "content-type")).isNull();
        assertThat(Headers.get(Map.of("accept", "text/html"), null)).isNull();
    }

    @Test
    void aNameIsNotMatchedByPrefixAndANullKeyIsSkipped() {
        Map<String, String> headers = new HashMap<>();
        headers.put(null, "odd");
        headers.put("content-type-options", "x");
        assertThat(Headers.get(headers, "content-type")).isNull();
    }

    @Test
    void theFirstOfTwoSpellingsWins() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Thing", "first");
        headers.put("x-thing", "second");
        assertThat(Headers.get(headers, "x-THING")).isEqualTo("first");
    }
}
