package io.ordertracker.carriers;

import io.ordertracker.carriers.dhl.DhlTrackingClient;
import io.ordertracker.carriers.fedex.FedexTrackingClient;
import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.carriers.http.ResilientHttp;
import io.ordertracker.carriers.ups.UpsTrackingClient;
import io.ordertracker.carriers.usps.UspsTrackingClient;
import io.ordertracker.domain.Carrier;

import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Builds one client per carrier, each with its own HTTP client, rate limiter, circuit breaker and retry. */
public final class TrackingClients {

    /** The carriers' production hosts; the sandbox (or the env) can stand in for any of them. */
    public static final Map<Carrier, URI> PRODUCTION_BASE_URLS = Map.of(
            Carrier.UPS, URI.create("https://onlinetools.ups.com"),
            Carrier.FEDEX, URI.create("https://apis.fedex.com"),
            Carrier.USPS, URI.create("https://apis.usps.com"),
            Carrier.DHL, URI.create("https://api-eu.dhl.com"));

    private TrackingClients() {
    }

    /** Production resilience settings. Carriers missing from {@code baseUrls} use their production host. */
    public static Map<Carrier, TrackingClient> create(Map<Carrier, URI> baseUrls, CarrierCredentialsProvider creds,
                                                      Clock clock) {
        return create(baseUrls, creds, clock, ResilienceSettings::defaults);
    }

    public static Map<Carrier, TrackingClient> create(Map<Carrier, URI> baseUrls, CarrierCredentialsProvider creds,
                                                      Clock clock, Function<Carrier, ResilienceSettings> settings) {
        Map<Carrier, TrackingClient> clients = new EnumMap<>(Carrier.class);
        for (Carrier carrier : Carrier.values()) {
            clients.put(carrier, create(carrier, baseUrls.getOrDefault(carrier, PRODUCTION_BASE_URLS.get(carrier)),
                    creds, clock, settings.apply(carrier)));
        }
        return Collections.unmodifiableMap(clients);
    }

    public static TrackingClient create(Carrier carrier, URI baseUrl, CarrierCredentialsProvider creds, Clock clock,
                                        ResilienceSettings settings) {
        URI base = stripTrailingSlash(baseUrl);
        ResilientHttp http = new ResilientHttp(carrier, settings);
        return switch (carrier) {
            case UPS -> new UpsTrackingClient(base, http, creds, clock);
            case FEDEX -> new FedexTrackingClient(base, http, creds, clock);
            case USPS -> new UspsTrackingClient(base, http, creds, clock);
            case DHL -> new DhlTrackingClient(base, http, creds);
        };
    }

    /** Base URLs from env vars {@code UPS_BASE_URL}, {@code FEDEX_BASE_URL}, ... where set, else production. */
    public static Map<Carrier, URI> baseUrlsFromEnvironment(Map<String, String> env) {
        Map<Carrier, URI> urls = new EnumMap<>(PRODUCTION_BASE_URLS);
        for (Carrier carrier : Carrier.values()) {
            String value = env.get(carrier.name() + "_BASE_URL");
            if (value != null && !value.isBlank()) {
                urls.put(carrier, URI.create(value.trim()));
            }
        }
        return urls;
    }

    /** The parser for a carrier's saved response bodies (no HTTP). */
    public static CarrierResponseParser parser(Carrier carrier) {
        return switch (carrier) {
            case UPS -> new io.ordertracker.carriers.ups.UpsResponseParser();
            case FEDEX -> new io.ordertracker.carriers.fedex.FedexResponseParser();
            case USPS -> new io.ordertracker.carriers.usps.UspsResponseParser();
            case DHL -> new io.ordertracker.carriers.dhl.DhlResponseParser();
        };
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
