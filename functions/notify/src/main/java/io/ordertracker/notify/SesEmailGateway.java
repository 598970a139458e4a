package io.ordertracker.notify;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * SES through its v1 API (SendEmail), which AWS, LocalStack Community and moto all serve. The configuration set
 * publishes delivery, bounce and complaint events to the topic the suppression function listens on.
 */
public final class SesEmailGateway implements Gateways.EmailGateway {
    private final SesClient ses;
    private final String configurationSet;

    public SesEmailGateway(SesClient ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
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
        try {
            return ses.sendEmail(req.build()).messageId();
        } catch (MessageRejectedException e) {
            String why = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (why != null && why.toLowerCase(java.util.Locale.ROOT).contains("not verified")) {
                throw new Gateways.UnverifiedSender(why, e);
            }
            throw e;
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
