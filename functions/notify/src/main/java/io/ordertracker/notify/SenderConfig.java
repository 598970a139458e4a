package io.ordertracker.notify;

import io.ordertracker.domain.notify.QuietHours;
import io.ordertracker.lambda.Env;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/** The sender functions' configuration, from the environment template.yaml sets. */
public final class SenderConfig {
    private SenderConfig() {
    }

    public static NotificationSender.Settings settings() {
        return new NotificationSender.Settings(Env.get("TRACKING_PAGE_BASE_URL").orElse(null),
                ZoneId.of(Env.get("DEFAULT_TIME_ZONE").orElse("UTC")),
                Locale.forLanguageTag(Env.get("DEFAULT_LOCALE").orElse("en-US")));
    }

    /** Quiet hours as {@code QUIET_HOURS=21:00-08:00} (the default). */
    public static QuietHours quietHours() {
        return Env.get("QUIET_HOURS").map(spec -> {
            String[] parts = spec.split("-");
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        }).orElse(QuietHours.DEFAULT);
    }

    /** How long a ledger claim keeps a copy of the job from sending, {@code CLAIM_LEASE_SECONDS} (default 120). */
    public static Duration claimLease() {
        return Duration.ofSeconds(Env.intValue("CLAIM_LEASE_SECONDS", 120));
    }
}
