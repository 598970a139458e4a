package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.functions.trackingpage.Journeys.Journey;
import io.ordertracker.functions.trackingpage.Journeys.Seeded;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShopperPreferences;
import io.ordertracker.storage.DynamoDbTrackingPageReader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB Local per test JVM with the table from template.yaml, and {@link Journeys} seeding it. */
final class PageFixtures {
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final DynamoDbClient CLIENT = DYNAMO.client();
    static final String TABLE = "TrackingTable";
    static final Instant NOW = Journeys.NOW;
    static final Clock CLOCK = Journeys.CLOCK;
    static final String SHOPPER_NAME = Journeys.SHOPPER_NAME;
    static final String SHOPPER_EMAIL = Journeys.SHOPPER_EMAIL;
    static final String SHOPPER_PHONE = Journeys.SHOPPER_PHONE;

    static {
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(CLIENT);
    }

    static final Journeys JOURNEYS = new Journeys(CLIENT, TABLE);
    static final DynamoDbOrderStore ORDERS = JOURNEYS.orders();
    static final DynamoDbTrackingPageReader READER = new DynamoDbTrackingPageReader(CLIENT, TABLE);
    static final DynamoDbShopperPreferences PREFERENCES =
            new DynamoDbShopperPreferences(CLIENT, TABLE, io.ordertracker.domain.RetentionPolicy.DEFAULT);
    static final DynamoDbMerchantStore MERCHANTS = new DynamoDbMerchantStore(CLIENT, TABLE);
    static final DynamoDbMerchantFacts FACTS = new DynamoDbMerchantFacts(CLIENT, TABLE, CLOCK);

    private PageFixtures() {
    }

    static Merchant merchant(String name, MerchantSettings settings) {
        return JOURNEYS.merchant(name, settings);
    }

    static Merchant plainMerchant() {
        return JOURNEYS.plainMerchant();
    }

    static Seeded seed(Journey journey, Merchant merchant) {
        return JOURNEYS.seed(journey, merchant);
    }

    static Seeded seed(Journey journey, Merchant merchant, String token, String locale, List<TrackingEvent> extraEvents) {
        return JOURNEYS.seed(journey, merchant, token, locale, extraEvents);
    }

    static void putEvent(String shipmentId, TrackingEvent event) {
        JOURNEYS.putEvent(shipmentId, event);
    }

    static void expire(Seeded seeded, Instant at) {
        JOURNEYS.expire(seeded, at);
    }

    static TrackingPageFunction function() {
        return new TrackingPageFunction(READER::read, PREFERENCES, MERCHANTS, CLOCK, null, FACTS);
    }
}
