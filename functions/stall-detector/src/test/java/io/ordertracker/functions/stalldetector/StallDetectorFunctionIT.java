package io.ordertracker.functions.stalldetector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.notify.StallConfirmation;
import io.ordertracker.domain.polling.Observation;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.domain.polling.ObservationWriter.Answer;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.lambda.Env;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.StallDetector;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import io.ordertracker.storage.DynamoDbStallWatch;
import io.ordertracker.storage.ShipmentItems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StallDetectorFunctionIT {
    static DynamoDbLocal dynamoLocal;
    static DynamoDbClient dynamo;
    static final String TABLE = "TrackingTable";

    @BeforeAll
    static void start() {
        dynamoLocal = DynamoDbLocal.start();
        dynamo = dynamoLocal.client();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo);
    }

    @AfterAll
    static void stop() {
        dynamoLocal.close();
    }

    @Test
    void aConfirmingPollThatFindsANewScanRaisesNoStall() {
        String merchantId = "m_" + UUID.randomUUID();
        Instant monday = Instant.parse("2026-11-16T15:00:00Z");
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, TABLE);
        DynamoDbMerchantStore merchants = new DynamoDbMerchantStore(dynamo, TABLE);
        merchants.createMerchant(new Merchant(merchantId, "Acme", MerchantSettings.defaults("Acme"), monday));
        Shipment s = new Shipment(merchantId, "2001", "shp_b", Carrier.UPS, "1Z5R89390357567127", "tok2", ShipmentStatus.IN_TRANSIT,
                ExceptionReason.NONE, null, false, false, monday, monday, monday.plusSeconds(3600), true, monday, monday, 1);
        orders.create(new Order(merchantId, "2001", new Customer("Ada", "ada@example.com", null, "UTC", "en-US"),
                List.of(), null, monday, "h"), List.of(s), null);
        StallDetector.Config config = new StallDetector.Config(Map.of(), 3, ZoneId.of("UTC"));
        Instant thursday = Instant.parse("2026-11-19T15:00:00Z");
        var detector = new StallDetector(new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config, Clock.fixed(thursday, ZoneOffset.UTC));
        assertThat(detector.run().stalledRaised()).isZero();
        assertThat(orders.findShipment(merchantId, "2001", "shp_b").orElseThrow().nextPollAt()).isEqualTo(thursday);

        // the poll finds that the carrier scanned the parcel on Wednesday: we simply had not asked since Monday
        Shipment polled = orders.findShipment(merchantId, "2001", "shp_b").orElseThrow();
        Instant wednesday = Instant.parse("2026-11-18T09:00:00Z");
        dynamo.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("ORDER#" + merchantId + "#2001"),
                        "sk", AttributeValue.fromS("SHIPMENT#shp_b")))
                .updateExpression("SET lastScanAt = :w, lastEventAt = :w, version = version + :one")
                .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(wednesday.toString()),
                        ":one", AttributeValue.fromN("1"))));
        var later = new StallDetector(new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config,
                Clock.fixed(thursday.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThat(later.run().stalledRaised()).isZero();
        assertThat(orders.findShipment(merchantId, "2001", "shp_b").orElseThrow().stalled()).isFalse();
        assertThat(polled.version()).isLessThan(orders.findShipment(merchantId, "2001", "shp_b").orElseThrow().version());
    }

    @Test
    void raisesEachFlagOnceAndClearsItWhenTheFactsChange() {
        String merchantId = "m_" + UUID.randomUUID();
        Instant monday = Instant.parse("2026-11-16T15:00:00Z");
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, TABLE);
        DynamoDbMerchantStore merchants = new DynamoDbMerchantStore(dynamo, TABLE);
        merchants.createMerchant(new Merchant(merchantId, "Acme", MerchantSettings.defaults("Acme"), monday));
        Shipment s = new Shipment(merchantId, "1001", "shp_a", Carrier.USPS, "9400111899223100000000", "tok", ShipmentStatus.IN_TRANSIT,
                ExceptionReason.NONE, null, false, false, monday, monday, monday.plusSeconds(3600), true, monday, monday, 2);
        orders.create(new Order(merchantId, "1001", new Customer("Ada", "ada@example.com", null, "America/Chicago", "en-US"),
                List.of(), LocalDate.parse("2026-11-18"), monday, "h"), List.of(s), null);

        // Thursday: past the promised date (Wed 18th) and, for USPS at 4 business days, not yet stalled
        Instant thursday = Instant.parse("2026-11-19T15:00:00Z");
        StallDetector.Config config = new StallDetector.Config(Map.of(Carrier.USPS, 4), 3, ZoneId.of("UTC"));
        var function = new StallDetectorFunction(new StallDetector(new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config,
                Clock.fixed(thursday, ZoneOffset.UTC)));
        StallDetector.Summary first = function.handleRequest(new ScheduledEvent(), null);
        assertThat(first.delayedRaised()).isEqualTo(1);
        assertThat(first.stalledRaised()).isZero();
        Shipment flagged = orders.findShipment(merchantId, "1001", "shp_a").orElseThrow();
        assertThat(flagged.delayed()).isTrue();
        assertThat(flagged.version()).isEqualTo(3);
        assertThat(function.handleRequest(new ScheduledEvent(), null).delayedRaised()).isZero();

        // Friday: four silent business days by our records. First the carrier is asked (a poll now), and only when
        // that brought nothing new, a pass later, is the parcel stalled.
        Instant fridayAfternoon = Instant.parse("2026-11-20T15:00:00Z");
        var friday = new StallDetectorFunction(new StallDetector(new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config,
                Clock.fixed(fridayAfternoon, ZoneOffset.UTC)));
        assertThat(friday.handleRequest(new ScheduledEvent(), null).stalledRaised()).isZero();
        Shipment asked = orders.findShipment(merchantId, "1001", "shp_a").orElseThrow();
        assertThat(asked.stalled()).isFalse();
        assertThat(asked.nextPollAt()).isEqualTo(fridayAfternoon);
        assertThat(friday.handleRequest(new ScheduledEvent(), null).stalledRaised()).as("not before the poll answered")
                .isZero();
        poll(ShipmentRef.of(asked), fridayAfternoon.plus(Duration.ofMinutes(5)), NOTHING_NEW);
        var fridayLater = new StallDetectorFunction(new StallDetector(new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config,
                Clock.fixed(fridayAfternoon.plus(Duration.ofHours(1)), ZoneOffset.UTC)));
        assertThat(fridayLater.handleRequest(new ScheduledEvent(), null).stalledRaised()).isEqualTo(1);

        // a new scan: the stall ends; the delay stays while the promised date lies behind
        Shipment moved = orders.findShipment(merchantId, "1001", "shp_a").orElseThrow();
        Instant scan = Instant.parse("2026-11-20T16:00:00Z");
        dynamo.putItem(b -> b.tableName(TABLE).item(ShipmentItems.toItem(new Shipment(merchantId, "1001", "shp_a",
                Carrier.USPS, moved.trackingNumber(), "tok", ShipmentStatus.OUT_FOR_DELIVERY, ExceptionReason.NONE, null,
                true, true, scan, scan, scan.plusSeconds(600), true, monday, scan, moved.version() + 1))));
        var cleared = friday.handleRequest(new ScheduledEvent(), null);
        assertThat(cleared.stalledCleared()).isEqualTo(1);
        assertThat(cleared.delayedCleared()).isZero(); // still past the promised date
    }

    /** The carrier's answer to a poll that found no new scan: the parcel is where it was. */
    static final Answer NOTHING_NEW = new Answer.Observed(new Observation(ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE,
            null, null, null, List.of(), "IT"));

    /** A poll by the tracking worker's write path at {@code at}, answered or not. */
    static void poll(ShipmentRef ref, Instant at, Answer answer) {
        ObservationWriter writer = new ObservationWriter(new DynamoDbShipmentTracker(dynamo, TABLE),
                new TrackingProgress(new PollCadence(PollingSettings.defaults())), Clock.fixed(at, ZoneOffset.UTC),
                PipelineMetrics.NONE);
        writer.applyPolled(ref, writer.load(ref).orElseThrow(), "plan-" + UUID.randomUUID(), answer);
    }

    /** Found by ChaosIT: a confirming poll that failed (carrier 5xx, timeouts, an outage) used to confirm the stall. */
    @Test
    void aStallIsConfirmedOnlyByAPollTheCarrierAnswered() {
        String merchantId = "m_" + UUID.randomUUID();
        Instant monday = Instant.parse("2026-11-16T14:00:00Z");
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, TABLE);
        DynamoDbMerchantStore merchants = new DynamoDbMerchantStore(dynamo, TABLE);
        merchants.createMerchant(new Merchant(merchantId, "Acme", MerchantSettings.defaults("Acme"), monday));
        Shipment s = new Shipment(merchantId, "3001", "shp_c", Carrier.UPS, "1Z5R89390357567130", "tok3", ShipmentStatus.IN_TRANSIT,
                ExceptionReason.NONE, null, false, false, monday, monday, monday.plusSeconds(3600), true, monday, monday, 1);
        orders.create(new Order(merchantId, "3001", new Customer("Ada", "ada@example.com", null, "UTC", "en-US"),
                List.of(), null, monday, "h"), List.of(s), null);
        StallDetector.Config config = new StallDetector.Config(Map.of(), 3, ZoneId.of("UTC"));
        ShipmentRef ref = ShipmentRef.of(s);
        Instant asked = Instant.parse("2026-11-19T15:00:00Z"); // Thursday: three silent business days
        java.util.function.Function<Instant, StallDetector.Summary> passAt = now -> new StallDetector(
                new DynamoDbStallWatch(dynamo, TABLE), orders, merchants, config, Clock.fixed(now, ZoneOffset.UTC)).run();

        assertThat(passAt.apply(asked).stalledRaised()).isZero();
        assertThat(orders.findShipment(merchantId, "3001", "shp_c").orElseThrow().nextPollAt()).isEqualTo(asked);

        // the confirming poll fails for this number (a 5xx): it is rescheduled, and confirms nothing
        poll(ref, asked.plus(Duration.ofMinutes(5)), new Answer.NoAnswer(null));
        Instant nextHour = asked.plus(Duration.ofHours(1));
        StallDetector.Summary afterFailure = passAt.apply(nextHour);
        assertThat(afterFailure.stalledRaised()).isZero();
        Shipment waiting = orders.findShipment(merchantId, "3001", "shp_c").orElseThrow();
        assertThat(waiting.stalled()).isFalse();
        assertThat(waiting.nextPollAt()).as("the poll is asked for again").isEqualTo(nextHour);

        // the carrier stays down: after STOP_ASKING_AFTER the pass stops asking and still tells nobody
        StallDetector.Summary unanswered = passAt.apply(asked.plus(StallConfirmation.STOP_ASKING_AFTER));
        assertThat(unanswered.stalledRaised()).isZero();
        assertThat(unanswered.stallsUnconfirmed()).isEqualTo(1);
        assertThat(orders.findShipment(merchantId, "3001", "shp_c").orElseThrow().stalled()).isFalse();

        // the carrier answers again, and the parcel has still not moved: now the stall is confirmed
        Instant answered = asked.plus(StallConfirmation.STOP_ASKING_AFTER).plus(Duration.ofMinutes(20));
        poll(ref, answered, NOTHING_NEW);
        StallDetector.Summary confirmed = passAt.apply(answered.plus(Duration.ofMinutes(40)));
        assertThat(confirmed.stalledRaised()).isEqualTo(1);
        assertThat(confirmed.stallsUnconfirmed()).isZero();
        assertThat(orders.findShipment(merchantId, "3001", "shp_c").orElseThrow().stalled()).isTrue();
    }

    @Test
    void configurationComesFromTheEnvironment() {
        StallDetector.Config config = Env.withOverlay(Map.of("STALL_BUSINESS_DAYS_BY_CARRIER", "usps=4, dhl=5, nope=9",
                "PICKUP_BUSINESS_DAYS", "2", "DEFAULT_TIME_ZONE", "Europe/Berlin"), StallDetectorFunction::config);
        assertThat(config.stallBusinessDaysByCarrier()).containsOnly(Map.entry(Carrier.USPS, 4), Map.entry(Carrier.DHL, 5));
        assertThat(config.pickupBusinessDays()).isEqualTo(2);
        assertThat(config.defaultZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
