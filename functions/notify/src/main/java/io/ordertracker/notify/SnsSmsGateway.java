package io.ordertracker.notify;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * SMS through SNS Publish to a phone number, as Transactional (delivered even to numbers on DND lists where allowed).
 * Throttling (of the publish or of the opt-out lookup) comes back as {@link Gateways.Throttled}.
 */
public final class SnsSmsGateway implements Gateways.SmsGateway {
    private final SnsClient sns;

    public SnsSmsGateway(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public boolean optedOut(String phoneNumber) {
        try {
            return Boolean.TRUE.equals(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(phoneNumber)).isOptedOut());
        } catch (SnsException e) {
            throw ThrottlingErrors.classify(e, "SNS");
        }
    }

    @Override
    public String send(String phoneNumber, String text) {
        try {
            return sns.publish(b -> b.phoneNumber(phoneNumber).message(text).messageAttributes(Map.of(
                    "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())))
                    .messageId();
        } catch (SnsException e) {
            throw ThrottlingErrors.classify(e, "SNS");
        }
    }
}
