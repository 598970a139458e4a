package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.notify.NotificationSender.Outcome;
import io.ordertracker.storage.TrackingTable;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The email sender on the real table (DynamoDB Local): the token in one email's List-Unsubscribe header stops the
 * next email to that shopper from that merchant, and only that one; muting a milestone stops only that milestone.
 */
class UnsubscribeHonouredIT {
    static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();
    static final TrackingTable TABLE;

    static {
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(DYNAMO.client());
        TABLE = new TrackingTable(DYNAMO.client(), "TrackingTable", RetentionPolicy.ofDays(180));
    }

    @AfterAll
    static void stop() {
        DYNAMO.close();
    }

    final Instant now = Instant.parse("2026-11-16T15:00:00Z");
    final String acme = merchant("Acme");
    final String globex = merchant("Globex");
    final List<MimeMessage> sent = new ArrayList<>();
    final NotificationSender sender = new NotificationSender(TABLE.orders(), TABLE.merchants(),
            TABLE.ledger(Duration.ofSeconds(120)), TABLE.suppressions(), TABLE.preferences(),
            new EmailDelivery((source, to, raw) -> {
                sent.add(MimeEmail.parse(raw));
                return "msg-" + sent.size();
            }, new MessageComposer(), "notify@tracker.example"),
            new NotificationSender.Settings("https://track.example", ZoneId.of("UTC"), Locale.US),
            Clock.fixed(now, ZoneOffset.UTC));

    private String merchant(String name) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TABLE.merchants().createMerchant(new Merchant(id, name, MerchantSettings.defaults(name), now));
        return id;
    }

    /** An order with one parcel in transit; the job is about the order (ORDER_CONFIRMED) or the parcel. */
    private NotificationJob order(String merchantId, String orderNumber, String email, Milestone milestone) {
        String shipmentId = "shp_" + orderNumber;
        Shipment parcel = new Shipment(merchantId, orderNumber, shipmentId, Carrier.UPS, "1Z5R89390357567127",
                UUID.randomUUID().toString(), ShipmentStatus.IN_TRANSIT, ExceptionReason.NONE, null, false, false, now,
                now, null, true, now, now, 1);
        TABLE.orders().create(new Order(merchantId, orderNumber, new Customer("Shopper", email, null, "UTC", "en-US"),
                List.of(), null, now, "h"), List.of(parcel), null);
        return NotificationJob.of(merchantId, orderNumber, milestone == Milestone.ORDER_CONFIRMED ? null : shipmentId,
                new DetectedMilestone(milestone, null, ExceptionReason.NONE), Channel.EMAIL, now);
    }

    private String lastUnsubscribeToken() throws Exception {
        String header = sent.get(sent.size() - 1).getHeader("List-Unsubscribe")[0];
        Matcher m = Pattern.compile("<https://track\\.example/u/([^>]+)>").matcher(header);
        assertThat(m.find()).as(header).isTrue();
        return m.group(1);
    }

    @Test
    void theUnsubscribeLinkStopsTheNextEmailForThatShopperAtThatMerchantOnly() throws Exception {
        assertThat(sender.send(order(acme, "A-1", "ada@example.com", Milestone.ORDER_CONFIRMED)).outcome())
                .isEqualTo(Outcome.SENT);
        assertThat(TABLE.preferences().unsubscribeAll(lastUnsubscribeToken(), now)).isTrue();

        NotificationJob adaAgain = order(acme, "A-2", "Ada@Example.com", Milestone.ORDER_CONFIRMED);
        assertThat(sender.send(adaAgain).outcome()).isEqualTo(Outcome.UNSUBSCRIBED);
        assertThat(TABLE.ledger(Duration.ofSeconds(120)).state(adaAgain)).contains(NotificationLedger.State.SKIPPED);
        assertThat(sender.send(order(acme, "A-3", "bob@example.com", Milestone.ORDER_CONFIRMED)).outcome())
                .as("another shopper of the same merchant").isEqualTo(Outcome.SENT);
        assertThat(sender.send(order(globex, "G-1", "ada@example.com", Milestone.ORDER_CONFIRMED)).outcome())
                .as("the same shopper at another merchant").isEqualTo(Outcome.SENT);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aMutedMilestoneIsSkippedAndTheOthersStillGo() throws Exception {
        assertThat(sender.send(order(acme, "B-1", "cy@example.com", Milestone.ORDER_CONFIRMED)).outcome())
                .isEqualTo(Outcome.SENT);
        assertThat(TABLE.preferences().update(lastUnsubscribeToken(), false, Set.of(Milestone.SHIPPED), now)).isTrue();

        assertThat(sender.send(order(acme, "B-2", "cy@example.com", Milestone.SHIPPED)).outcome())
                .isEqualTo(Outcome.UNSUBSCRIBED);
        assertThat(sender.send(order(acme, "B-3", "cy@example.com", Milestone.ORDER_CONFIRMED)).outcome())
                .isEqualTo(Outcome.SENT);
        assertThat(MimeEmail.part(sent.get(sent.size() - 1), "text/plain"))
                .contains("https://track.example/u/" + lastUnsubscribeToken());
    }
}
