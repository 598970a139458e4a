package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The Standard Webhooks reference vector (the spec's libraries test with it). */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheReferenceVectorAsTheSpecsLibrariesDo() {
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TS, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesOnlyTheSignedMessageWithinTheTolerance() {
        String header = WebhookSignature.header(List.of(SECRET), ID, TS, BODY);
        assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, header, TS + 10)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY + " ", header, TS)).as("tampered body").isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID + "x", Long.toString(TS), BODY, header, TS)).as("other id").isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS + 1), BODY, header, TS)).as("other timestamp").isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, header, TS + 301)).as("too old").isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), ID, Long.toString(TS), BODY, header, TS))
                .as("another secret").isFalse();
    }

    @Test
    void aRotationSignsWithBothSecretsAndEachVerifies() {
        String next = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(next, SECRET), ID, TS, BODY);
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, header, TS)).isTrue();
        assertThat(WebhookSignature.verify(next, ID, Long.toString(TS), BODY, header, TS)).isTrue();
    }

    @Test
    void newSecretsAreWhsecAndBase64OfAtLeast24RandomBytes() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSizeGreaterThanOrEqualTo(24).hasSizeLessThanOrEqualTo(64);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    }
}
