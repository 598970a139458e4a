package io.ordertracker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarrierTest {

    @ParameterizedTest
    @CsvSource({
        "ups, 1Z5R89390357567127, true",
        "ups, 1Z5R89390357567128, false",
        "ups, 1Z5R8939035756712, false",
        "ups, 2Z5R89390357567127, false",
        "fedex, 123456789012, true",
        "fedex, 12345678901, false",
        "fedex, 123456789012345, true",
        "fedex, 12345678901A, false",
        "usps, 9400100000000000000001, true",
        "usps, 92055000000000000000011111, true",
        "usps, EA123456789US, true",
        "usps, 8400100000000000000001, false",
        "dhl, 1234567890, true",
        "dhl, JJD000390007898956, false",
        "dhl, JJD0003900078989561234, true",
        "dhl, GM2951173225174494, true",
        "dhl, 123, false",
    })
    void checksTrackingNumberShapes(String carrier, String number, boolean valid) {
        assertThat(Carrier.fromCode(carrier).orElseThrow().accepts(number)).isEqualTo(valid);
    }

    @Test
    void upsCheckDigitMatchesMintedNumbers() {
        String body = "5R8939035756712";
        String number = "1Z" + body + Carrier.upsCheckDigit(body);
        assertThat(Carrier.UPS.accepts(number)).isTrue();
    }

    @Test
    void normalizesPastedNumbers() {
        assertThat(Carrier.normalizeTrackingNumber(" 1z 5r8 939-0357567127 ")).isEqualTo("1Z5R89390357567127");
        assertThat(Carrier.fromCode(" FedEx ")).contains(Carrier.FEDEX);
        assertThat(Carrier.fromCode("royalmail")).isEmpty();
    }
}
