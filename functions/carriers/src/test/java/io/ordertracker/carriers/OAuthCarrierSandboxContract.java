package io.ordertracker.carriers;

import io.ordertracker.carriers.CarrierTrackingResult.Tracked;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.sandbox.Fault;
import io.ordertracker.sandbox.FaultKind;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the carriers that authenticate with OAuth2 client credentials (UPS, FedEx, USPS): tokens are
 * cached and renewed. DHL Unified sends an API key with every call and has no token to cache.
 */
public abstract class OAuthCarrierSandboxContract extends CarrierSandboxContract {

    @Test
    void the_access_token_is_reused_until_it_nears_expiry() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        TrackingClient client = client();
        for (int i = 0; i < 3; i++) {
            tracked(trackOne(client, journey.trackingNumber()));
        }
        assertThat(sandbox.tokenCalls(carrier())).isEqualTo(1);
        clock.advance(Duration.ofMinutes(59)); // sandbox tokens live an hour; we renew a minute early
        tracked(trackOne(client, journey.trackingNumber()));
        assertThat(sandbox.tokenCalls(carrier())).isEqualTo(2);
    }

    @Test
    void an_expired_token_is_replaced_once_and_the_call_succeeds() {
        Journey journey = journey(JourneyKind.DELIVERED);
        clock.set(journey.endsAt());
        TrackingClient client = client();
        tracked(trackOne(client, journey.trackingNumber()));
        sandbox.inject(Fault.of(carrier(), FaultKind.EXPIRED_TOKEN, 1));
        Tracked t = tracked(trackOne(client, journey.trackingNumber()));
        assertThat(t.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(sandbox.tokenCalls(carrier())).isEqualTo(2);
    }
}
