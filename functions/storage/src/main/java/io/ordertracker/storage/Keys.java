package io.ordertracker.storage;

import io.ordertracker.domain.Hashing;

/**
 * Every key of the single table, in one place (docs/data-model.md lists the access pattern each one serves).
 * Merchant ids are part of every merchant-owned partition key, so no query can reach another merchant's items.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ENTITY = "entityType";
    public static final String EXPIRES_AT = "expiresAt";

    public static final String INDEX_BY_TOKEN = "ByTrackingToken";
    public static final String INDEX_DUE_FOR_POLLING = "DueForPolling";
    public static final String INDEX_BY_CARRIER_TRACKING = "ByCarrierTracking";
    /** A merchant's orders, newest first: only ORDER items carry its key attributes. */
    public static final String INDEX_ORDERS_BY_MERCHANT = "OrdersByMerchant";
    public static final String MERCHANT_ORDERS_PK = "merchantOrdersPk";
    public static final String MERCHANT_ORDERS_SK = "merchantOrdersSk";

    /** Shards per carrier of the polling index: spreads due shipments over partitions (see docs/polling.md). */
    public static final int POLL_SHARDS = io.ordertracker.domain.polling.PollSchedule.SHARDS;

    private Keys() {
    }

    public static String merchantPk(String merchantId) {
        return "MERCHANT#" + merchantId;
    }

    public static final String MERCHANT_SK = "MERCHANT";

    public static String apiKeyPk(String keyHash) {
        return "APIKEY#" + keyHash;
    }

    public static final String API_KEY_SK = "APIKEY";

    public static String merchantKeySk(String keyId) {
        return "APIKEY#" + keyId;
    }

    public static String orderPk(String merchantId, String orderNumber) {
        return "ORDER#" + merchantId + "#" + orderNumber;
    }

    public static final String ORDER_SK = "ORDER";

    public static String shipmentSk(String shipmentId) {
        return "SHIPMENT#" + shipmentId;
    }

    public static final String SHIPMENT_SK_PREFIX = "SHIPMENT#";

    public static String eventsPk(String shipmentId) {
        return "EVENTS#" + shipmentId;
    }

    public static String eventSk(String instantIso, String eventId) {
        return "EVENT#" + instantIso + "#" + eventId;
    }

    public static String idempotencyPk(String merchantId, String keyHash) {
        return "IDEMPOTENCY#" + merchantId + "#" + keyHash;
    }

    public static final String IDEMPOTENCY_SK = "IDEMPOTENCY";

    public static String pollShard(String carrierCode, String shipmentId) {
        return carrierCode + "#" + Math.floorMod(shipmentId.hashCode(), POLL_SHARDS);
    }

    /** Carrier request counter of one carrier (budget and cost metrics): one item per UTC day. */
    public static String carrierCallsPk(String carrierCode) {
        return "CARRIER#" + carrierCode;
    }

    public static String carrierCallsSk(String isoDate) {
        return "CALLS#" + isoDate;
    }

    /**
     * A merchant's API request counters (per-merchant rate limit): one partition per merchant, one item per window,
     * keyed by the window's first epoch second.
     */
    public static String rateLimitPk(String merchantId) {
        return "RATE#" + merchantId;
    }

    public static String rateLimitSk(long windowStartEpochSecond) {
        return "WINDOW#" + windowStartEpochSecond;
    }

    /** The polling index shard {@code shard} of one carrier (0 .. POLL_SHARDS-1), as the planner queries it. */
    public static String pollShard(String carrierCode, int shard) {
        return carrierCode + "#" + shard;
    }

    /**
     * The notification ledger of one order: every message about it in one partition, so an erasure can find them
     * all. The order number is hashed here and the job id in the sort key, so the keys never name the order.
     */
    public static String notificationPk(String merchantId, String orderNumber) {
        return "NOTIFY#" + merchantId + "#" + Hashing.sha256Hex(orderNumber);
    }

    /** One message's entry (job id: merchant#order#shipment-or-ORDER#milestone[#episode]#channel), hashed. */
    public static String notificationSk(String jobId) {
        return "LEDGER#" + Hashing.sha256Hex(jobId);
    }

    /**
     * The SMS sender's record of one SNS message id ({@code NOTIFY#SMS#<sha256(messageId)>}), which SNS's
     * delivery-status logs name and nothing else: whose message it was (merchant, milestone, ledger entry).
     */
    public static String smsMessagePk(String providerMessageId) {
        return "NOTIFY#SMS#" + Hashing.sha256Hex(providerMessageId);
    }

    public static final String SMS_MESSAGE_SK = "SMS_MESSAGE";

    /** A suppressed email address or phone number, by the SHA-256 of its normalized form. */
    public static String suppressionPk(String channel, String addressHash) {
        return "SUPPRESS#" + channel + "#" + addressHash;
    }

    public static final String SUPPRESSION_SK = "SUPPRESSION";

    /**
     * One shopper's email preferences at one merchant (unsubscribe, muted milestones): the merchant first, then the
     * SHA-256 of the normalized address, so the entry names neither the address nor another merchant's shopper.
     */
    public static String preferencesPk(String merchantId, String addressHash) {
        return "UNSUB#" + merchantId + "#" + addressHash;
    }

    public static final String PREFERENCES_SK = "PREFERENCES";

    /**
     * The order's sort key in {@link #INDEX_ORDERS_BY_MERCHANT}: creation time at fixed width (nanoseconds, UTC),
     * so strings sort as instants do, then the order number to keep orders of the same instant apart.
     */
    public static String merchantOrdersSk(java.time.Instant createdAt, String orderNumber) {
        return MERCHANT_ORDERS_TIME.format(createdAt) + "#" + orderNumber;
    }

    private static final java.time.format.DateTimeFormatter MERCHANT_ORDERS_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /**
     * A lane's transit aggregate and its per-shipment "counted" markers: one partition per carrier, service and lane
     * (lane figures span merchants: no merchant id, no shopper data; docs/design.md, "Lane baselines").
     */
    public static String lanePk(String laneKey) {
        return "LANE#" + laneKey;
    }

    public static final String LANE_TRANSIT_SK = "TRANSIT";

    /** The marker that a delivered shipment has been counted on its lane (a redelivered stream record finds it). */
    public static String laneCountedSk(String shipmentId) {
        return "COUNTED#" + shipmentId;
    }

    /** A merchant's webhook endpoints: one partition per merchant, one item per endpoint. */
    public static String webhookPk(String merchantId) {
        return "WEBHOOK#" + merchantId;
    }

    public static final String WEBHOOK_ENDPOINT_SK_PREFIX = "ENDPOINT#";

    public static String webhookEndpointSk(String endpointId) {
        return WEBHOOK_ENDPOINT_SK_PREFIX + endpointId;
    }

    /** One endpoint's delivery log: one partition per (merchant, endpoint), sort keys in time order. */
    public static String webhookDeliveryPk(String merchantId, String endpointId) {
        return "WHDELIVERY#" + merchantId + "#" + endpointId;
    }

    public static String webhookDeliverySk(String deliveryId) {
        return "DELIVERY#" + deliveryId;
    }

    /**
     * A merchant's daily aggregates (analytics) and the markers of the facts counted on them: one partition per
     * merchant (docs/analytics.md).
     */
    public static String statsPk(String merchantId) {
        return "STATS#" + merchantId;
    }

    /** One aggregate: the day first, so a period is one range of sort keys. */
    public static String statsDaySk(String isoDate, String group) {
        return STATS_DAY_SK_PREFIX + isoDate + "#" + group;
    }

    public static final String STATS_DAY_SK_PREFIX = "DAY#";

    /** The marker that a fact was counted (a redelivered stream record finds it): the fact id, hashed. */
    public static String statsFactSk(String factId) {
        return "FACT#" + Hashing.sha256Hex(factId);
    }

    public static String carrierTracking(String carrierCode, String trackingNumber) {
        return carrierCode + "#" + trackingNumber;
    }
}
