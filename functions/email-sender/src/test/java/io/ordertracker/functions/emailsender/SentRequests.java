package io.ordertracker.functions.emailsender;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailResponse;

/**
 * A global SDK interceptor (test resources: software/amazon/awssdk/global/handlers/execution.interceptors) that
 * keeps every SendRawEmail the function's own client made and moto answered, so a test sees what went on the wire
 * that moto does not keep (message tags, configuration set).
 */
public final class SentRequests implements ExecutionInterceptor {
    record Sent(SendRawEmailRequest request, String messageId) {
    }

    static final List<Sent> EMAILS = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendRawEmailRequest r && context.response() instanceof SendRawEmailResponse a) {
            EMAILS.add(new Sent(r, a.messageId()));
        }
    }
}
