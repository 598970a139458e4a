package io.ordertracker.domain.merchants;

import java.time.Instant;

/**
 * A merchant and the branding its shoppers see.
 *
 * @param settings notification and branding settings; defaults when the merchant has set nothing
 */
public record Merchant(String merchantId, String name, MerchantSettings settings, Instant createdAt) {
}
