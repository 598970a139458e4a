package io.ordertracker.polling;

import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.domain.polling.Observation;

/** The carriers module's answer in the domain's terms. */
public final class CarrierAnswers {
    private CarrierAnswers() {
    }

    public static Observation observation(CarrierTrackingResult.Tracked t) {
        return new Observation(t.status(), t.reason(), t.estimatedDelivery(), t.deliveredAt(), t.signedBy(), t.events(),
                t.carrierStatusCode());
    }
}
