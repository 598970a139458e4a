package io.ordertracker.functions.trackingpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.ShopperPreferences.Preferences;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET/POST /u/{token}}: the shopper's email choices at one merchant, RFC 8058 one-click included. */
class PreferencesPageIT {
    final TrackingPageFunction function = PageFixtures.function();

    private static APIGatewayV2HTTPResponse call(String method, String token, String body, String contentType) {
        return PageFixtures.function().handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRouteKey(method + " /u/{token}").withRawPath("/u/" + token)
                .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                .withPathParameters(Map.of("token", token)).withBody(body).withIsBase64Encoded(false).build(), null);
    }

    private Preferences shopper(Merchant merchant) {
        return PageFixtures.PREFERENCES.forSending(merchant.merchantId(), UUID.randomUUID() + "@example.com",
                PageFixtures.NOW);
    }

    private static Preferences reread(String token) {
        return PageFixtures.PREFERENCES.find(token, PageFixtures.NOW).orElseThrow().preferences();
    }

    @Test
    void oneClickPostUnsubscribesWithASmallBodyAndIsIdempotent() {
        Preferences ada = shopper(PageFixtures.plainMerchant());
        for (int i = 0; i < 2; i++) {
            APIGatewayV2HTTPResponse r = call("POST", ada.token(), "List-Unsubscribe=One-Click",
                    "application/x-www-form-urlencoded");
            assertThat(r.getStatusCode()).isEqualTo(200);
            assertThat(r.getBody()).hasSizeLessThan(100).contains("unsubscribed");
            assertThat(r.getHeaders()).doesNotContainKey("Set-Cookie").containsEntry("Cache-Control", "no-store");
        }
        assertThat(reread(ada.token()).unsubscribedAll()).isTrue();
    }

    @Test
    void unknownForgedAndMalformedTokensAre404AndChangeNothing() {
        Preferences ada = shopper(PageFixtures.plainMerchant());
        String forged = ada.token().substring(0, ada.token().length() - 4) + "AAAA";
        for (String token : new String[] {forged, "nope", ada.token().replace("m_", "x_")}) {
            assertThat(call("POST", token, "List-Unsubscribe=One-Click", null).getStatusCode()).as(token).isEqualTo(404);
            assertThat(call("GET", token, null, null).getStatusCode()).as(token).isEqualTo(404);
        }
        assertThat(reread(ada.token()).unsubscribedAll()).isFalse();
    }

    @Test
    void thePageIsBrandedEscapedAndItsFormMutesMilestonesOrStopsEverything() {
        Merchant hostile = PageFixtures.merchant("<script>alert(1)</script> & Co",
                new MerchantSettings("<img src=x onerror=alert(1)>", null, "#ffff00", null, null, null, null, null, 3));
        Preferences ada = shopper(hostile);

        APIGatewayV2HTTPResponse page = call("GET", ada.token(), null, null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).doesNotContain("<img src=x", "<script>").contains("&lt;img src&#x3D;x",
                "name=\"m\" value=\"SHIPPED\" checked", "<label for=\"m-SHIPPED\">", "method=\"post\"");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("form-action 'self'")
                .doesNotContain("script-src");

        APIGatewayV2HTTPResponse saved = call("POST", ada.token(), "m=DELIVERED&m=ORDER_CONFIRMED&action=save",
                "application/x-www-form-urlencoded");
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(saved.getBody()).contains("role=\"status\"", "value=\"DELIVERED\" checked")
                .doesNotContain("value=\"SHIPPED\" checked");
        assertThat(reread(ada.token()).wants(Milestone.DELIVERED)).isTrue();
        assertThat(reread(ada.token()).wants(Milestone.SHIPPED)).isFalse();

        call("POST", ada.token(), "action=all", "application/x-www-form-urlencoded");
        assertThat(reread(ada.token()).unsubscribedAll()).isTrue();
        assertThat(call("GET", ada.token(), null, null).getBody()).doesNotContain("checked");
    }

    @Test
    void theTrackingPageStillAnswersItsOwnRoute() {
        assertThat(function.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/{token}")
                .withPathParameters(Map.of("token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).build(), null)
                .getStatusCode()).isEqualTo(404);
    }
}
