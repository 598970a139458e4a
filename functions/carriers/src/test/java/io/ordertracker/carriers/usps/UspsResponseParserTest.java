package io.ordertracker.carriers.usps;

import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static io.ordertracker.carriers.Examples.body;
import static io.ordertracker.carriers.Examples.onlyFailure;
import static io.ordertracker.carriers.Examples.onlyTracked;
import static org.assertj.core.api.Assertions.assertThat;

class UspsResponseParserTest {

    private final UspsResponseParser parser = new UspsResponseParser();

    @Test
    void event_code_01_is_delivered_with_the_signer() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("usps/delivered.json"), 200));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(t.carrierStatusCode()).isEqualTo("01");
        assertThat(t.deliveredAt()).isEqualTo(OffsetDateTime.parse("2024-04-05T12:55:00-04:00"));
        assertThat(t.signedBy()).isEqualTo("J DOE");
        assertThat(t.events()).hasSize(4);
    }

    @Test
    void local_event_time_plus_the_spec_style_offset_gives_the_gmt_instant() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("usps/delivered.json"), 200));
        // the spec's own example pair: GMTOffset "-7:00" and GMTTimestamp 2024-04-04T14:03:12.041Z
        var arrived = t.events().get(2);
        assertThat(arrived.time()).isEqualTo(OffsetDateTime.parse("2024-04-04T07:03:12-07:00"));
        assertThat(arrived.instant()).isEqualTo(Instant.parse("2024-04-04T14:03:12Z"));
        assertThat(arrived.location()).isEqualTo("PHOENIX, AZ, 85034, US");
    }

    @Test
    void missing_offsets_fall_back_to_the_gmt_timestamp_and_unknown_codes_stay_unknown() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("usps/in-transit-without-offsets.json"), 200));
        assertThat(t.events().get(0).time()).isEqualTo(OffsetDateTime.parse("2026-03-08T23:40:00-10:00"));
        assertThat(t.events().get(1).time()).isEqualTo(OffsetDateTime.parse("2026-03-07T09:30:00Z"));
        assertThat(t.events().get(2).status()).isEqualTo(ShipmentStatus.UNKNOWN);
        assertThat(t.events().get(2).carrierCode()).isEqualTo("Z9");
        assertThat(t.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }

    @Test
    void the_predicted_window_is_the_estimate_and_its_date_does_not_move() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("usps/in-transit-without-offsets.json"), 200));
        EstimatedDelivery eta = t.estimatedDelivery();
        assertThat(eta.kind()).isEqualTo(EstimatedDelivery.Kind.WINDOW);
        assertThat(eta.date()).isEqualTo(LocalDate.parse("2026-03-10"));
        // Honolulu, the newest scan's offset: 14:00 there is already the 11th in UTC, the date must not follow
        assertThat(eta.windowEnd()).isEqualTo(OffsetDateTime.parse("2026-03-10T14:00:00-10:00"));
    }

    @Test
    void errors_are_classified_from_the_body_even_without_the_http_status() {
        CarrierTrackingResult.Failure notFound = onlyFailure(parser.parse(body("usps/not-found.json"), 200));
        assertThat(notFound.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(onlyFailure(parser.parse(body("usps/invalid.json"), 400)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(onlyFailure(parser.parse(body("usps/oauth-invalid-client.json"), 401)).kind())
                .isEqualTo(FailureKind.AUTH);
        assertThat(onlyFailure(parser.parse("{\"error\":{\"code\":\"429\",\"message\":\"Too Many Requests\"}}", 429))
                .kind()).isEqualTo(FailureKind.RATE_LIMITED);
    }

    @Test
    void a_piece_with_no_events_yet_reads_its_status_category() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(
                "{\"trackingNumber\":\"9400111899223000003360\",\"statusCategory\":\"Pre-Shipment\",\"trackingEvents\":[]}", 200));
        assertThat(t.status()).isEqualTo(ShipmentStatus.INFO_RECEIVED);
    }

    @Test
    void delivered_after_return_to_sender_is_returned_to_sender_not_delivered() {
        String body = """
                {"trackingNumber":"9400111899223000003361","trackingEvents":[
                {"eventType":"Delivered","eventTimestamp":"2026-03-12T11:00:00","GMTOffset":"-8:00","eventCode":"01"},
                {"eventType":"Return to Sender","eventTimestamp":"2026-03-09T09:00:00","GMTOffset":"-8:00","eventCode":"09"},
                {"eventType":"Notice Left","eventTimestamp":"2026-03-08T14:00:00","GMTOffset":"-8:00","eventCode":"02"}]}
                """;
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body, 200));
        assertThat(t.status()).isEqualTo(ShipmentStatus.RETURNED_TO_SENDER);
        assertThat(t.reason()).isEqualTo(io.ordertracker.domain.ExceptionReason.RETURNED);
        assertThat(t.deliveredAt()).isNull();
        assertThat(t.carrierStatusCode()).isEqualTo("01");
    }
}
