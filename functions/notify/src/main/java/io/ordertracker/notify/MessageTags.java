package io.ordertracker.notify;

import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.notify.NotificationJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SES message tags every email carries, so that the configuration set's events (delivery, bounce, complaint,
 * open, click) say whose message it was without a lookup: {@code ot_merchant}, {@code ot_channel},
 * {@code ot_milestone} and {@code ot_ledger} (the sha256 of the ledger key, which names the order). SES allows
 * {@code [A-Za-z0-9_.@-]} up to 256 characters per value: a merchant id outside that gets no tags (its outcomes are
 * not counted; ids the API creates always fit).
 */
public final class MessageTags {
    public static final String MERCHANT = "ot_merchant";
    public static final String CHANNEL = "ot_channel";
    public static final String MILESTONE = "ot_milestone";
    public static final String LEDGER = "ot_ledger";
    private static final Pattern SES_VALUE = Pattern.compile("[A-Za-z0-9_.@-]{1,256}");

    private MessageTags() {
    }

    public static Map<String, String> of(NotificationJob job) {
        if (job.merchantId() == null || !SES_VALUE.matcher(job.merchantId()).matches()) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MERCHANT, job.merchantId());
        tags.put(CHANNEL, job.channel().name());
        tags.put(MILESTONE, job.milestone().name());
        tags.put(LEDGER, Hashing.sha256Hex(job.jobId()));
        return tags;
    }

    public static boolean valid(String value) {
        return value != null && SES_VALUE.matcher(value).matches();
    }

    /** A tag's value from SES's {@code mail.tags} (name to list of values), if there is one. */
    public static Optional<String> first(Map<String, java.util.List<String>> tags, String name) {
        var values = tags == null ? null : tags.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
