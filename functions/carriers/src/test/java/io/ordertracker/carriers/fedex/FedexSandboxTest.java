package io.ordertracker.carriers.fedex;

import io.ordertracker.carriers.OAuthCarrierSandboxContract;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.Milestone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FedEx adapter against the sandbox over real HTTP: the shared contract, plus batching, multi-result numbers and
 * a lagging rollup status.
 */
class FedexSandboxTest extends OAuthCarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.FEDEX;
    }

    @Test
    void more_than_thirty_numbers_go_in_batches_of_thirty_with_one_result_each_in_order() {
        endOfAllJourneys();
        List<String> numbers = new ArrayList<>();
        Journey delivered = journey(JourneyKind.DELIVERED);
        for (int i = 0; i < 34; i++) {
            numbers.add(String.format("7946%08d", 90000 + i)); // unknown to the sandbox
        }
        numbers.add(17, delivered.trackingNumber());
        TrackingClient client = client();
        List<CarrierTrackingResult> results = client.track(numbers);
        assertThat(client.maxBatchSize()).isEqualTo(30);
        assertThat(sandbox.trackingCalls(Carrier.FEDEX)).isEqualTo(2);
        assertThat(results).extracting(CarrierTrackingResult::trackingNumber).containsExactlyElementsOf(numbers);
        assertThat(((CarrierTrackingResult.Tracked) results.get(17)).status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(results.stream().filter(r -> r instanceof CarrierTrackingResult.Failure f
                && f.kind() == FailureKind.NOT_FOUND)).hasSize(34);
    }

    @Test
    void a_number_with_two_shipments_reads_the_live_one_only() {
        Journey journey = journey(JourneyKind.MULTI_RESULT);
        clock.set(journey.endsAt());
        CarrierTrackingResult.Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        assertThat(t.events()).hasSize(journey.steps().size());
        assertThat(t.signedBy()).isEqualTo(journey.signedBy());
        assertThat(t.deliveredAt()).isEqualTo(journey.steps().getLast().at(journey.startDate()));
    }

    @Test
    void the_newest_scan_decides_even_when_fedex_rollup_still_says_the_previous_status() {
        Journey journey = journey(JourneyKind.DELIVERED);
        Journey.Step ofd = journey.steps().stream().filter(s -> s.milestone() == Milestone.OUT_FOR_DELIVERY)
                .findFirst().orElseThrow();
        clock.set(ofd.at(journey.startDate()).toInstant());
        CarrierTrackingResult.Tracked t = tracked(trackOne(client(), journey.trackingNumber()));
        // the sandbox's latestStatusDetail lags one scan behind (AR), like FedEx's derivedStatusCode does
        assertThat(t.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(t.carrierStatusCode()).isEqualTo("OD");
    }
}
