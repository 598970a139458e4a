package io.ordertracker.domain.merchants;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Languages;
import io.ordertracker.domain.notify.QuietHours;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Branding, sender, the milestone/channel matrix and the merchant's own notification rules. Defaults follow the table
 * in docs/design.md ("What fires, and the default channels"). Every field added after the first release may be
 * missing on stored items and then takes its default here (null: the stack's setting applies).
 *
 * @param fromName            display name of the From header; null: the display name
 * @param replyToEmail        Reply-To of emails; null: the support email
 * @param quietHours          {@code HH:MM-HH:MM} in the shopper's zone for texts; null: the stack's QUIET_HOURS
 * @param stallDaysByCarrier  business days without a scan before a parcel of that carrier is stalled
 * @param defaultLanguage     BCP 47 tag for shoppers whose order carries no locale; null: the stack's default
 * @param trackingPageBaseUrl where the merchant serves the tracking page; null: the stack's TRACKING_PAGE_BASE_URL
 * @param reviewUrl           a review/feedback link shown in the delivered email; null: none
 * @param messageOverrides    the merchant's own subject and intro line per milestone and language
 *                            ({@link Languages#SUPPORTED} tags); empty: ours
 */
public record MerchantSettings(String displayName, String logoUrl, String primaryColor, String accentColor,
                               String fromEmail, String supportEmail, String supportUrl,
                               Map<Milestone, Set<Channel>> notifications, int stallDays,
                               String fromName, String replyToEmail, String quietHours,
                               Map<Carrier, Integer> stallDaysByCarrier, String defaultLanguage,
                               String trackingPageBaseUrl, String reviewUrl,
                               Map<Milestone, Map<String, MessageOverride>> messageOverrides) {

    public MerchantSettings {
        if (messageOverrides == null) {
            messageOverrides = Map.of();
        } else {
            Map<Milestone, Map<String, MessageOverride>> copy = new EnumMap<>(Milestone.class);
            messageOverrides.forEach((m, byLanguage) -> copy.put(m, Map.copyOf(byLanguage)));
            messageOverrides = Map.copyOf(copy);
        }
        notifications = notifications == null ? defaultNotifications() : Map.copyOf(notifications);
        primaryColor = primaryColor == null ? "#1f4e79" : primaryColor;
        accentColor = accentColor == null ? "#f2a900" : accentColor;
        stallDays = stallDays <= 0 ? 3 : stallDays;
        stallDaysByCarrier = stallDaysByCarrier == null ? Map.of() : Map.copyOf(stallDaysByCarrier);
    }

    /** The settings before message overrides. */
    public MerchantSettings(String displayName, String logoUrl, String primaryColor, String accentColor,
                            String fromEmail, String supportEmail, String supportUrl,
                            Map<Milestone, Set<Channel>> notifications, int stallDays,
                            String fromName, String replyToEmail, String quietHours,
                            Map<Carrier, Integer> stallDaysByCarrier, String defaultLanguage,
                            String trackingPageBaseUrl, String reviewUrl) {
        this(displayName, logoUrl, primaryColor, accentColor, fromEmail, supportEmail, supportUrl, notifications,
                stallDays, fromName, replyToEmail, quietHours, stallDaysByCarrier, defaultLanguage, trackingPageBaseUrl,
                reviewUrl, null);
    }

    /** The settings as first released: branding, sender address, matrix and one stall threshold. */
    public MerchantSettings(String displayName, String logoUrl, String primaryColor, String accentColor,
                            String fromEmail, String supportEmail, String supportUrl,
                            Map<Milestone, Set<Channel>> notifications, int stallDays) {
        this(displayName, logoUrl, primaryColor, accentColor, fromEmail, supportEmail, supportUrl, notifications,
                stallDays, null, null, null, null, null, null, null);
    }

    public static MerchantSettings defaults(String displayName) {
        return new MerchantSettings(displayName, null, null, null, null, null, null, null, 3);
    }

    /** The merchant's own wording for a milestone in one of {@link Languages#SUPPORTED}, if it set one. */
    public Optional<MessageOverride> messageOverride(Milestone milestone, String language) {
        return Optional.ofNullable(messageOverrides.getOrDefault(milestone, Map.of()).get(language));
    }

    public boolean wants(Milestone milestone, Channel channel) {
        return notifications.getOrDefault(milestone, Set.of()).contains(channel);
    }

    /** The merchant's quiet hours for texts, if set (validated on the way in; an unreadable stored value is ignored). */
    public Optional<QuietHours> quietHoursRule() {
        return QuietHours.parse(quietHours);
    }

    /** The merchant's own threshold for this carrier, else its general one. */
    public int stallDaysFor(Carrier carrier) {
        return stallDaysByCarrier.getOrDefault(carrier, stallDays);
    }

    public static Map<Milestone, Set<Channel>> defaultNotifications() {
        Map<Milestone, Set<Channel>> m = new EnumMap<>(Milestone.class);
        m.put(Milestone.ORDER_CONFIRMED, EnumSet.of(Channel.EMAIL));
        m.put(Milestone.SHIPPED, EnumSet.of(Channel.EMAIL));
        m.put(Milestone.IN_TRANSIT, EnumSet.noneOf(Channel.class));
        m.put(Milestone.OUT_FOR_DELIVERY, EnumSet.of(Channel.SMS));
        m.put(Milestone.AVAILABLE_FOR_PICKUP, EnumSet.of(Channel.EMAIL, Channel.SMS));
        m.put(Milestone.DELIVERED, EnumSet.of(Channel.EMAIL, Channel.SMS));
        m.put(Milestone.EXCEPTION, EnumSet.of(Channel.EMAIL, Channel.SMS));
        m.put(Milestone.DELAYED, EnumSet.of(Channel.EMAIL, Channel.SMS));
        m.put(Milestone.STALLED, EnumSet.of(Channel.EMAIL, Channel.SMS));
        return m;
    }
}
