package io.ordertracker.functions.changedetector;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * No containers: DynamoDB Local (with its stream) and ElasticMQ in this JVM, moto for SES and SNS. The table and
 * queues come from template.yaml; the topics and the SES identities are created on moto here.
 */
final class MotoBackend implements Backend {
    private final DynamoDbLocal dynamoLocal = DynamoDbLocal.start();
    private final ElasticMq elasticMq = ElasticMq.start();
    private final MotoServer moto = MotoServer.start();
    private final DynamoDbClient dynamo = dynamoLocal.client();
    private final DynamoDbStreamsClient streams = dynamoLocal.streamsClient();
    private final SqsClient sqs = elasticMq.client();
    private final SesClient ses = LocalAws.configure(SesClient.builder(), moto.endpoint()).build();
    private final SnsClient sns = LocalAws.configure(SnsClient.builder(), moto.endpoint()).build();
    /** moto's own SQS, for a subscriber on the exceptions topic (moto delivers only to its own queues). */
    private final SqsClient motoSqs = LocalAws.configure(SqsClient.builder(), moto.endpoint()).build();
    private final LocalResources resources;
    private final String exceptionsTopicArn;
    private final String opsQueueUrl;

    MotoBackend() {
        resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        exceptionsTopicArn = sns.createTopic(b -> b.name("ExceptionsTopic")).topicArn();
        opsQueueUrl = motoSqs.createQueue(b -> b.queueName("ops-exceptions")).queueUrl();
        String opsQueueArn = motoSqs.getQueueAttributes(b -> b.queueUrl(opsQueueUrl)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(exceptionsTopicArn).protocol("sqs").endpoint(opsQueueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        ses.verifyEmailIdentity(b -> b.emailAddress(Pipeline.SENDER));
        ses.verifyDomainIdentity(b -> b.domain("acme.example"));
        ses.createConfigurationSet(b -> b.configurationSet(c -> c.name("EmailConfigurationSet")));
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public DynamoDbStreamsClient streams() {
        return streams;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public SesClient ses() {
        return ses;
    }

    @Override
    public SnsClient sns() {
        return sns;
    }

    @Override
    public String table() {
        return "TrackingTable";
    }

    @Override
    public String emailQueueUrl() {
        return resources.ref("EmailQueue").orElseThrow();
    }

    @Override
    public String smsQueueUrl() {
        return resources.ref("SmsQueue").orElseThrow();
    }

    @Override
    public String exceptionsTopicArn() {
        return exceptionsTopicArn;
    }

    @Override
    public List<String> opsMessages() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var messages = motoSqs.receiveMessage(b -> b.queueUrl(opsQueueUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                break;
            }
            messages.forEach(m -> {
                out.add(m.body());
                motoSqs.deleteMessage(b -> b.queueUrl(opsQueueUrl).receiptHandle(m.receiptHandle()));
            });
        }
        return out;
    }

    @Override
    public List<Sent> emails() {
        List<Sent> out = new ArrayList<>();
        for (JsonNode m : moto.sentEmails()) {
            JsonNode to = m.path("destinations").path("ToAddresses");
            out.add(new Sent(to.isArray() && !to.isEmpty() ? to.get(0).asText() : "", m.path("subject").asText(),
                    m.path("body").asText()));
        }
        return out;
    }

    @Override
    public List<Sent> sms() {
        List<Sent> out = new ArrayList<>();
        for (JsonNode m : moto.sentSms()) {
            out.add(new Sent(m.path("phone_number").asText(), null, m.path("message").asText()));
        }
        return out;
    }

    @Override
    public void close() {
        moto.close();
        elasticMq.close();
        dynamoLocal.close();
    }
}
