package io.ordertracker.notify;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * SES through its v1 API (SendEmail), which AWS, LocalStack Community and moto all serve. The configuration set
 * publishes delivery, bounce and complaint events to the topic the suppression function listens on. Every SendEmail
 * first takes a permit from the container's {@link SendRateLimiter}: SES's send rate is per account, shared by every
 * container of the function. Throttling comes back as {@link Gateways.Throttled}.
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
    public String send(String source, String to, String replyTo, MessageComposer.Email email) {
        SendEmailRequest.Builder req = SendEmailRequest.builder()
                .source(source)
                .destination(d -> d.toAddresses(to))
                .message(m -> m.subject(utf8(email.subject()))
                        .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build()));
        if (replyTo != null) {
            req.replyToAddresses(replyTo);
        }
        if (configurationSet != null && !configurationSet.isBlank()) {
            req.configurationSetName(configurationSet);
        }
        rateLimiter.acquire();
        try {
            return ses.sendEmail(req.build()).messageId();
        } catch (MessageRejectedException e) {
            String why = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (why != null && why.toLowerCase(java.util.Locale.ROOT).contains("not verified")) {
                throw new Gateways.UnverifiedSender(why, e);
            }
            throw e;
        } catch (SesException e) {
            throw ThrottlingErrors.classify(e, "SES");
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
