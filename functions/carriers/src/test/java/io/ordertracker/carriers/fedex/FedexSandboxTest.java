package io.ordertracker.carriers.fedex;

import io.ordertracker.carriers.CarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Fedex adapter against the sandbox over real HTTP. */
class FedexSandboxTest extends CarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.FEDEX;
    }
}
