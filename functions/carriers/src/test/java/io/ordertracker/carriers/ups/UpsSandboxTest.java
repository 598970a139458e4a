package io.ordertracker.carriers.ups;

import io.ordertracker.carriers.OAuthCarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Ups adapter against the sandbox over real HTTP. */
class UpsSandboxTest extends OAuthCarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.UPS;
    }
}
