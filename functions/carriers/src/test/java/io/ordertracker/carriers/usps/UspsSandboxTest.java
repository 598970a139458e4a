package io.ordertracker.carriers.usps;

import io.ordertracker.carriers.OAuthCarrierSandboxContract;
import io.ordertracker.domain.Carrier;

/** The Usps adapter against the sandbox over real HTTP. */
class UspsSandboxTest extends OAuthCarrierSandboxContract {

    @Override
    protected Carrier carrier() {
        return Carrier.USPS;
    }
}
