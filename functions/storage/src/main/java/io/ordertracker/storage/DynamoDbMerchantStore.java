package io.ordertracker.storage;

import static io.ordertracker.storage.Attr.*;

import io.ordertracker.domain.merchants.ApiKey;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.merchants.MerchantStore.SaveSettingsOutcome;
import io.ordertracker.domain.merchants.MerchantStore.SettingsRevision;
import io.ordertracker.json.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Merchants and API keys. A key is two items: the hash lookup the authorizer reads (one GetItem per cold cache)
 * and a listing entry under the merchant, so ops can list and revoke by key id.
 */
public final class DynamoDbMerchantStore implements MerchantStore {
    /** Counts settings saves: the API's ETag, and the condition that makes a concurrent edit lose. */
    static final String SETTINGS_VERSION = "settingsVersion";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbMerchantStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void createMerchant(Merchant merchant) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.merchantPk(merchant.merchantId())));
        item.put(Keys.SK, s(Keys.MERCHANT_SK));
        item.put(Keys.ENTITY, s("MERCHANT"));
        item.put("merchantId", s(merchant.merchantId()));
        item.put("name", s(merchant.name()));
        item.put("settings", s(Json.write(merchant.settings())));
        item.put("createdAt", s(merchant.createdAt().toString()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** Replaces the merchant's branding and notification settings whatever their version (fixtures, migrations). */
    public void saveSettings(String merchantId, MerchantSettings settings) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.merchantPk(merchantId)), Keys.SK, s(Keys.MERCHANT_SK)))
                .updateExpression("SET settings = :s ADD " + SETTINGS_VERSION + " :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":s", s(Json.write(settings)), ":one", n(1))));
    }

    @Override
    public Optional<SettingsRevision> findSettings(String merchantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, s(Keys.merchantPk(merchantId)), Keys.SK, s(Keys.MERCHANT_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue version = item.get(SETTINGS_VERSION);
        return Optional.of(new SettingsRevision(Json.read(str(item, "settings"), MerchantSettings.class),
                version == null ? 0 : Long.parseLong(version.n())));
    }

    /**
     * Conditional on the version read: items written before settings had versions have none, which counts as 0.
     * A failed condition on an existing item is a concurrent edit; on a missing item, no merchant.
     */
    @Override
    public SaveSettingsOutcome saveSettings(String merchantId, MerchantSettings settings, long expectedVersion) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", s(Json.write(settings)));
        values.put(":next", n(expectedVersion + 1));
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_exists(pk) AND (attribute_not_exists(" + SETTINGS_VERSION + ") OR " + SETTINGS_VERSION + " = :v)";
        } else {
            condition = "attribute_exists(pk) AND " + SETTINGS_VERSION + " = :v";
        }
        values.put(":v", n(expectedVersion));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(Keys.PK, s(Keys.merchantPk(merchantId)), Keys.SK, s(Keys.MERCHANT_SK)))
                    .updateExpression("SET settings = :s, " + SETTINGS_VERSION + " = :next")
                    .conditionExpression(condition).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return findSettings(merchantId).isPresent() ? new SaveSettingsOutcome.VersionConflict()
                    : new SaveSettingsOutcome.NoSuchMerchant();
        }
        return new SaveSettingsOutcome.Saved(new SettingsRevision(settings, expectedVersion + 1));
    }

    @Override
    public Optional<Merchant> findMerchant(String merchantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.merchantPk(merchantId)), Keys.SK, s(Keys.MERCHANT_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Merchant(str(item, "merchantId"), str(item, "name"),
                Json.read(str(item, "settings"), MerchantSettings.class), instant(item, "createdAt")));
    }

    @Override
    public void saveKey(ApiKey key) {
        Map<String, AttributeValue> lookup = keyItem(key, Keys.apiKeyPk(key.keyHash()), Keys.API_KEY_SK);
        Map<String, AttributeValue> listing = keyItem(key, Keys.merchantPk(key.merchantId()), Keys.merchantKeySk(key.keyId()));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(lookup)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(listing)
                        .conditionExpression("attribute_not_exists(pk)").build()).build()));
    }

    private static Map<String, AttributeValue> keyItem(ApiKey key, String pk, String sk) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(pk));
        item.put(Keys.SK, s(sk));
        item.put(Keys.ENTITY, s("API_KEY"));
        item.put("keyId", s(key.keyId()));
        item.put("merchantId", s(key.merchantId()));
        item.put("keyHash", s(key.keyHash()));
        item.put("active", bool(key.active()));
        item.put("createdAt", s(key.createdAt().toString()));
        return item;
    }

    private static ApiKey keyFrom(Map<String, AttributeValue> item) {
        return new ApiKey(str(item, "keyId"), str(item, "merchantId"), str(item, "keyHash"), flag(item, "active"),
                instant(item, "createdAt"), instant(item, "revokedAt"));
    }

    @Override
    public Optional<ApiKey> findActiveKeyByHash(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(Keys.apiKeyPk(keyHash)), Keys.SK, s(Keys.API_KEY_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = keyFrom(item);
        return key.active() ? Optional.of(key) : Optional.empty();
    }

    @Override
    public List<ApiKey> listKeys(String merchantId) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.merchantPk(merchantId)), ":p", s("APIKEY#"))))
                .items().stream().map(DynamoDbMerchantStore::keyFrom).toList();
    }

    @Override
    public boolean revokeKey(String merchantId, String keyId, Instant at) {
        Map<String, AttributeValue> listingKey = Map.of(Keys.PK, s(Keys.merchantPk(merchantId)),
                Keys.SK, s(Keys.merchantKeySk(keyId)));
        Map<String, AttributeValue> listing = dynamo.getItem(b -> b.tableName(table).key(listingKey).consistentRead(true)).item();
        if (listing == null || listing.isEmpty()) {
            return false;
        }
        String now = at.toString();
        Map<String, AttributeValue> values = Map.of(":f", bool(false), ":now", s(now), ":m", s(merchantId));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(listingKey)
                            .updateExpression("SET active = :f, revokedAt = :now")
                            .conditionExpression("merchantId = :m").expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(Map.of(Keys.PK, s(Keys.apiKeyPk(str(listing, "keyHash"))), Keys.SK, s(Keys.API_KEY_SK)))
                            .updateExpression("SET active = :f, revokedAt = :now")
                            .conditionExpression("merchantId = :m").expressionAttributeValues(values)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }
}
