package io.ordertracker.carriers.ups;

import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static io.ordertracker.carriers.Examples.body;
import static io.ordertracker.carriers.Examples.onlyFailure;
import static io.ordertracker.carriers.Examples.onlyTracked;
import static org.assertj.core.api.Assertions.assertThat;

class UpsResponseParserTest {

    private final UpsResponseParser parser = new UpsResponseParser();

    @Test
    void spec_example_local_time_plus_gmt_offset_is_the_right_instant() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("ups/spec-example.json"), 200));
        assertThat(t.trackingNumber()).isEqualTo("1Z023E2X0214323462");
        assertThat(t.events()).hasSize(1);
        assertThat(t.events().getFirst().time()).isEqualTo(OffsetDateTime.parse("2021-02-10T07:13:56-05:00"));
        assertThat(t.events().getFirst().instant()).isEqualTo(Instant.parse("2021-02-10T12:13:56Z"));
        assertThat(t.events().getFirst().carrierCode()).isEqualTo("003");
        assertThat(t.events().getFirst().location()).isEqualTo("Wayne, NJ, US");
        assertThat(t.status()).isEqualTo(ShipmentStatus.INFO_RECEIVED);
        // SDD with an estimated window: the window's local times take the newest scan's offset; the date stays put
        assertThat(t.estimatedDelivery().kind()).isEqualTo(EstimatedDelivery.Kind.WINDOW);
        assertThat(t.estimatedDelivery().date()).isEqualTo(LocalDate.parse("2021-02-12"));
        assertThat(t.estimatedDelivery().windowStart()).isEqualTo(OffsetDateTime.parse("2021-02-12T09:00:00-05:00"));
        assertThat(t.estimatedDelivery().windowEnd()).isEqualTo(OffsetDateTime.parse("2021-02-12T12:00:00-05:00"));
    }

    @Test
    void del_is_the_delivered_date_never_an_estimate() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("ups/delivered.json"), 200));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(t.estimatedDelivery()).isNull();
        assertThat(t.deliveredAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T14:23:00-07:00"));
        assertThat(t.signedBy()).isEqualTo("J SMITH");
        assertThat(t.carrierStatusCode()).isEqualTo("011");
    }

    @Test
    void events_are_newest_first_and_keep_each_scan_offset_across_zones_and_daylight_saving() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("ups/delivered.json"), 200));
        assertThat(t.events()).extracting(e -> e.time().toString()).containsExactly(
                "2026-03-10T14:23-07:00", "2026-03-10T07:58-07:00", "2026-03-07T09:12-05:00",
                "2026-03-06T17:42-05:00", "2026-03-06T10:05-05:00");
        // the label activity has no statusCode: its manifest code MP says "label created"
        assertThat(t.events().getLast().status()).isEqualTo(ShipmentStatus.INFO_RECEIVED);
        assertThat(t.events().getLast().carrierCode()).isEqualTo("MP");
    }

    @Test
    void a_photo_after_delivery_does_not_undo_delivered_and_an_unknown_code_is_unknown_not_in_transit() {
        List<CarrierTrackingResult> results = parser.parse(body("ups/photo-after-delivery-and-unknown-code.json"), 200);
        assertThat(results).hasSize(2);
        CarrierTrackingResult.Tracked photo = (CarrierTrackingResult.Tracked) results.get(0);
        assertThat(photo.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(photo.carrierStatusCode()).isEqualTo("011");
        assertThat(photo.deliveredAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T16:02:00-06:00"));

        CarrierTrackingResult.Tracked unknown = (CarrierTrackingResult.Tracked) results.get(1);
        assertThat(unknown.status()).isEqualTo(ShipmentStatus.UNKNOWN);
        assertThat(unknown.carrierStatusCode()).isEqualTo("999");
        assertThat(unknown.events().getFirst().carrierCode()).isEqualTo("999");
        assertThat(unknown.events().getFirst().description()).isEqualTo("Something new from UPS");
    }

    @Test
    void rescheduled_date_wins_over_scheduled() {
        String body = """
                {"trackResponse":{"shipment":[{"package":[{"trackingNumber":"1Z8V4E270300044140",
                "deliveryDate":[{"type":"SDD","date":"20260308"},{"type":"RDD","date":"20260310"}],
                "activity":[{"status":{"type":"X","statusCode":"046","description":"Delay"},"date":"20260308","time":"051000","gmtOffset":"-07:00"},
                {"status":{"type":"I","statusCode":"005","description":"On the Way"},"date":"20260307","time":"221000","gmtOffset":"-07:00"}]}]}]}}
                """;
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body, 200));
        assertThat(t.estimatedDelivery()).isEqualTo(EstimatedDelivery.of(LocalDate.parse("2026-03-10"),
                EstimatedDelivery.Kind.RESCHEDULED));
        // a delay is no exception: the status in force stays, the delay is the reason (on the result and its event)
        assertThat(t.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.reason()).isEqualTo(ExceptionReason.CARRIER_DELAY);
        assertThat(t.events().getFirst().reason()).isEqualTo(ExceptionReason.CARRIER_DELAY);
        assertThat(t.events().getFirst().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.events().getLast().reason()).isEqualTo(ExceptionReason.NONE);
    }

    @Test
    void not_found_invalid_and_auth_are_distinct_outcomes() {
        CarrierTrackingResult.Failure notFound = onlyFailure(parser.parse(body("ups/not-found.json"), 200));
        assertThat(notFound.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(notFound.trackingNumber()).isEqualTo("1Z8V4E270300044202");
        assertThat(onlyFailure(parser.parse(body("ups/invalid.json"), 400)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(onlyFailure(parser.parse(body("ups/invalid.json"), 200)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(onlyFailure(parser.parse(body("ups/unauthorized.json"), 401)).kind()).isEqualTo(FailureKind.AUTH);
        assertThat(onlyFailure(parser.parse(body("ups/unauthorized.json"), 200)).kind()).isEqualTo(FailureKind.AUTH);
    }

    @Test
    void truncated_or_garbage_bodies_are_unavailable_never_an_exception() {
        assertThat(onlyFailure(parser.parse(body("ups/truncated.json"), 200)).kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(onlyFailure(parser.parse("<html>502</html>", 502)).kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(onlyFailure(parser.parse("", 200)).kind()).isEqualTo(FailureKind.UNAVAILABLE);
    }
}
