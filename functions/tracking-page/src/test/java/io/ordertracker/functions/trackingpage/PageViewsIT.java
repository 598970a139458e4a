package io.ordertracker.functions.trackingpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.analytics.AnalyticsReport;
import io.ordertracker.domain.analytics.Figures;
import io.ordertracker.functions.trackingpage.Journeys.Journey;
import io.ordertracker.functions.trackingpage.Journeys.Seeded;
import io.ordertracker.local.emulators.MutableClock;
import io.ordertracker.storage.DynamoDbMerchantFacts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Shoppers' visits to the page counted for the merchant's analytics, over real HTTP on DynamoDB Local: a reload
 * storm is one view per 30-minute window, the order is viewed once, a HEAD counts nothing, and a facts store that
 * fails still serves the page.
 */
class PageViewsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private static HttpResponse<String> send(LocalPageServer server, String method, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri("/t/" + token)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Figures figures(String merchantId) {
        return AnalyticsReport.of(PageFixtures.FACTS, merchantId, DAY.minusDays(1), DAY.plusDays(1),
                AnalyticsReport.GroupBy.DAY).totals();
    }

    @Test
    void aReloadStormIsOneViewPerWindowTheOrderIsViewedOnceAndHeadCountsNothing() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, PageFixtures.plainMerchant());
        MutableClock clock = new MutableClock(PageFixtures.NOW); // 15:00, the start of a window
        DynamoDbMerchantFacts facts = new DynamoDbMerchantFacts(PageFixtures.CLIENT, PageFixtures.TABLE, clock);
        try (LocalPageServer server = new LocalPageServer(new TrackingPageFunction(PageFixtures.READER::read,
                PageFixtures.PREFERENCES, PageFixtures.MERCHANTS, clock, null, facts))) {
            assertThat(send(server, "HEAD", seeded.token()).statusCode()).isEqualTo(200);
            assertThat(figures(seeded.merchantId()).pageViews()).as("a HEAD is not a view").isZero();

            for (int i = 0; i < 5; i++) {
                assertThat(send(server, "GET", seeded.token()).statusCode()).isEqualTo(200);
                clock.advance(Duration.ofMinutes(5)); // 15:00 .. 15:20, one window
            }
            Figures storm = figures(seeded.merchantId());
            assertThat(storm.pageViews()).isEqualTo(1);
            assertThat(storm.ordersViewed()).isEqualTo(1);

            clock.set(PageFixtures.NOW.plus(Duration.ofMinutes(31)));
            assertThat(send(server, "GET", seeded.token()).statusCode()).isEqualTo(200);
            send(server, "GET", seeded.token());
            assertThat(send(server, "HEAD", seeded.token()).statusCode()).isEqualTo(200);
            Figures later = figures(seeded.merchantId());
            assertThat(later.pageViews()).as("the next window is another visit").isEqualTo(2);
            assertThat(later.ordersViewed()).as("the same order").isEqualTo(1);
            assertThat(figures(PageFixtures.plainMerchant().merchantId()).pageViews()).as("another merchant").isZero();
        }
    }

    @Test
    void aFactsStoreThatFailsStillServesThePage() throws Exception {
        Seeded seeded = PageFixtures.seed(Journey.IN_TRANSIT, PageFixtures.plainMerchant());
        DynamoDbMerchantFacts missing = new DynamoDbMerchantFacts(PageFixtures.CLIENT, "NoSuchTable", PageFixtures.CLOCK);
        try (LocalPageServer server = new LocalPageServer(new TrackingPageFunction(PageFixtures.READER::read,
                PageFixtures.PREFERENCES, PageFixtures.MERCHANTS, PageFixtures.CLOCK, null, missing))) {
            HttpResponse<String> r = send(server, "GET", seeded.token());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Order " + seeded.orderNumber(), "In transit");
        }
        assertThat(figures(seeded.merchantId()).pageViews()).isZero();
    }
}
