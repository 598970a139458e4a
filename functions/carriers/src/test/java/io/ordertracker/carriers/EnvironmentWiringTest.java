package io.ordertracker.carriers;

import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.JourneyKind;
import io.ordertracker.sandbox.SandboxClock;
import io.ordertracker.sandbox.SandboxCredentials;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a function is wired from its environment: base URLs and credentials, here pointed at the sandbox. */
class EnvironmentWiringTest {

    @Test
    void env_vars_point_every_carrier_at_the_sandbox_and_supply_its_credentials() {
        SandboxClock.Manual clock = SandboxClock.manual(Instant.parse("2026-03-06T05:00:00Z"));
        try (CarrierSandbox sandbox = CarrierSandbox.start(0, clock)) {
            clock.set(sandbox.journeys().stream().map(Journey::endsAt).max(Instant::compareTo).orElseThrow());
            Map<String, String> env = new HashMap<>(SandboxCredentials.asEnvironment());
            env.putAll(SandboxCredentials.baseUrlEnvironment(sandbox));
            Map<Carrier, TrackingClient> clients = TrackingClients.create(TrackingClients.baseUrlsFromEnvironment(env),
                    EnvironmentCredentialsProvider.forEnvironment(env), clock, c -> ResilienceSettings.fast());
            for (Carrier carrier : Carrier.values()) {
                Journey journey = sandbox.journey(carrier, JourneyKind.DELIVERED);
                CarrierTrackingResult result = clients.get(carrier).track(List.of(journey.trackingNumber())).getFirst();
                assertThat(result).as(carrier.name()).isInstanceOf(CarrierTrackingResult.Tracked.class);
            }
        }
    }

    @Test
    void production_hosts_are_the_default_and_missing_credentials_are_a_clear_error() {
        assertThat(TrackingClients.baseUrlsFromEnvironment(Map.of()).get(Carrier.UPS))
                .isEqualTo(URI.create("https://onlinetools.ups.com"));
        assertThat(TrackingClients.baseUrlsFromEnvironment(Map.of()).get(Carrier.DHL))
                .isEqualTo(URI.create("https://api-eu.dhl.com"));
        assertThatThrownBy(() -> new EnvironmentCredentialsProvider(Map.of()).credentials(Carrier.FEDEX))
                .hasMessageContaining("FEDEX_CLIENT_ID");
    }
}
