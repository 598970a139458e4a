package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
import io.ordertracker.functions.trackingpage.TrackingPageView.AdviceView;
import io.ordertracker.functions.trackingpage.TrackingPageView.EtaView;
import io.ordertracker.functions.trackingpage.TrackingPageView.ShipmentCard;
import java.util.List;

/**
 * The page as JSON ({@code Accept: application/json}): the same facts as the HTML, from the same view, without the
 * presentation-only bits (icons, CSS classes). docs/tracking-page.md documents the shape.
 */
record PageJson(String orderNumber, String locale, String timeZone, Merchant merchant, List<ShipmentJson> shipments) {

    record Merchant(String name, String logoUrl, String primaryColor, String accentColor, String supportEmail,
                    String supportUrl) {
    }

    record ShipmentJson(String shipmentId, String carrier, String carrierName, String trackingNumber,
                        String carrierTrackingUrl, String status, String statusLabel, String statusText, String tone,
                        String reason, boolean delayed, boolean stalled, boolean trackingStopped, Progress progress,
                        EtaView estimatedDelivery, AdviceView advice, List<Event> events) {
    }

    record Progress(String currentStep, List<Step> steps) {
    }

    record Step(String step, String label, String state) {
    }

    record Event(String time, String status, String statusLabel, String description, String location) {
    }

    static PageJson of(TrackingPageView view) {
        Branding b = view.brand();
        return new PageJson(view.orderNumber(), view.lang(), view.timeZone(),
                new Merchant(b.hasName() ? b.name() : null, b.logoUrl(), b.primaryColor(), b.accentColor(),
                        b.supportEmail(), b.supportUrl()),
                view.shipments().stream().map(PageJson::shipment).toList());
    }

    private static ShipmentJson shipment(ShipmentCard c) {
        return new ShipmentJson(c.shipmentId(), c.carrierCode(), c.carrierName(), c.trackingNumber(), c.carrierUrl(),
                c.status(), c.statusLabel(), c.statusSentence(), c.tone(), c.reason(), c.delayed(), c.stalled(),
                c.stopped(), new Progress(c.currentStep(),
                c.steps().stream().map(s -> new Step(s.key(), s.label(), s.state())).toList()),
                c.eta(), c.advice(),
                c.events().stream().map(e -> new Event(e.time(), e.status(), e.statusLabel(), e.description(),
                        e.location())).toList());
    }
}
