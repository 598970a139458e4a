package io.ordertracker.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DashboardLinksTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-key".getBytes(StandardCharsets.UTF_8);
    static final LocalDate FROM = LocalDate.parse("2026-11-01");
    static final LocalDate TO = LocalDate.parse("2026-11-30");

    static DashboardLinks at(Instant now) {
        return new DashboardLinks(() -> KEY, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aLinkIsValidUntilItsExpiryThenExpiredNeverBefore() {
        DashboardLinks.Link link = at(NOW).issue("m_1", FROM, TO, Duration.ofMinutes(30));

        assertThat(link.grant().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(at(NOW.plus(Duration.ofMinutes(30)).minusSeconds(1)).verify(link.token()))
                .isEqualTo(new DashboardLinks.Verdict.Valid(new DashboardLinks.Grant("m_1", FROM, TO, link.grant().expiresAt())));
        assertThat(at(NOW.plus(Duration.ofMinutes(30))).verify(link.token()))
                .isEqualTo(new DashboardLinks.Verdict.Expired(link.grant().expiresAt()));
    }

    @Test
    void twoLinksForTheSameGrantDiffer() {
        assertThat(at(NOW).issue("m_1", FROM, TO, Duration.ofHours(1)).token())
                .isNotEqualTo(at(NOW).issue("m_1", FROM, TO, Duration.ofHours(1)).token());
    }

    @Test
    void anyEditOfThePayloadOrAnotherKeyIsInvalidNotExpired() {
        String token = at(NOW).issue("m_1", FROM, TO, Duration.ofHours(1)).token();
        String signature = token.substring(token.indexOf('.'));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        for (String edited : new String[] {payload.replace("m_1", "m_2"), payload.replace("2026-11-01", "2025-12-01"),
            payload.replaceFirst("\\|[0-9]{10}\\|", "|1000000000|")}) {
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8))
                    + signature;
            assertThat(at(NOW).verify(forged)).as(edited).isEqualTo(new DashboardLinks.Verdict.Invalid());
        }
        DashboardLinks otherKey = new DashboardLinks(() -> "another-key-of-enough-length-000000".getBytes(
                StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherKey.verify(token)).isEqualTo(new DashboardLinks.Verdict.Invalid());
        assertThat(at(NOW).verify(null)).isEqualTo(new DashboardLinks.Verdict.Invalid());
        assertThat(at(NOW).verify("x.y")).isEqualTo(new DashboardLinks.Verdict.Invalid());
    }

    @Test
    void periodsLifetimesAndKeysOutOfBoundsAreRefused() {
        assertThatThrownBy(() -> at(NOW).issue("m_1", TO, FROM, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at(NOW).issue("m_1", FROM.minusDays(400), TO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at(NOW).issue("m_1", FROM, TO, Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DashboardLinks(() -> new byte[16], Clock.fixed(NOW, ZoneOffset.UTC))
                .issue("m_1", FROM, TO, Duration.ofHours(1))).isInstanceOf(IllegalStateException.class);
        assertThat(at(NOW).today()).isEqualTo(TO);
    }
}
