package io.ordertracker.carriers.fedex;

import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static io.ordertracker.carriers.Examples.body;
import static io.ordertracker.carriers.Examples.onlyFailure;
import static io.ordertracker.carriers.Examples.onlyTracked;
import static org.assertj.core.api.Assertions.assertThat;

class FedexResponseParserTest {

    private final FedexResponseParser parser = new FedexResponseParser();

    @Test
    void spec_example() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("fedex/spec-example.json"), 200));
        assertThat(t.trackingNumber()).isEqualTo("128667043726");
        assertThat(t.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.carrierStatusCode()).isEqualTo("PU");
        assertThat(t.events()).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(OffsetDateTime.parse("2018-02-02T12:01:00-07:00"));
            assertThat(e.description()).isEqualTo("Picked Up");
            assertThat(e.location()).isEqualTo("SEATTLE, WA, US");
        });
        // the date as written at the destination, not shifted through UTC
        assertThat(t.estimatedDelivery()).isEqualTo(EstimatedDelivery.of(LocalDate.parse("2018-02-05"),
                EstimatedDelivery.Kind.ESTIMATED));
    }

    @Test
    void multi_result_takes_the_shipment_with_the_latest_scan_and_keeps_the_others_events_out() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("fedex/multi-result.json"), 200));
        assertThat(t.events()).hasSize(3);
        assertThat(t.events()).allMatch(e -> e.time().getYear() == 2026);
        assertThat(t.signedBy()).isNull();
        assertThat(t.deliveredAt()).isNull();
        // latestStatusDetail (derivedCode AR) lags: the newest scan says out for delivery
        assertThat(t.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(t.carrierStatusCode()).isEqualTo("OD");
        assertThat(t.estimatedDelivery().date()).isEqualTo(LocalDate.parse("2026-03-08"));
    }

    @Test
    void a_batch_answers_each_number_and_a_not_found_is_that_numbers_failure() {
        List<CarrierTrackingResult> results = parser.parse(body("fedex/batch-with-not-found.json"), 200);
        assertThat(results).hasSize(2);
        CarrierTrackingResult.Tracked first = (CarrierTrackingResult.Tracked) results.get(0);
        // DE with exception code 08 is a failed attempt, not an exception
        assertThat(first.status()).isEqualTo(ShipmentStatus.DELIVERY_ATTEMPTED);
        assertThat(first.reason()).isEqualTo(io.ordertracker.domain.ExceptionReason.RECIPIENT_UNAVAILABLE);
        assertThat(first.events().getFirst().description())
                .isEqualTo("Delivery exception - Customer not available or business closed");
        // a window east of UTC: the date is the local date (in UTC it would start the day before)
        assertThat(first.estimatedDelivery().kind()).isEqualTo(EstimatedDelivery.Kind.WINDOW);
        assertThat(first.estimatedDelivery().date()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(first.estimatedDelivery().windowStart()).isEqualTo(OffsetDateTime.parse("2026-03-09T13:00:00+09:00"));
        CarrierTrackingResult.Failure second = (CarrierTrackingResult.Failure) results.get(1);
        assertThat(second.trackingNumber()).isEqualTo("794600052099");
        assertThat(second.kind()).isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void spec_error_examples_are_classified() {
        assertThat(onlyFailure(parser.parse(body("fedex/unauthorized.json"), 401)).kind()).isEqualTo(FailureKind.AUTH);
        assertThat(onlyFailure(parser.parse(body("fedex/unauthorized.json"), 200)).kind()).isEqualTo(FailureKind.AUTH);
        assertThat(onlyFailure(parser.parse(body("fedex/bad-request.json"), 400)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(onlyFailure(parser.parse(body("fedex/server-error.json"), 500)).kind())
                .isEqualTo(FailureKind.UNAVAILABLE);
        // "the resource you requested is no longer available": the endpoint, not the numbers of the batch
        assertThat(onlyFailure(parser.parse("{\"transactionId\":\"x\",\"errors\":[{\"code\":\"NOT.FOUND.ERROR\"}]}", 404))
                .kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(onlyFailure(parser.parse("{\"errors\":[{\"code\":\"TRACKING.TRACKINGNUMBER.NOTFOUND\"}]}", 404))
                .kind()).isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void an_unlisted_scan_code_is_unknown_with_the_raw_code_kept() {
        String body = """
                {"output":{"completeTrackResults":[{"trackingNumber":"794600052013","trackResults":[{
                 "latestStatusDetail":{"code":"IT"},
                 "scanEvents":[{"date":"2026-03-07T10:00:00-06:00","eventType":"QQ","eventDescription":"New scan"},
                               {"date":"2026-03-06T10:00:00-06:00","eventType":"IT","eventDescription":"In transit"}]}]}]}}
                """;
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body, 200));
        assertThat(t.status()).isEqualTo(ShipmentStatus.UNKNOWN);
        assertThat(t.carrierStatusCode()).isEqualTo("QQ");
    }
}
