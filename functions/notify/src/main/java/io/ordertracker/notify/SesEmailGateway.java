package io.ordertracker.notify;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import java.util.Map;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.RawMessage;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * SES through its v1 API (SendRawEmail), which AWS, LocalStack Community and moto all serve: the message is raw MIME
 * ({@link MimeEmail}), because SendEmail cannot carry the List-Unsubscribe headers. The configuration set publishes
 * delivery, bounce and complaint events to the topic the suppression function listens on. Every send first takes a
 * permit from the container's {@link SendRateLimiter}: SES's send rate is per account, shared by every container of
 * the function. Throttling comes back as {@link Gateways.Throttled}.
 */
public final class SesEmailGateway implements Gateways.EmailGateway {
    private final SesClient ses;
    private final String configurationSet;
    private final SendRateLimiter rateLimiter;

    public SesEmailGateway(SesClient ses, String configurationSet) {
        this(ses, configurationSet, SendRateLimiter.unlimited());
    }

    public SesEmailGateway(SesClient ses, String configurationSet, SendRateLimiter rateLimiter) {
        this.ses = ses;
        this.configurationSet = configurationSet;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public String send(String source, String to, byte[] rawMime) {
        return send(source, to, rawMime, Map.of());
    }

    /** The tags come back in every event of the configuration set (NotificationOutcomesFunction reads them). */
    @Override
    public String send(String source, String to, byte[] rawMime, Map<String, String> tags) {
        SendRawEmailRequest.Builder req = SendRawEmailRequest.builder()
                .source(source)
                .destinations(to)
                .rawMessage(RawMessage.builder().data(SdkBytes.fromByteArray(rawMime)).build());
        if (!tags.isEmpty()) {
            req.tags(tags.entrySet().stream()
                    .map(t -> MessageTag.builder().name(t.getKey()).value(t.getValue()).build()).toList());
        }
        if (configurationSet != null && !configurationSet.isBlank()) {
            req.configurationSetName(configurationSet);
        }
        rateLimiter.acquire();
        try {
            return ses.sendRawEmail(req.build()).messageId();
        } catch (MessageRejectedException e) {
            String why = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String lower = why == null ? "" : why.toLowerCase(java.util.Locale.ROOT);
            // SES: "Email address is not verified."; moto's SendRawEmail: "Did not have authority to send from ..."
            if (lower.contains("not verified") || lower.contains("did not have authority to send")) {
                throw new Gateways.UnverifiedSender(why, e);
            }
            throw e;
        } catch (SesException e) {
            throw ThrottlingErrors.classify(e, "SES");
        }
    }
}
