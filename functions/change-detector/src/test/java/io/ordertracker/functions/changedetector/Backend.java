package io.ordertracker.functions.changedetector;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the scenarios run: in-JVM emulators + moto, or LocalStack in a container. */
interface Backend extends AutoCloseable {
    DynamoDbClient dynamo();

    DynamoDbStreamsClient streams();

    SqsClient sqs();

    SesClient ses();

    SnsClient sns();

    String table();

    String emailQueueUrl();

    String smsQueueUrl();

    String exceptionsTopicArn();

    /** Messages published to the exceptions topic, as its test subscriber received them. */
    List<String> opsMessages();

    /** Every email the provider accepted. */
    List<Sent> emails();

    /** Every SMS the provider accepted. */
    List<Sent> sms();

    record Sent(String to, String subject, String body) {
    }

    @Override
    void close();
}
