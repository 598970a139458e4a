package io.ordertracker.carriers;

import io.ordertracker.domain.Carrier;

/** Where credentials come from: Secrets Manager in production, fixed values for the sandbox. */
public interface CarrierCredentialsProvider {

    CarrierCredentials credentials(Carrier carrier);
}
