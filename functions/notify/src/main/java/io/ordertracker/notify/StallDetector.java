package io.ordertracker.notify;


import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.lanes.LaneBaselines;
import io.ordertracker.domain.lanes.LaneExpectation;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.DelayAndStallRules;
import io.ordertracker.domain.notify.StallConfirmation;
import io.ordertracker.domain.notify.StallWatch;
import io.ordertracker.domain.orders.OrderStore;
import io.ordertracker.domain.polling.PollSchedule;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hourly pass over every shipment still being polled (the sparse DueForPolling index holds exactly those):
 * raises or clears the {@code delayed} and {@code stalled} flags by {@link DelayAndStallRules}. A raised flag is a
 * shipment write like any other, so the change detector announces it through the same stream path, once per
 * episode. Writes are conditional on the version read, so a tracking-worker write in between wins and the
 * shipment is simply looked at again next hour.
 *
 * <p>A stall is only announced once the carrier confirmed it ({@link StallConfirmation}). Between polls (the cadence
 * lets a parcel in long-haul transit sleep for up to two days) our last scan can be older than the carrier's, so
 * silence by our records may just mean we have not asked. The first time a parcel looks stalled, the detector moves
 * its next poll to now and notes the request; the stall is raised on a later pass only if the carrier answered a poll
 * after that request and the answer brought no new scan. A failed poll (carrier 5xx, timeouts, an outage) confirms
 * nothing: the poll is asked for again, for a bounded time. A new scan clears the request.
 */
public final class StallDetector {

    /**
     * @param stallBusinessDaysByCarrier silent business days before a moving parcel counts as stalled, per carrier
     *                                   (carriers differ: USPS ground scans less often than UPS); absent: the
     *                                   merchant's {@code stallDays}
     * @param pickupBusinessDays         days a label may wait for its first scan
     */
    public record Config(Map<Carrier, Integer> stallBusinessDaysByCarrier, int pickupBusinessDays, ZoneId defaultZone) {

        /** Parses {@code ups=3,usps=4}. */
        public static Map<Carrier, Integer> parseDays(String spec) {
            Map<Carrier, Integer> out = new HashMap<>();
            if (spec == null || spec.isBlank()) {
                return out;
            }
            for (String part : spec.split(",")) {
                String[] kv = part.split("=");
                if (kv.length == 2) {
                    Carrier.fromCode(kv[0].trim().toLowerCase(Locale.ROOT))
                            .ifPresent(c -> out.put(c, Integer.parseInt(kv[1].trim())));
                }
            }
            return out;
        }
    }

    /**
     * @param stallsUnconfirmed stalls seen by our records whose confirming poll the carrier has not answered for
     *                          {@link StallConfirmation#STOP_ASKING_AFTER}: not told to the shopper
     */
    public record Summary(int examined, int delayedRaised, int delayedCleared, int stalledRaised, int stalledCleared,
                          int conflicts, int stallsUnconfirmed) {
    }

    private final StallWatch watch;
    private final OrderStore orders;
    private final MerchantStore merchants;
    private final Config config;
    private final Clock clock;
    private final LaneBaselines lanes;
    private final StallConfirmation confirmation;

    public StallDetector(StallWatch watch, OrderStore orders, MerchantStore merchants, Config config, Clock clock) {
        this(watch, orders, merchants, config, clock, null);
    }

    /** @param lanes the lane baselines ("likely late" past the lane's p90, the lane's stall threshold), or null */
    public StallDetector(StallWatch watch, OrderStore orders, MerchantStore merchants, Config config, Clock clock,
                         LaneBaselines lanes) {
        this.watch = watch;
        this.orders = orders;
        this.merchants = merchants;
        this.config = config;
        this.clock = clock;
        this.lanes = lanes;
        this.confirmation = new StallConfirmation(clock);
    }

    public Summary run() {
        Instant now = clock.instant();
        int[] c = new int[7];
        Map<String, Optional<Order>> orderCache = new HashMap<>();
        Map<String, Optional<Merchant>> merchantCache = new HashMap<>();
        for (Carrier carrier : Carrier.values()) {
            for (int shard = 0; shard < PollSchedule.SHARDS; shard++) {
                for (StallWatch.Watched w : watch.loadAll(watch.polled(carrier, shard))) {
                    examine(w, now, c, orderCache, merchantCache);
                }
            }
        }
        return new Summary(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    private void examine(StallWatch.Watched watched, Instant now, int[] c,
                         Map<String, Optional<Order>> orderCache, Map<String, Optional<Merchant>> merchantCache) {
        Shipment s = watched.shipment();
        c[0]++;
        Optional<Order> order = orderCache.computeIfAbsent(s.merchantId() + "#" + s.orderNumber(),
                k -> orders.findOrder(s.merchantId(), s.orderNumber()));
        Optional<Merchant> merchant = merchantCache.computeIfAbsent(s.merchantId(), merchants::findMerchant);
        MerchantSettings settings = merchant.map(Merchant::settings).orElse(null);
        int stallDays = stallDays(s.carrier(), settings);
        ZoneId zone = zone(order.map(Order::customer).orElse(null));
        DelayAndStallRules.Flags flags = DelayAndStallRules.evaluate(s,
                order.map(Order::promisedDeliveryDate).orElse(null), now, zone, stallDays, config.pickupBusinessDays(),
                lane(s, zone, settings));
        boolean raisingStall = flags.stalled() && !s.stalled();
        StallConfirmation.Step step = confirmation.decide(raisingStall, watched.stallCheckRequestedAt(),
                watched.lastAnsweredAt());
        if (raisingStall && !step.raisesStall()) {
            flags = new DelayAndStallRules.Flags(flags.delayed(), false, flags.delay());
        }
        if (step == StallConfirmation.Step.UNANSWERED) {
            c[6]++;
        }
        StallWatch.StallCheck check = switch (step) {
            case REQUEST -> StallWatch.StallCheck.REQUEST;
            case ASK_AGAIN -> StallWatch.StallCheck.ASK_AGAIN;
            case CONFIRMED, CLEAR -> StallWatch.StallCheck.CLEAR;
            case NOTHING, WAIT, UNANSWERED -> StallWatch.StallCheck.KEEP;
        };
        if (flags.delayed() == s.delayed() && flags.stalled() == s.stalled() && flags.delay().equals(s.delay())
                && check == StallWatch.StallCheck.KEEP) {
            return;
        }
        if (!watch.setFlags(s, flags.delayed(), flags.stalled(), flags.delay(), check, now)) {
            c[5]++;
            return;
        }
        if (flags.delayed() != s.delayed()) {
            c[flags.delayed() ? 1 : 2]++;
        }
        if (flags.stalled() != s.stalled()) {
            c[flags.stalled() ? 3 : 4]++;
        }
    }

    /**
     * The merchant's threshold for this carrier (settings), else the stack's for the carrier
     * (STALL_BUSINESS_DAYS_BY_CARRIER), else the merchant's general one: the merchant knows its parcels best.
     */
    private int stallDays(Carrier carrier, MerchantSettings settings) {
        if (settings != null && settings.stallDaysByCarrier().containsKey(carrier)) {
            return settings.stallDaysByCarrier().get(carrier);
        }
        return config.stallBusinessDaysByCarrier().getOrDefault(carrier, settings == null ? 3 : settings.stallDays());
    }

    /**
     * The lane's expectation; a merchant's own threshold for the carrier still wins over the lane's stall days (the
     * merchant knows its parcels best), the lane's is used before the stack's and the merchant's general one.
     */
    private LaneExpectation lane(Shipment s, ZoneId zone, MerchantSettings settings) {
        if (lanes == null) {
            return null;
        }
        LaneExpectation e = lanes.expectation(s, zone);
        if (settings != null && settings.stallDaysByCarrier().containsKey(s.carrier())) {
            return new LaneExpectation(e.expectedBy(), e.likelyLateAfter(), settings.stallDaysByCarrier().get(s.carrier()),
                    e.source());
        }
        return e;
    }

    private ZoneId zone(Customer customer) {
        if (customer != null && customer.timeZone() != null) {
            try {
                return ZoneId.of(customer.timeZone());
            } catch (DateTimeException e) {
                // the default below
            }
        }
        return config.defaultZone();
    }
}
