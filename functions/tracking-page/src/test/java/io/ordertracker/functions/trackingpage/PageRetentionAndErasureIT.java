package io.ordertracker.functions.trackingpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.functions.trackingpage.Journeys.Journey;
import io.ordertracker.functions.trackingpage.Journeys.Seeded;
import io.ordertracker.storage.TrackingTable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The page of an order whose retention ran out, or that was erased, over real HTTP on DynamoDB Local. */
class PageRetentionAndErasureIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int status(Instant now, String token, String accept) throws Exception {
        try (LocalPageServer server = new LocalPageServer(
                new TrackingPageFunction(PageFixtures.READER::read, PageFixtures.PREFERENCES, PageFixtures.MERCHANTS,
                        Clock.fixed(now, ZoneOffset.UTC), null, PageFixtures.FACTS))) {
            return HTTP.send(HttpRequest.newBuilder(server.uri("/t/" + token)).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test
    void stoppingTrackingStartsTheRetentionAndThePageGoesWhenItRunsOut() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, PageFixtures.plainMerchant());
        assertThat(PageFixtures.ORDERS.stopTracking(seeded.merchantId(), seeded.orderNumber(), seeded.shipmentId(),
                PageFixtures.NOW)).isPresent();
        Instant expiry = PageFixtures.NOW.plus(RetentionPolicy.DEFAULT.retention());

        assertThat(status(expiry.minusSeconds(1), seeded.token(), "text/html")).isEqualTo(200);
        assertThat(status(expiry, seeded.token(), "text/html")).isEqualTo(404);
        assertThat(status(expiry, seeded.token(), "application/json")).isEqualTo(404);
    }

    @Test
    void anErasedOrdersPageIsNotFound() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.DELIVERED, PageFixtures.plainMerchant());
        assertThat(status(PageFixtures.NOW, seeded.token(), "text/html")).isEqualTo(200);

        assertThat(new TrackingTable(PageFixtures.CLIENT, PageFixtures.TABLE).erasure(PageFixtures.CLOCK)
                .erase(seeded.merchantId(), seeded.orderNumber())).isPresent();
        assertThat(status(PageFixtures.NOW, seeded.token(), "text/html")).isEqualTo(404);
        assertThat(status(PageFixtures.NOW, seeded.token(), "application/json")).isEqualTo(404);
    }
}
