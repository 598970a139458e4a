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
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.TableChange;
import io.ordertracker.domain.orders.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From one change of the table (a stream record) to the jobs it calls for: one per (subject, milestone, channel) the
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
    private final OrderStore orders;
    private final JobQueues queues;
    private final OpsAlerts ops;
    private final Clock clock;
    private final Tally tally;

    public ChangeDetector(MerchantStore merchants, OrderStore orders, JobQueues queues, OpsAlerts ops,
                          Clock clock, Tally tally) {
        this.merchants = merchants;
        this.orders = orders;
        this.queues = queues;
        this.ops = ops;
        this.clock = clock;
        this.tally = tally;
    }

    public List<NotificationJob> onChange(TableChange change) {
        List<NotificationJob> jobs = switch (change) {
            case TableChange.OrderCreated created -> onOrder(created.order());
            case TableChange.ShipmentChanged changed -> onShipment(changed.before(), changed.after());
            case TableChange.Ignored ignored -> List.of();
        };
        if (!jobs.isEmpty()) {
            queues.enqueue(jobs);
            jobs.forEach(j -> tally.add("NotificationsQueued", Map.of("Channel", j.channel().name(),
                    "Milestone", j.milestone().name())));
        }
        return jobs;
    }

    private List<NotificationJob> onOrder(Order order) {
        return jobsFor(order.merchantId(), order.orderNumber(), null,
                List.of(DetectedMilestone.of(Milestone.ORDER_CONFIRMED)), order.customer());
    }

    private List<NotificationJob> onShipment(Shipment before, Shipment after) {
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
                String address = channel.addressOf(customer);
                if (settings.wants(m.milestone(), channel) && address != null && !address.isBlank()) {
                    jobs.add(NotificationJob.of(merchantId, orderNumber, shipmentId, m, channel, now));
                }
            }
        }
        return jobs;
    }
}
