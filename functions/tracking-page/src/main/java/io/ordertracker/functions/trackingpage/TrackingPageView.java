package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.lanes.LaneExpectation;
import java.util.function.BiFunction;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.orders.OrderService.ShipmentView;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the shopper's page says, computed once and shown two ways (HTML and JSON), so both always state the same
 * facts. Pure: no AWS, no I/O, no clock. Holds nothing that identifies the shopper: no name, email, phone or
 * address; only the time zone and language their page is shown in.
 *
 * <p>Every string a merchant or carrier supplied is kept verbatim here; escaping is the template engine's job
 * (HTML) or the JSON writer's. The only values that reach a non-text context (colours in CSS, URLs in
 * attributes) were validated by {@link Branding} or built from our own carrier table.
 */
public record TrackingPageView(String lang, String title, Branding brand, String orderNumber, String orderLabel,
                               String timeZone, String timesIn, List<ShipmentCard> shipments,
                               Map<String, String> labels, String contactEmailLabel, String contactWebLabel,
                               String logoAlt) {

    /** The five steps of the progress bar, in order. */
    public enum Step { ORDERED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED }

    /** Colour coding: green delivered, amber on its way, red a problem, grey nothing more will happen. */
    public enum Tone { SUCCESS, PROGRESS, PROBLEM, NEUTRAL }

    public record ShipmentCard(String shipmentId, boolean focus, String heading, String carrierCode, String carrierName,
                               String trackingNumber, String carrierUrl, String status, String statusLabel,
                               String statusSentence, String tone, String iconSvg, String reason, boolean delayed,
                               boolean stalled, boolean stopped, List<StepView> steps, String currentStep,
                               EtaView eta, AdviceView advice, List<EventView> events) {

        public boolean hasHeading() {
            return heading != null;
        }

        public boolean hasEta() {
            return eta != null;
        }

        public boolean hasAdvice() {
            return advice != null;
        }

        public boolean hasEvents() {
            return !events.isEmpty();
        }

        public String toneClass() {
            return "tone-" + tone.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param state {@code done}, {@code current} or {@code todo} (also the CSS class) */
    public record StepView(String key, String label, String state, int number) {
        public boolean current() {
            return state.equals("current");
        }
    }

    /**
     * @param source {@code carrier} (the carrier's estimate), {@code merchant} (the promised date),
     *               {@code estimate} (our lane baseline's, when neither gave one; {@code kind} then says whether from
     *               the lane's history or the carrier's defaults) or {@code delivered} (when it was delivered)
     */
    public record EtaView(String label, String text, String date, String windowStart, String windowEnd, String kind,
                          String source) {
    }

    /** @param place where to collect a parcel that waits for pickup (as the carrier names it), or null */
    public record AdviceView(String title, String text, String place) {
    }

    /** @param time ISO-8601 with the carrier's offset; {@code timeText} is the same instant in the shopper's zone */
    public record EventView(String time, String timeText, String status, String statusLabel, String description,
                            String location) {
        public boolean hasLocation() {
            return location != null && !location.isBlank();
        }

        public boolean hasDescription() {
            return description != null && !description.isBlank();
        }
    }

    /**
     * @param focusShipmentId the shipment whose token opened the page: listed first
     */
    public static TrackingPageView of(Optional<Merchant> merchant, Order order, List<ShipmentView> shipments,
                                      String focusShipmentId) {
        return of(merchant, order, shipments, focusShipmentId, null);
    }

    /**
     * @param lanes what a parcel's lane baseline expects of it (shown as "expected by", source {@code estimate}, when
     *              neither the carrier nor the merchant gave a date); null for none
     */
    public static TrackingPageView of(Optional<Merchant> merchant, Order order, List<ShipmentView> shipments,
                                      String focusShipmentId, BiFunction<Shipment, ZoneId, LaneExpectation> lanes) {
        Customer customer = order.customer();
        String orderLocale = customer == null ? null : customer.locale();
        // An order without a locale is shown in the merchant's default language, when it set one.
        PageText text = PageText.forLanguageTags(orderLocale,
                merchant.map(Merchant::settings).map(s -> s.defaultLanguage()).orElse(null));
        ZoneId zone = zone(customer == null ? null : customer.timeZone());
        Branding brand = Branding.of(merchant);
        String shopName = brand.hasName() ? brand.name() : text.get("advice.theShop");

        List<ShipmentView> ordered = new ArrayList<>(shipments);
        ordered.sort(Comparator.comparing((ShipmentView v) -> !v.shipment().shipmentId().equals(focusShipmentId)));
        List<ShipmentCard> cards = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ShipmentView v = ordered.get(i);
            String heading = ordered.size() > 1 ? text.get("label.parcel", i + 1, ordered.size()) : null;
            cards.add(card(v, v.shipment().shipmentId().equals(focusShipmentId), heading, order.promisedDeliveryDate(),
                    text, zone, shopName, lanes));
        }
        String orderLabel = text.get("label.orderNumber", order.orderNumber());
        String title = (brand.hasName() ? brand.name() + " · " : "") + orderLabel;
        String zoneName = zone.getDisplayName(TextStyle.FULL, text.locale());
        return new TrackingPageView(text.locale().toLanguageTag(), title, brand, order.orderNumber(), orderLabel,
                zone.getId(), text.get("label.timesIn", zoneName), List.copyOf(cards), text.labels(),
                brand.supportEmail() == null ? null : text.get("label.contactEmail", shopName),
                brand.supportUrl() == null ? null : text.get("label.contactWeb", shopName),
                text.get("label.logoAlt", shopName));
    }

    private static ShipmentCard card(ShipmentView view, boolean focus, String heading, LocalDate promised,
                                     PageText text, ZoneId zone, String shopName,
                                     BiFunction<Shipment, ZoneId, LaneExpectation> lanes) {
        Shipment s = view.shipment();
        List<TrackingEvent> events = view.events().stream()
                .sorted(Comparator.comparing(TrackingEvent::instant, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        ShipmentStatus status = s.status();
        Tone tone = tone(status);
        boolean pickup = status == ShipmentStatus.AVAILABLE_FOR_PICKUP;
        Step current = currentStep(status, events);
        List<StepView> steps = new ArrayList<>();
        for (Step step : Step.values()) {
            String state = step.ordinal() < current.ordinal() ? "done" : step == current ? "current" : "todo";
            String key = pickup && step == Step.OUT_FOR_DELIVERY ? "READY_FOR_PICKUP" : step.name();
            steps.add(new StepView(step.name(), text.get("step." + key), state, step.ordinal() + 1));
        }
        DateTimeFormatter eventTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(zone);
        List<EventView> eventViews = events.stream().map(e -> new EventView(
                e.time() == null ? null : e.time().toString(),
                e.time() == null ? "" : eventTime.format(e.time()),
                e.status().name(), text.get("status." + e.status().name()), e.description(), e.location())).toList();
        boolean delivered = status == ShipmentStatus.DELIVERED;
        return new ShipmentCard(s.shipmentId(), focus, heading, s.carrier().code(), s.carrier().displayName(),
                s.trackingNumber(), s.carrier().publicTrackingUrl(s.trackingNumber()), status.name(),
                text.get("status." + status.name()), text.get("sentence." + status.name()), tone.name(),
                Icons.forStatus(status), s.reason() == ExceptionReason.NONE ? null : s.reason().name(),
                s.delayed() && !status.isTerminal(), s.stalled() && !status.isTerminal(),
                !s.active() && !status.isTerminal(), List.copyOf(steps), current.name(),
                eta(s, events, promised, text, zone, lanes), advice(s, events, text, shopName, s.carrier().displayName()),
                eventViews);
    }

    static Tone tone(ShipmentStatus status) {
        return switch (status) {
            case DELIVERED -> Tone.SUCCESS;
            case PENDING, INFO_RECEIVED, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP -> Tone.PROGRESS;
            case DELIVERY_ATTEMPTED, EXCEPTION, RETURNING_TO_SENDER, RETURNED_TO_SENDER, FAILED -> Tone.PROBLEM;
            case CANCELLED, EXPIRED, UNKNOWN -> Tone.NEUTRAL;
        };
    }

    /**
     * The step the parcel is at. Statuses off the happy path (attempted, exception, returning, unknown) show the
     * furthest step the parcel really reached, judged from its scans, so a failed attempt still shows "out for
     * delivery" as reached rather than jumping the bar back.
     */
    static Step currentStep(ShipmentStatus status, List<TrackingEvent> events) {
        Optional<Step> direct = stepOf(status);
        if (direct.isPresent()) {
            return direct.get();
        }
        Step furthest = status.isMoving() ? Step.IN_TRANSIT : Step.ORDERED;
        for (TrackingEvent e : events) {
            Optional<Step> reached = stepOf(e.status());
            if (reached.isPresent() && reached.get().ordinal() > furthest.ordinal() && reached.get() != Step.DELIVERED) {
                furthest = reached.get();
            }
        }
        return furthest;
    }

    private static Optional<Step> stepOf(ShipmentStatus status) {
        return switch (status) {
            case PENDING -> Optional.of(Step.ORDERED);
            case INFO_RECEIVED -> Optional.of(Step.SHIPPED);
            case IN_TRANSIT -> Optional.of(Step.IN_TRANSIT);
            case OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERY_ATTEMPTED -> Optional.of(Step.OUT_FOR_DELIVERY);
            case DELIVERED -> Optional.of(Step.DELIVERED);
            default -> Optional.empty();
        };
    }

    private static EtaView eta(Shipment s, List<TrackingEvent> events, LocalDate promised, PageText text, ZoneId zone,
                               BiFunction<Shipment, ZoneId, LaneExpectation> lanes) {
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(text.locale());
        if (s.status() == ShipmentStatus.DELIVERED) {
            Instant at = s.lastEventAt() != null ? s.lastEventAt()
                    : events.stream().filter(e -> e.status() == ShipmentStatus.DELIVERED).map(TrackingEvent::instant)
                    .findFirst().orElse(null);
            if (at == null) {
                return null;
            }
            String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                    .withLocale(text.locale()).withZone(zone).format(at);
            return new EtaView(text.get("label.deliveredOn"), when, at.atZone(zone).toLocalDate().toString(), null, null,
                    null, "delivered");
        }
        if (s.status().isTerminal() || s.status() == ShipmentStatus.RETURNING_TO_SENDER
                || s.status() == ShipmentStatus.AVAILABLE_FOR_PICKUP) {
            // Nothing more will be delivered (or it waits to be collected): a delivery date would mislead.
            return null;
        }
        EstimatedDelivery e = s.estimatedDelivery();
        if (e != null && e.windowStart() != null && e.windowEnd() != null) {
            DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(text.locale());
            var start = e.windowStart().atZoneSameInstant(zone);
            var end = e.windowEnd().atZoneSameInstant(zone);
            return new EtaView(text.get("label.expected"),
                    text.get("eta.window", day.format(start), time.format(start), time.format(end)),
                    start.toLocalDate().toString(), e.windowStart().toString(), e.windowEnd().toString(),
                    e.kind().name(), "carrier");
        }
        if (e != null && e.date() != null) {
            // A carrier's date is a calendar date at the destination: shown as is, never shifted by a zone.
            return new EtaView(text.get("label.expected"), day.format(e.date()), e.date().toString(), null, null,
                    e.kind().name(), "carrier");
        }
        if (promised != null) {
            return new EtaView(text.get("label.expected"), day.format(promised), promised.toString(), null, null,
                    null, "merchant");
        }
        LaneExpectation lane = lanes == null ? null : lanes.apply(s, zone);
        if (lane != null && lane.expectedBy() != null) {
            // Nobody gave a date: the lane's usual transit time from the pickup, said to be our estimate.
            return new EtaView(text.get("label.expectedBy"), text.get("eta.estimate", day.format(lane.expectedBy())),
                    lane.expectedBy().toString(), null, null, lane.source().name(), "estimate");
        }
        return null;
    }

    private static AdviceView advice(Shipment s, List<TrackingEvent> events, PageText text, String shopName,
                                     String carrier) {
        String title = text.get("advice.title");
        return switch (s.status()) {
            case AVAILABLE_FOR_PICKUP -> {
                String place = events.stream().filter(e -> e.status() == ShipmentStatus.AVAILABLE_FOR_PICKUP)
                        .map(TrackingEvent::location).filter(l -> l != null && !l.isBlank()).findFirst().orElse(null);
                yield new AdviceView(title, place == null ? text.get("advice.pickupNoPlace")
                        : text.get("advice.pickup", place), place);
            }
            case DELIVERY_ATTEMPTED -> new AdviceView(title, s.reason() == ExceptionReason.NONE
                    ? text.get("advice.attempted", shopName, carrier) : reasonAdvice(s.reason(), text, shopName, carrier), null);
            case EXCEPTION -> new AdviceView(title, reasonAdvice(s.reason(), text, shopName, carrier), null);
            case RETURNING_TO_SENDER -> new AdviceView(title, text.get("advice.RETURNING", shopName, carrier), null);
            case RETURNED_TO_SENDER -> new AdviceView(title, text.get("advice.RETURNED", shopName, carrier), null);
            case FAILED -> new AdviceView(title, s.reason() == ExceptionReason.NONE
                    ? text.get("advice.failed", shopName, carrier) : reasonAdvice(s.reason(), text, shopName, carrier), null);
            default -> {
                if (s.status().isTerminal()) {
                    yield null;
                }
                if (s.stalled()) {
                    yield new AdviceView(title, text.get("advice.stalled", shopName, carrier), null);
                }
                if (s.delayed()) {
                    yield new AdviceView(title, text.get("advice.delayed"), null);
                }
                yield null;
            }
        };
    }

    private static String reasonAdvice(ExceptionReason reason, PageText text, String shopName, String carrier) {
        String specific = reason == ExceptionReason.NONE ? null
                : text.getOrNull("advice." + reason.name(), shopName, carrier);
        return specific != null ? specific : text.get("advice.OTHER", shopName, carrier);
    }

    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
