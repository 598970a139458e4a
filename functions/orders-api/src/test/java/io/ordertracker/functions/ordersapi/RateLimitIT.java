package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.merchants.MerchantRateLimiter;
import io.ordertracker.local.emulators.MutableClock;
import io.ordertracker.storage.Keys;
import io.ordertracker.storage.TrackingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-merchant request limit through the authorizer and the orders function on DynamoDB Local, on a clock the
 * test moves: 2 requests a second with a burst of 4 make 2-second windows of 4 requests.
 */
class RateLimitIT {
    static final MerchantRateLimiter.Limit LIMIT = new MerchantRateLimiter.Limit(2, 4);
    // An even epoch second: the start of a 2-second window.
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final ApiHarness api = harness();

    ApiHarness harness() {
        return new ApiHarness(ApiHarness.CLIENT,
                new TrackingTable(ApiHarness.CLIENT, ApiHarness.TABLE).merchantRateLimiter(LIMIT, clock));
    }

    static long countedRequests(String merchantId, Instant windowStart) {
        Map<String, AttributeValue> item = ApiHarness.CLIENT.getItem(b -> b.tableName(ApiHarness.TABLE).consistentRead(true)
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.rateLimitPk(merchantId)),
                        Keys.SK, AttributeValue.fromS(Keys.rateLimitSk(windowStart.getEpochSecond()))))).item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("requests").n());
    }

    @Test
    void theBurstPassesTheExcessGets429WithRetryAfterOthersAreUnaffectedAndTheNextWindowPasses() {
        ApiHarness.Merchant a = api.newMerchant("Rate A");
        ApiHarness.Merchant b = api.newMerchant("Rate B");
        Instant window = clock.instant();

        for (int i = 0; i < 4; i++) {
            assertThat(api.get(a.apiKey(), "NOPE-" + i).status()).as("request %s of the burst", i + 1).isEqualTo(404);
        }
        ApiHarness.Response refused = api.get(a.apiKey(), "NOPE-5");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().path("status").asInt()).isEqualTo(429);
        assertThat(refused.json().path("type").asText()).endsWith("/rate-limited");

        // Later in the same window: still refused, told the shorter wait (1.5 s, then 0.9 s, rounded up), on every
        // route; refusals are not counted.
        clock.advance(Duration.ofMillis(500));
        ApiHarness.Response again = api.settings(a.apiKey(), "GET", null, Map.of());
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.header("Retry-After")).isEqualTo("2");
        clock.advance(Duration.ofMillis(600));
        assertThat(api.get(a.apiKey(), "NOPE-6").header("Retry-After")).isEqualTo("1");
        assertThat(countedRequests(a.merchantId(), window)).isEqualTo(4);

        // Another container (its own limiter, same table) refuses A too: the count is shared.
        ApiHarness otherContainer = harness();
        assertThat(otherContainer.get(a.apiKey(), "NOPE-7").status()).isEqualTo(429);

        // B has its own budget.
        for (int i = 0; i < 4; i++) {
            assertThat(api.get(b.apiKey(), "NOPE-" + i).status()).isEqualTo(404);
        }

        // The next window admits A again, in both containers.
        clock.advance(Duration.ofMillis(900));
        assertThat(api.get(a.apiKey(), "NOPE-8").status()).isEqualTo(404);
        assertThat(otherContainer.settings(a.apiKey(), "GET", null, Map.of()).status()).isEqualTo(200);
        assertThat(countedRequests(a.merchantId(), window.plusSeconds(2))).isEqualTo(2);
    }
}
