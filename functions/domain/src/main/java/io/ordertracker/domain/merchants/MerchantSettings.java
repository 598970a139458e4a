package io.ordertracker.domain.merchants;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Branding and the milestone/channel matrix. Defaults follow the table in docs/design.md ("What fires, and the default channels").
 */
public record MerchantSettings(String displayName, String logoUrl, String primaryColor, String accentColor,
                               String fromEmail, String supportEmail, String supportUrl,
                               Map<Milestone, Set<Channel>> notifications, int stallDays) {

    public MerchantSettings {
        notifications = notifications == null ? defaultNotifications() : Map.copyOf(notifications);
        primaryColor = primaryColor == null ? "#1f4e79" : primaryColor;
        accentColor = accentColor == null ? "#f2a900" : accentColor;
        stallDays = stallDays <= 0 ? 3 : stallDays;
    }

    public static MerchantSettings defaults(String displayName) {
        return new MerchantSettings(displayName, null, null, null, null, null, null, null, 3);
    }

    public boolean wants(Milestone milestone, Channel channel) {
        return notifications.getOrDefault(milestone, Set.of()).contains(channel);
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
