package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.s;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Hashing;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.notify.ShopperPreferences;
import io.ordertracker.domain.notify.SuppressionList;
import io.ordertracker.domain.notify.UnsubscribeToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link ShopperPreferences} on the table: one item per (merchant, address), {@code pk = UNSUB#<merchant>#<sha256
 * of the normalized address>}, {@code sk = PREFERENCES}, holding the token's secret, {@code unsubscribedAll}, the
 * muted milestones (a string set) and {@code expiresAt} (the retention after its latest use). No readable address.
 */
public final class DynamoDbShopperPreferences implements ShopperPreferences {
    public static final String ENTITY = "PREFERENCES";

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;

    public DynamoDbShopperPreferences(DynamoDbClient dynamo, String table, RetentionPolicy retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public static String addressKey(String email) {
        return Hashing.sha256Hex(SuppressionList.normalize(Channel.EMAIL, email));
    }

    private static Map<String, AttributeValue> key(String merchantId, String addressKey) {
        return Map.of(Keys.PK, s(Keys.preferencesPk(merchantId, addressKey)), Keys.SK, s(Keys.PREFERENCES_SK));
    }

    @Override
    public Preferences forSending(String merchantId, String email, Instant now) {
        String addressKey = addressKey(email);
        Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table).key(key(merchantId, addressKey))
                .updateExpression("SET entityType = :e, expiresAt = :x, secret = if_not_exists(secret, :s), "
                        + "createdAt = if_not_exists(createdAt, :now)")
                .expressionAttributeValues(Map.of(":e", s(ENTITY), ":x", Attr.n(expiry(now)),
                        ":s", s(UnsubscribeToken.newSecret()), ":now", s(now.toString())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return preferences(new UnsubscribeToken(merchantId, addressKey, Attr.str(item, "secret")).toString(), item);
    }

    @Override
    public Optional<Subscriber> find(String token, Instant now) {
        Optional<UnsubscribeToken> parsed = UnsubscribeToken.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        UnsubscribeToken t = parsed.get();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(t.merchantId(), t.addressKey())).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !sameSecret(Attr.str(item, "secret"), t.secret())
                || Attr.num(item, Keys.EXPIRES_AT, Long.MAX_VALUE) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Subscriber(t.merchantId(), preferences(token, item)));
    }

    @Override
    public boolean unsubscribeAll(String token, Instant now) {
        return write(token, "SET unsubscribedAll = :all, updatedAt = :now, expiresAt = :x",
                Map.of(":all", AttributeValue.fromBool(true)), now);
    }

    @Override
    public boolean update(String token, boolean unsubscribedAll, Set<Milestone> muted, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":all", AttributeValue.fromBool(unsubscribedAll));
        String expression = "SET unsubscribedAll = :all, updatedAt = :now, expiresAt = :x";
        if (muted.isEmpty()) {
            expression += " REMOVE muted";
        } else {
            expression += ", muted = :muted";
            values.put(":muted", AttributeValue.fromSs(muted.stream().map(Milestone::name).sorted().toList()));
        }
        return write(token, expression, values, now);
    }

    /** A write only the holder of the token may make: conditional on the stored secret, on an entry that exists. */
    private boolean write(String token, String expression, Map<String, AttributeValue> values, Instant now) {
        Optional<UnsubscribeToken> parsed = UnsubscribeToken.parse(token);
        if (parsed.isEmpty()) {
            return false;
        }
        UnsubscribeToken t = parsed.get();
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":now", s(now.toString()));
        all.put(":x", Attr.n(expiry(now)));
        all.put(":secret", s(t.secret()));
        all.put(":nowEpoch", Attr.n(now.getEpochSecond()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(t.merchantId(), t.addressKey()))
                    .updateExpression(expression)
                    .conditionExpression("secret = :secret AND expiresAt > :nowEpoch")
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private long expiry(Instant now) {
        return retention.preferencesExpiry(now).getEpochSecond();
    }

    private static Preferences preferences(String token, Map<String, AttributeValue> item) {
        AttributeValue muted = item.get("muted");
        Set<Milestone> set = EnumSet.noneOf(Milestone.class);
        for (String name : muted == null || !muted.hasSs() ? List.<String>of() : muted.ss()) {
            try {
                set.add(Milestone.valueOf(name));
            } catch (IllegalArgumentException e) {
                // a milestone this code no longer knows: nothing to mute
            }
        }
        return new Preferences(token, Attr.flag(item, "unsubscribedAll"), set);
    }

    private static boolean sameSecret(String stored, String given) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
