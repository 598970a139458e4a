package io.ordertracker.carriers.usps;

import io.ordertracker.carriers.CarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Usps adapter against the sandbox over real HTTP. */
class UspsSandboxTest extends CarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.USPS;
    }
}
