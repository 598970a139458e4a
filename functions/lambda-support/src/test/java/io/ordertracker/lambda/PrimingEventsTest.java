package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingEventsTest {
    @Test
    void aPrimingStepReadsTheRouteAsAMerchantThatDoesNotExist() {
        List<String> seen = new ArrayList<>();
        HttpRoutes routes = HttpRoutes.builder()
                .route("GET /v1/orders/{orderNumber}", r -> {
                    seen.add(r.merchantId() + " " + r.pathParameter("orderNumber"));
                    return HttpResponses.json(404, Map.of());
                })
                .route("POST /v1/orders", r -> {
                    seen.add("POST");
                    return HttpResponses.json(201, Map.of());
                })
                .build();

        Priming.Step step = routes.priming("GET /v1/orders/{orderNumber}");
        step.action().run();

        assertThat(step.name()).isEqualTo("GET /v1/orders/{orderNumber}");
        assertThat(seen).containsExactly(PrimingEvents.MERCHANT + " priming");
        assertThat(PrimingEvents.get("GET /v1/orders/{orderNumber}").getRawPath()).isEqualTo("/v1/orders/priming");
    }

    @Test
    void primingOnlyReads() {
        assertThatThrownBy(() -> PrimingEvents.get("POST /v1/orders")).isInstanceOf(IllegalArgumentException.class);
    }
}
