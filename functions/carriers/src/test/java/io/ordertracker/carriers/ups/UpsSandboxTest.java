package io.ordertracker.carriers.ups;

import io.ordertracker.carriers.CarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Ups adapter against the sandbox over real HTTP. */
class UpsSandboxTest extends CarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.UPS;
    }
}
