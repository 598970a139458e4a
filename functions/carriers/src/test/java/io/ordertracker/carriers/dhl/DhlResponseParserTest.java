package io.ordertracker.carriers.dhl;

import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ShipmentStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import static io.ordertracker.carriers.Examples.body;
import static io.ordertracker.carriers.Examples.onlyFailure;
import static io.ordertracker.carriers.Examples.onlyTracked;
import static org.assertj.core.api.Assertions.assertThat;

class DhlResponseParserTest {

    private final DhlResponseParser parser = new DhlResponseParser();

    @Test
    void express_delivered_with_proof_of_delivery() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("dhl/express-delivered.json"), 200));
        assertThat(t.trackingNumber()).isEqualTo("3364481111");
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(t.carrierStatusCode()).isEqualTo("OK");
        assertThat(t.deliveredAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T13:42:00-10:00"));
        assertThat(t.signedBy()).isEqualTo("KEALOHA");
        assertThat(t.events()).extracting(e -> e.status()).containsExactly(ShipmentStatus.DELIVERED,
                ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.IN_TRANSIT, ShipmentStatus.IN_TRANSIT);
        assertThat(t.events().get(2).time().getOffset().getId()).isEqualTo("+01:00");
    }

    @Test
    void the_eta_is_the_local_date_even_when_utc_is_already_the_next_day() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("dhl/express-in-transit-eta.json"), 200));
        // 23:00 in Honolulu is 09:00 UTC on the 11th; the shopper was promised the 10th
        assertThat(t.estimatedDelivery()).isEqualTo(EstimatedDelivery.of(LocalDate.parse("2026-03-10"),
                EstimatedDelivery.Kind.ESTIMATED));
        assertThat(t.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.events().getLast().status()).isEqualTo(ShipmentStatus.INFO_RECEIVED);
    }

    @Test
    void without_a_product_code_the_unified_status_decides_and_an_unknown_one_is_unknown() {
        CarrierTrackingResult.Tracked t = onlyTracked(parser.parse(body("dhl/parcel-de-coarse-and-unknown.json"), 200));
        assertThat(t.events().getLast().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(t.status()).isEqualTo(ShipmentStatus.UNKNOWN);
        assertThat(t.carrierStatusCode()).isEqualTo("something-new");
    }

    @Test
    void problem_documents_are_classified_by_their_status() {
        assertThat(onlyFailure(parser.parse(body("dhl/not-found.json"), 200)).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(onlyFailure(parser.parse(body("dhl/unauthorized.json"), 401)).kind()).isEqualTo(FailureKind.AUTH);
        assertThat(onlyFailure(parser.parse(body("dhl/rate-limited.json"), 429)).kind())
                .isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(onlyFailure(parser.parse("{\"status\":400,\"title\":\"Bad request\"}", 400)).kind())
                .isEqualTo(FailureKind.INVALID);
    }
}
