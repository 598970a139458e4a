package io.ordertracker.notify;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.MilestoneRules;
import io.ordertracker.lambda.Json;
import io.ordertracker.storage.Attr;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.Keys;
import io.ordertracker.storage.ShipmentItems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * From one stream record (old and new image) to the jobs it calls for: one per (subject, milestone, channel) the
 * merchant wants and the shopper can receive. Duplicated stream records make duplicated jobs; the ledger in the
 * senders makes them one message.
 */
public final class ChangeDetector {
    /** Routes jobs to the email or SMS queue. */
    public interface JobQueues {
        void enqueue(List<NotificationJob> jobs);
    }

    /** Tells ops about shipments in trouble (the exceptions topic). */
    public interface OpsAlerts {
        void exception(Shipment shipment, DetectedMilestone milestone);
    }

    private final MerchantStore merchants;
    private final DynamoDbOrderStore orders;
    private final JobQueues queues;
    private final OpsAlerts ops;
    private final Clock clock;
    private final Tally tally;

    public ChangeDetector(MerchantStore merchants, DynamoDbOrderStore orders, JobQueues queues, OpsAlerts ops,
                          Clock clock, Tally tally) {
        this.merchants = merchants;
        this.orders = orders;
        this.queues = queues;
        this.ops = ops;
        this.clock = clock;
        this.tally = tally;
    }

    public List<NotificationJob> onChange(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Map<String, AttributeValue> any = newImage != null ? newImage : oldImage;
        if (any == null) {
            return List.of();
        }
        String entity = Attr.str(any, Keys.ENTITY);
        List<NotificationJob> jobs = switch (entity == null ? "" : entity) {
            case "ORDER" -> onOrder(oldImage, newImage);
            case "SHIPMENT" -> onShipment(oldImage, newImage);
            default -> List.of();
        };
        if (!jobs.isEmpty()) {
            queues.enqueue(jobs);
            jobs.forEach(j -> tally.add("NotificationsQueued", Map.of("Channel", j.channel().name(),
                    "Milestone", j.milestone().name())));
        }
        return jobs;
    }

    private List<NotificationJob> onOrder(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (oldImage != null || newImage == null) {
            return List.of(); // only the order's creation is news; later edits are not
        }
        String merchantId = Attr.str(newImage, "merchantId");
        String orderNumber = Attr.str(newImage, "orderNumber");
        Customer customer = customer(Attr.str(newImage, "customer"));
        return jobsFor(merchantId, orderNumber, null, List.of(DetectedMilestone.of(Milestone.ORDER_CONFIRMED)), customer);
    }

    private List<NotificationJob> onShipment(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (newImage == null) {
            return List.of();
        }
        Shipment before = oldImage == null ? null : ShipmentItems.fromItem(oldImage);
        Shipment after = ShipmentItems.fromItem(newImage);
        List<DetectedMilestone> detected = MilestoneRules.detect(before, after);
        if (detected.isEmpty()) {
            return List.of();
        }
        for (DetectedMilestone m : detected) {
            switch (m.milestone()) {
                case EXCEPTION -> {
                    tally.add("ShipmentExceptions", Map.of("Reason", m.reason().name()));
                    ops.exception(after, m);
                }
                case DELAYED -> tally.add("ShipmentsDelayed", Map.of());
                case STALLED -> tally.add("ShipmentsStalled", Map.of());
                default -> { }
            }
        }
        Customer customer = orders.findOrder(after.merchantId(), after.orderNumber()).map(Order::customer).orElse(null);
        return jobsFor(after.merchantId(), after.orderNumber(), after.shipmentId(), detected, customer);
    }

    private List<NotificationJob> jobsFor(String merchantId, String orderNumber, String shipmentId,
                                          List<DetectedMilestone> detected, Customer customer) {
        if (customer == null) {
            return List.of();
        }
        Optional<Merchant> merchant = merchants.findMerchant(merchantId);
        MerchantSettings settings = merchant.map(Merchant::settings)
                .orElseGet(() -> MerchantSettings.defaults(merchantId));
        if (settings == null) {
            settings = MerchantSettings.defaults(merchantId);
        }
        Instant now = clock.instant();
        List<NotificationJob> jobs = new ArrayList<>();
        for (DetectedMilestone m : detected) {
            for (Channel channel : Channel.values()) {
                String address = channel == Channel.EMAIL ? customer.email() : customer.phone();
                if (settings.wants(m.milestone(), channel) && address != null && !address.isBlank()) {
                    jobs.add(NotificationJob.of(merchantId, orderNumber, shipmentId, m, channel, now));
                }
            }
        }
        return jobs;
    }

    private static Customer customer(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, Customer.class);
        } catch (Exception e) {
            return null;
        }
    }
}
