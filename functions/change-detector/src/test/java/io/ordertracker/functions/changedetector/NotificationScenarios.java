package io.ordertracker.functions.changedetector;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.domain.orders.OrderEdit;
import io.ordertracker.domain.orders.OrderService;
import io.ordertracker.local.emulators.MutableClock;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.JobMessages;
import io.ordertracker.storage.Keys;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import io.ordertracker.storage.ShipmentItems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification scenarios of the issue, against whichever {@link Backend} the subclass provides: each
 * milestone of docs/design.md's table gives exactly the right messages on the right channels with the right content;
 * redelivery and a crash between claim and send give no duplicate; quiet hours; suppression and opt-out; hostile
 * merchant and carrier strings render inert; the stall detector's flags reach the shopper once per episode.
 */
abstract class NotificationScenarios {
    /** Monday 2026-11-16, 14:00 in New York. */
    static final Instant T0 = Instant.parse("2026-11-16T19:00:00Z");

    protected abstract Backend backend();

    MutableClock clock;
    Pipeline p;
    String merchantId;
    String email;
    String phone;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        p = new Pipeline(backend(), clock);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        merchantId = "m_" + id;
        email = "shopper." + id + "@example.com";
        int line = ThreadLocalRandom.current().nextInt(1000, 9000);
        phone = "+1212555" + (line % 100 == 99 ? line - 1 : line);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    void merchant(MerchantSettings settings) {
        p.merchants.createMerchant(new Merchant(merchantId, "Acme Outfitters", settings, T0));
    }

    static MerchantSettings acme() {
        return new MerchantSettings("Acme Outfitters", "https://cdn.acme.example/logo.png", "#112233", "#ffcc00",
                "orders@acme.example", "help@acme.example", "https://acme.example/help", null, 3);
    }

    Shipment order(String orderNumber, String shopperPhone) {
        Order order = new Order(merchantId, orderNumber, new Customer("Ada", email, shopperPhone, "America/New_York", "en-US"),
                List.of(new OrderItem("Mug", 1, null)), LocalDate.parse("2026-11-20"), clock.instant(), "h-" + orderNumber);
        String shipmentId = "shp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Shipment s = Shipment.newShipment(merchantId, orderNumber, shipmentId, Carrier.UPS, "1Z5R89390357567127",
                "tk_" + shipmentId, clock.instant());
        p.orders.create(order, List.of(s), null);
        return s;
    }

    /** What the tracking worker does: a new version of the shipment item. */
    Shipment write(Shipment s, ShipmentStatus status, ExceptionReason reason) {
        Instant now = clock.instant();
        Shipment next = new Shipment(s.merchantId(), s.orderNumber(), s.shipmentId(), s.carrier(), s.trackingNumber(),
                s.trackingToken(), status, reason,
                EstimatedDelivery.of(LocalDate.parse("2026-11-19"), EstimatedDelivery.Kind.SCHEDULED),
                s.delayed(), s.stalled(), now, now, status.isTerminal() ? null : now.plusSeconds(3600), s.active(),
                s.createdAt(), now, s.version() + 1);
        p.backend.dynamo().putItem(b -> b.tableName(p.backend.table()).item(ShipmentItems.toItem(next)));
        return next;
    }

    /** What the tracking worker does when the carrier answers a poll with nothing new: notes the answer. */
    void answered(Shipment s) {
        p.backend.dynamo().updateItem(b -> b.tableName(p.backend.table())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.orderPk(s.merchantId(), s.orderNumber())),
                        Keys.SK, AttributeValue.fromS(Keys.shipmentSk(s.shipmentId()))))
                .updateExpression("SET " + DynamoDbShipmentTracker.LAST_ANSWERED_AT + " = :t, version = version + :one")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(clock.instant().toString()),
                        ":one", AttributeValue.fromN("1"))));
    }

    Shipment write(Shipment s, ShipmentStatus status) {
        return write(s, status, ExceptionReason.NONE);
    }

    void scan(Shipment s, String description, String location) {
        Map<String, AttributeValue> item = new HashMap<>();
        String time = clock.instant().atOffset(java.time.ZoneOffset.ofHours(-5)).toString();
        item.put(Keys.PK, AttributeValue.fromS(Keys.eventsPk(s.shipmentId())));
        item.put(Keys.SK, AttributeValue.fromS(Keys.eventSk(clock.instant().toString(), "e1")));
        item.put(Keys.ENTITY, AttributeValue.fromS("EVENT"));
        item.put("time", AttributeValue.fromS(time));
        item.put("status", AttributeValue.fromS(s.status().name()));
        item.put("reason", AttributeValue.fromS(s.reason().name()));
        item.put("carrierCode", AttributeValue.fromS("X1"));
        item.put("description", AttributeValue.fromS(description));
        item.put("location", AttributeValue.fromS(location));
        p.backend.dynamo().putItem(b -> b.tableName(p.backend.table()).item(item));
    }

    List<Backend.Sent> emailsToShopper() {
        return p.backend.emails().stream().filter(m -> m.to().contains(email)).toList();
    }

    List<Backend.Sent> smsToShopper() {
        return p.backend.sms().stream().filter(m -> m.to().equals(phone)).toList();
    }

    int sent(Channel channel, Milestone milestone) {
        return p.tally.count("NotificationsSent", Map.of("Channel", channel.name(), "Milestone", milestone.name()));
    }

    // ---------------------------------------------------------------------------------------------- scenarios

    @Test
    void eachMilestoneGivesExactlyTheTablesMessagesWithTheirContent() {
        merchant(acme());
        Shipment s = order("A-1001", phone);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(1);
        assertThat(emailsToShopper().get(0).subject()).isEqualTo("Acme Outfitters: order A-1001 confirmed");
        assertThat(smsToShopper()).isEmpty();

        s = write(s, ShipmentStatus.INFO_RECEIVED);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(2);
        Backend.Sent shipped = emailsToShopper().get(1);
        assertThat(shipped.subject()).isEqualTo("Acme Outfitters: your order A-1001 has shipped");
        assertThat(shipped.body()).contains("A-1001", "1Z5R89390357567127", Pipeline.PAGE + "/t/" + s.trackingToken(),
                // the status in the words the tracking page uses for it (one key set for every channel)
                ">Shipped</td>", "Thursday, November 19, 2026", "help@acme.example", "background-color:#112233",
                "Hi Ada,", "1 × Mug", Pipeline.PAGE + "/u/" + merchantId + ".");

        s = write(s, ShipmentStatus.IN_TRANSIT); // off by default
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(2);
        assertThat(smsToShopper()).isEmpty();

        s = write(s, ShipmentStatus.OUT_FOR_DELIVERY); // SMS only
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(2);
        String link = Pipeline.PAGE + "/t/" + s.trackingToken();
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body())
                .startsWith("Acme Outfitters: order A-1001 is out for delivery today.")
                .contains(link).hasSizeLessThanOrEqualTo(160));

        Shipment delivered = write(s, ShipmentStatus.DELIVERED); // email and SMS
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(3);
        assertThat(emailsToShopper().get(2).subject()).isEqualTo("Acme Outfitters: your order A-1001 was delivered");
        assertThat(emailsToShopper().get(2).body()).contains("Delivered");
        assertThat(smsToShopper()).hasSize(2);
        assertThat(smsToShopper().get(1).body()).contains("A-1001 was delivered", delivered.trackingToken());
        assertThat(sent(Channel.EMAIL, Milestone.ORDER_CONFIRMED)).isEqualTo(1);
        assertThat(sent(Channel.SMS, Milestone.DELIVERED)).isEqualTo(1);
    }

    /** PATCH stores the order; the senders read it when they run, so the next message goes to the new address. */
    @Test
    void anEditedEmailGetsTheNextMessageAndTheOldAddressNothingMore() {
        merchant(acme());
        Shipment s = order("E-1001", null);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(1);
        String newEmail = email.replace("shopper.", "mover."); // not containing the old address
        OrderService service = new OrderService(p.orders, clock, () -> "unused");
        var edited = service.edit(merchantId, "E-1001", current -> new OrderService.EditDecision.Apply<Void>(new OrderEdit(
                new Customer("Ada", newEmail, null, "America/New_York", "en-US"), current.items(),
                current.promisedDeliveryDate())));
        assertThat(edited).isInstanceOf(OrderService.EditResult.Edited.class);
        p.pump(merchantId); // the edit itself tells nobody anything
        assertThat(p.backend.emails()).filteredOn(m -> m.to().contains(newEmail)).isEmpty();

        write(s, ShipmentStatus.INFO_RECEIVED);
        p.pump(merchantId);
        assertThat(p.backend.emails()).filteredOn(m -> m.to().contains(newEmail)).singleElement()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("Acme Outfitters: your order E-1001 has shipped"));
        assertThat(emailsToShopper()).hasSize(1);
    }

    /** Cancelling ends every parcel as CANCELLED: no message for it, and what was already queued is dropped. */
    @Test
    void aCancelledOrderTellsTheShopperNothingMore() {
        merchant(acme());
        Shipment s = order("X-1001", phone);
        p.pump(merchantId);
        int emails = emailsToShopper().size();
        write(s, ShipmentStatus.EXCEPTION, ExceptionReason.ADDRESS_ISSUE);
        p.detect(p.tap.drain(merchantId)); // the exception's jobs are queued, not yet sent
        OrderService service = new OrderService(p.orders, clock, () -> "unused");
        assertThat(service.cancel(merchantId, "X-1001")).hasValueSatisfying(v -> assertThat(v.shipments())
                .singleElement().satisfies(sv -> {
                    assertThat(sv.shipment().status()).isEqualTo(ShipmentStatus.CANCELLED);
                    assertThat(sv.shipment().active()).isFalse();
                }));
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails);
        assertThat(smsToShopper()).isEmpty();
        // ops heard of the exception when it happened, and nothing of the cancel (the topic is shared by every scenario)
        assertThat(p.backend.opsMessages()).filteredOn(m -> m.contains(merchantId)).singleElement()
                .satisfies(m -> assertThat(m).contains("ADDRESS_ISSUE"));
    }

    @Test
    void exceptionsAndPickupGoToBothChannelsAndExceptionsToOpsAndALateParcelAtPickupIsNotNews() {
        merchant(acme());
        Shipment s = order("B-2001", phone);
        s = write(s, ShipmentStatus.IN_TRANSIT);
        p.pump(merchantId);
        int emails = emailsToShopper().size();
        p.backend.opsMessages();

        s = write(s, ShipmentStatus.EXCEPTION, ExceptionReason.ADDRESS_ISSUE);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 1);
        assertThat(emailsToShopper().get(emails).body()).contains("The carrier has a problem with the delivery address.");
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body())
                .contains("B-2001", "problem with the delivery address"));
        List<String> ops = p.backend.opsMessages();
        String shipmentId = s.shipmentId();
        assertThat(ops).singleElement().satisfies(m -> assertThat(m).contains("\"reason\":\"ADDRESS_ISSUE\"", shipmentId)
                .doesNotContain(email, phone));

        s = write(s, ShipmentStatus.AVAILABLE_FOR_PICKUP);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 2);
        assertThat(smsToShopper()).hasSize(2);
        assertThat(smsToShopper().get(1).body()).contains("ready for pickup");

        // the carrier's date (Thursday 19th) has passed, but the parcel waits at the pickup point: the stall detector
        // flags it late for the page and the figures, and the shopper, told where to collect it, hears nothing more
        clock.set(Instant.parse("2026-11-20T15:00:00Z"));
        s = write(s, ShipmentStatus.AVAILABLE_FOR_PICKUP);
        p.stallDetector.handleRequest(null, null);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 2);
        assertThat(smsToShopper()).hasSize(2);
        assertThat(p.tally.count("ShipmentExceptions", Map.of("Reason", "ADDRESS_ISSUE"))).isEqualTo(1);
    }

    @Test
    void aStallIsToldOncePerEpisodeAndClearsWhenTheParcelMovesAgain() {
        merchant(acme());
        Shipment s = order("C-3001", phone);
        s = write(s, ShipmentStatus.IN_TRANSIT); // last scan Monday 14:00
        p.pump(merchantId);
        int emails = emailsToShopper().size();

        clock.set(Instant.parse("2026-11-18T15:00:00Z")); // Wednesday: 2 business days of silence
        var quiet = p.stallDetector.handleRequest(null, null);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails);

        clock.set(Instant.parse("2026-11-19T15:00:00Z")); // Thursday: 3 business days: first ask the carrier
        assertThat(p.stallDetector.handleRequest(null, null).stalledRaised()).isZero();
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails);
        clock.set(Instant.parse("2026-11-19T15:05:00Z"));
        answered(s); // the confirming poll: the carrier answered, nothing new
        clock.set(Instant.parse("2026-11-19T15:45:00Z"));
        var raised = p.stallDetector.handleRequest(null, null);
        assertThat(raised.stalledRaised()).isGreaterThanOrEqualTo(1);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 1);
        assertThat(emailsToShopper().get(emails).subject()).endsWith("an update on order C-3001");
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body()).contains("has not moved"));

        clock.set(Instant.parse("2026-11-19T16:00:00Z"));
        p.stallDetector.handleRequest(null, null);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 1);

        Shipment stalled = p.orders.findShipment(merchantId, "C-3001", s.shipmentId()).orElseThrow();
        assertThat(stalled.stalled()).isTrue();
        write(stalled, ShipmentStatus.IN_TRANSIT); // a new scan
        var cleared = p.stallDetector.handleRequest(null, null);
        assertThat(cleared.stalledCleared()).isGreaterThanOrEqualTo(1);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(emails + 1);
        assertThat(p.orders.findShipment(merchantId, "C-3001", s.shipmentId()).orElseThrow().stalled()).isFalse();
        assertThat(quiet.examined()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theMerchantsMatrixDecidesTheChannels() {
        var matrix = new java.util.EnumMap<Milestone, java.util.Set<Channel>>(MerchantSettings.defaultNotifications());
        matrix.put(Milestone.IN_TRANSIT, java.util.EnumSet.of(Channel.EMAIL)); // optional, switched on
        matrix.put(Milestone.ORDER_CONFIRMED, java.util.EnumSet.noneOf(Channel.class));
        matrix.put(Milestone.DELIVERED, java.util.EnumSet.of(Channel.SMS)); // texts only
        merchant(new MerchantSettings("Acme Outfitters", null, null, null, null, "help@acme.example", null, matrix, 3));
        Shipment s = order("I-9001", phone);
        s = write(s, ShipmentStatus.INFO_RECEIVED);
        s = write(s, ShipmentStatus.IN_TRANSIT);
        p.pump(merchantId);
        assertThat(emailsToShopper()).extracting(Backend.Sent::subject).containsExactlyInAnyOrder(
                "Acme Outfitters: your order I-9001 has shipped", "Acme Outfitters: your order I-9001 is on its way");
        write(s, ShipmentStatus.DELIVERED);
        p.pump(merchantId);
        assertThat(emailsToShopper()).hasSize(2);
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body()).contains("I-9001 was delivered"));
    }

    @Test
    void aMerchantAddressThatIsNotAVerifiedIdentityFallsBackToTheStacksSender() {
        merchant(new MerchantSettings("Acme Outfitters", null, null, null, "orders@unverified-shop.example",
                "help@acme.example", null, null, 3));
        order("J-1001", phone);
        p.pump(merchantId);
        assertThat(emailsToShopper()).singleElement().satisfies(m ->
                assertThat(m.subject()).isEqualTo("Acme Outfitters: order J-1001 confirmed"));
        assertThat(p.tally.count("NotificationsSent", Map.of("Channel", "EMAIL", "Milestone", "ORDER_CONFIRMED"))).isEqualTo(1);
        assertThat(p.tally.total("NotificationsFailed")).isZero();
    }

    @Test
    void duplicateStreamRecordsAndSqsRedeliveryNeverSendTwice() {
        merchant(acme());
        Shipment s = order("D-4001", phone);
        p.pump(merchantId);
        write(s, ShipmentStatus.DELIVERED);
        var records = p.tap.drain(merchantId);
        assertThat(records).hasSize(1);
        p.detect(records);
        p.detect(records); // the stream delivers the same record again
        p.deliverAll();
        assertThat(emailsToShopper()).hasSize(2); // confirmation + delivered
        assertThat(smsToShopper()).hasSize(1);
        assertThat(p.tally.count("NotificationsDuplicate", Map.of("Channel", "EMAIL", "Milestone", "DELIVERED"))).isEqualTo(1);

        // SQS hands an already-sent job over again
        NotificationJob job = JobMessages.parse(jobBody(Milestone.DELIVERED, Channel.EMAIL, s));
        p.backend.sqs().sendMessage(b -> b.queueUrl(p.backend.emailQueueUrl()).messageBody(JobMessages.toJson(job)));
        p.deliverAll();
        assertThat(emailsToShopper()).hasSize(2);
        assertThat(p.ledger.state(job)).isEqualTo(Optional.of(NotificationLedger.State.SENT));
    }

    @Test
    void aCrashBetweenClaimAndSendIsRetriedSafely() {
        merchant(acme());
        Shipment s = order("E-5001", phone);
        write(s, ShipmentStatus.DELIVERED);
        NotificationJob job = JobMessages.parse(jobBody(Milestone.DELIVERED, Channel.EMAIL, s));
        p.ledger.claim(job, clock.instant()); // the first attempt claimed, then its container died

        var duringLease = p.emailSender.handleRequest(Pipeline.sqsEvent("m1", JobMessages.toJson(job)), null);
        assertThat(duringLease.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("m1");
        assertThat(emailsToShopper()).isEmpty();

        clock.advance(Pipeline.LEASE.plusSeconds(60)); // the SQS visibility timeout (180 s) outlasts the lease
        var retry = p.emailSender.handleRequest(Pipeline.sqsEvent("m1", JobMessages.toJson(job)), null);
        assertThat(retry.getBatchItemFailures()).isEmpty();
        var again = p.emailSender.handleRequest(Pipeline.sqsEvent("m1", JobMessages.toJson(job)), null);
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(emailsToShopper()).singleElement().satisfies(m -> assertThat(m.subject()).contains("E-5001 was delivered"));
        assertThat(p.ledger.state(job)).isEqualTo(Optional.of(NotificationLedger.State.SENT));
    }

    @Test
    void quietHoursHoldTheSmsAndALaterMilestoneMakesItStale() {
        merchant(acme());
        Shipment early = order("F-6001", phone);
        clock.set(Instant.parse("2026-11-17T03:30:00Z")); // 22:30 in New York
        early = write(early, ShipmentStatus.OUT_FOR_DELIVERY);
        p.pump(merchantId);
        assertThat(smsToShopper()).isEmpty();
        assertThat(p.tally.count("NotificationsDeferred", Map.of("Channel", "SMS", "Milestone", "OUT_FOR_DELIVERY"))).isEqualTo(1);
        assertThat(p.held).hasSize(1);
        String notVisible = p.backend.sqs().getQueueAttributes(b -> b.queueUrl(p.backend.smsQueueUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible")).attributesAsStrings()
                .get("ApproximateNumberOfMessagesNotVisible");
        assertThat(Integer.parseInt(notVisible)).isGreaterThanOrEqualTo(1);

        clock.set(Instant.parse("2026-11-17T13:05:00Z")); // 08:05: the held message comes back and goes out
        p.releaseHeld();
        p.deliverAll();
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body()).contains("out for delivery"));

        // a second parcel: out for delivery at night, delivered at 07:30 -> only "delivered" is texted, at 08:00
        Shipment late = order("F-6002", phone);
        clock.set(Instant.parse("2026-11-18T03:00:00Z"));
        late = write(late, ShipmentStatus.OUT_FOR_DELIVERY);
        p.pump(merchantId);
        clock.set(Instant.parse("2026-11-18T12:30:00Z")); // 07:30
        write(late, ShipmentStatus.DELIVERED);
        p.pump(merchantId);
        assertThat(smsToShopper()).hasSize(1);
        assertThat(emailsToShopper().stream().filter(m -> m.subject().contains("F-6002 was delivered"))).hasSize(1);
        clock.set(Instant.parse("2026-11-18T13:01:00Z"));
        p.releaseHeld();
        p.deliverAll();
        assertThat(smsToShopper()).hasSize(2);
        assertThat(smsToShopper().get(1).body()).contains("F-6002 was delivered");
        assertThat(p.tally.count("NotificationsStale", Map.of("Channel", "SMS", "Milestone", "OUT_FOR_DELIVERY"))).isEqualTo(1);
    }

    @Test
    void bouncedAddressesAndOptedOutNumbersAreSkippedAndCounted() throws Exception {
        merchant(acme());
        String optedOut = "+12125550199"; // moto (and the SNS sandbox) report numbers ending in 99 as opted out
        JsonNode sample = new ObjectMapper().readTree(Files.readString(
                SamTemplate.locate().getParent().resolve(Path.of("events", "SuppressionFunction-bounce.json"))));
        String message = sample.path("Records").get(0).path("Sns").path("Message").asText()
                .replace("bounce@simulator.amazonses.com", email);
        SNSEvent event = new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord()
                .withSns(new SNSEvent.SNS().withMessage(message).withType("Notification"))));
        assertThat(p.suppression.handleRequest(event, null)).containsEntry("suppressed", 1);
        assertThat(p.suppression.handleRequest(event, null)).containsEntry("suppressed", 0); // SNS retried it

        Shipment s = order("G-7001", optedOut);
        write(s, ShipmentStatus.DELIVERED);
        p.pump(merchantId);
        assertThat(emailsToShopper()).isEmpty();
        assertThat(p.backend.sms().stream().filter(m -> m.to().equals(optedOut))).isEmpty();
        assertThat(p.tally.count("NotificationsSuppressed", Map.of("Channel", "EMAIL", "Milestone", "ORDER_CONFIRMED"))).isEqualTo(1);
        assertThat(p.tally.count("NotificationsSuppressed", Map.of("Channel", "EMAIL", "Milestone", "DELIVERED"))).isEqualTo(1);
        assertThat(p.tally.count("NotificationsSuppressed", Map.of("Channel", "SMS", "Milestone", "DELIVERED"))).isEqualTo(1);
    }

    @Test
    void hostileMerchantAndCarrierStringsRenderInert() {
        merchant(new MerchantSettings("<script>alert(1)</script> & \"Co\"", "javascript:alert(1)",
                "red;background:url(javascript:alert(1))", "#fff\"><script>", "not-an-address\r\nBcc: x@evil.example",
                "x@y.com\"><img src=x onerror=alert(1)>", "javascript:alert(2)", null, 3));
        Shipment s = order("H-8001", phone);
        s = write(s, ShipmentStatus.EXCEPTION, ExceptionReason.HELD);
        scan(s, "<img src=x onerror=alert(3)>", "</td></tr><script>alert(4)</script>");
        p.pump(merchantId);
        Backend.Sent exception = emailsToShopper().stream().filter(m -> m.subject().contains("H-8001") && m.subject()
                .contains("problem")).findFirst().orElseThrow();
        assertThat(exception.body()).doesNotContain("<script", "<img src=x", "javascript:")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src", "background-color:#1f4e79");
        assertThat(exception.subject()).doesNotContain("\r", "\n");
        assertThat(smsToShopper()).singleElement().satisfies(m -> assertThat(m.body())
                .doesNotContain("<script>", "<", ">").contains("H-8001"));
    }

    private String jobBody(Milestone milestone, Channel channel, Shipment s) {
        return JobMessages.toJson(NotificationJob.of(merchantId, s.orderNumber(), s.shipmentId(),
                io.ordertracker.domain.notify.DetectedMilestone.of(milestone), channel, clock.instant()));
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
