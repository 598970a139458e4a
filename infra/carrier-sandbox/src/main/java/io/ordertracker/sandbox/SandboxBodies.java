package io.ordertracker.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The tracking answer the sandbox would give for one journey at one instant, without HTTP: lets tests hold every
 * milestone's wire codes against the adapters' parsers, including milestones no catalogue journey plays yet.
 */
public final class SandboxBodies {

    /** An HTTP status and body, as the carrier's tracking endpoint would answer them. */
    public record Answer(int status, String body) {
    }

    private SandboxBodies() {
    }

    public static Answer tracking(Journey journey, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        TokenStore tokens = new TokenStore(clock);
        Map<String, Journey> one = Map.of(journey.trackingNumber(), journey);
        String number = journey.trackingNumber();
        String bearer = "Bearer " + tokens.issue(journey.carrier(), java.time.Duration.ofHours(1));
        CarrierApi.Request request;
        CarrierApi api;
        switch (journey.carrier()) {
            case UPS -> {
                api = new UpsApi(clock, tokens, one);
                request = new CarrierApi.Request("GET", "/api/track/v1/details/" + number, "", Map.of(
                        "Authorization", List.of(bearer), "transId", List.of("t1"), "transactionSrc", List.of("test")), "");
            }
            case FEDEX -> {
                api = new FedexApi(clock, tokens, one);
                request = new CarrierApi.Request("POST", "/track/v1/trackingnumbers", "", Map.of(
                        "Authorization", List.of(bearer)),
                        "{\"trackingInfo\":[{\"trackingNumberInfo\":{\"trackingNumber\":\"" + number + "\"}}]}");
            }
            case USPS -> {
                api = new UspsApi(clock, tokens, one);
                request = new CarrierApi.Request("GET", "/tracking/v3/tracking/" + number, "expand=DETAIL", Map.of(
                        "Authorization", List.of(bearer)), "");
            }
            case DHL -> {
                api = new DhlApi(clock, tokens, one);
                request = new CarrierApi.Request("GET", "/track/shipments", "trackingNumber=" + number, Map.of(
                        "DHL-API-Key", List.of(SandboxCredentials.DHL_API_KEY)), "");
            }
            default -> throw new IllegalArgumentException(journey.carrier().name());
        }
        CarrierApi.Reply reply = api.handle(request);
        return new Answer(reply.status(), reply.body());
    }
}
