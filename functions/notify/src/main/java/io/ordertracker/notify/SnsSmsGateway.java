package io.ordertracker.notify;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** SMS through SNS Publish to a phone number, as Transactional (delivered even to numbers on DND lists where allowed). */
public final class SnsSmsGateway implements Gateways.SmsGateway {
    private final SnsClient sns;

    public SnsSmsGateway(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public boolean optedOut(String phoneNumber) {
        return Boolean.TRUE.equals(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber(phoneNumber)).isOptedOut());
    }

    @Override
    public String send(String phoneNumber, String text) {
        return sns.publish(b -> b.phoneNumber(phoneNumber).message(text).messageAttributes(Map.of(
                "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())))
                .messageId();
    }
}
