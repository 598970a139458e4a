package io.ordertracker.webhooks;

import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.webhooks.WebhookEndpoint;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * The disabled-endpoint email, through SES (v1 SendEmail), from the stack's sender address to the merchant's
 * support email (settings). A merchant without one is not told (logged, and counted by the caller's metrics).
 */
public final class SesEndpointNotices implements EndpointNotices {
    private static final Logger LOG = LoggerFactory.getLogger(SesEndpointNotices.class);

    private final SesClient ses;
    private final MerchantStore merchants;
    private final String senderEmail;

    public SesEndpointNotices(SesClient ses, MerchantStore merchants, String senderEmail) {
        this.ses = ses;
        this.merchants = merchants;
        this.senderEmail = senderEmail;
    }

    @Override
    public void disabled(WebhookEndpoint endpoint, Instant failingSince) {
        Optional<String> to = merchants.findMerchant(endpoint.merchantId()).map(Merchant::settings)
                .map(s -> s.supportEmail()).filter(a -> !a.isBlank());
        if (to.isEmpty()) {
            LOG.warn("webhook endpoint {} disabled; its merchant has no support email to tell", endpoint.endpointId());
            return;
        }
        String text = "Deliveries to your webhook endpoint " + endpoint.endpointId() + " (" + endpoint.url()
                + ") have failed since " + failingSince + ", so it has been disabled and gets no more events.\n\n"
                + "Fix the endpoint, then enable it again with PATCH /v1/webhooks/" + endpoint.endpointId()
                + " {\"enabled\": true}. Its failed deliveries are listed by GET /v1/webhooks/" + endpoint.endpointId()
                + "/deliveries and can be sent again with POST .../deliveries/{deliveryId}/replay.\n";
        ses.sendEmail(b -> b.source(senderEmail).destination(d -> d.toAddresses(to.get()))
                .message(m -> m.subject(c -> c.data("Webhook endpoint disabled: " + endpoint.endpointId()).charset("UTF-8"))
                        .body(body -> body.text(c -> c.data(text).charset("UTF-8")))));
        LOG.info("webhook endpoint {} disabled; merchant told", endpoint.endpointId());
    }
}
