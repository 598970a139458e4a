package io.ordertracker.carriers.dhl;

import io.ordertracker.carriers.CarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Dhl adapter against the sandbox over real HTTP. */
class DhlSandboxTest extends CarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.DHL;
    }
}
