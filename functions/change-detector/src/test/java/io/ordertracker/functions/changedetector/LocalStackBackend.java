package io.ordertracker.functions.changedetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every service in one LocalStack Community container, pinned to 4.14.0 (later tags need an auth token). Sent
 * emails and SMS are read back through LocalStack's own inspection endpoints ({@code /_aws/ses},
 * {@code /_aws/sns/sms-messages}).
 */
final class LocalStackBackend implements Backend {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStackContainer container;
    private final URI endpoint;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final SesClient ses;
    private final SnsClient sns;
    private final LocalResources resources;
    private final String exceptionsTopicArn;
    private final String opsQueueUrl;

    LocalStackBackend() {
        container = new LocalStackContainer(IMAGE).withServices("dynamodb", "dynamodbstreams", "sqs", "sns", "ses");
        container.start();
        endpoint = container.getEndpoint();
        dynamo = LocalAws.configure(DynamoDbClient.builder(), endpoint).build();
        streams = LocalAws.configure(DynamoDbStreamsClient.builder(), endpoint).build();
        sqs = LocalAws.configure(SqsClient.builder(), endpoint).build();
        ses = LocalAws.configure(SesClient.builder(), endpoint).build();
        sns = LocalAws.configure(SnsClient.builder(), endpoint).build();
        resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        exceptionsTopicArn = sns.createTopic(b -> b.name("ExceptionsTopic")).topicArn();
        opsQueueUrl = sqs.createQueue(b -> b.queueName("ops-exceptions")).queueUrl();
        String opsQueueArn = sqs.getQueueAttributes(b -> b.queueUrl(opsQueueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(exceptionsTopicArn).protocol("sqs").endpoint(opsQueueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        ses.verifyEmailIdentity(b -> b.emailAddress(Pipeline.SENDER));
        ses.verifyDomainIdentity(b -> b.domain("acme.example"));
        ses.createConfigurationSet(b -> b.configurationSet(c -> c.name("EmailConfigurationSet")));
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("LocalStack inspection " + path + " failed", e);
        }
    }

    @Override
    public List<Sent> emails() {
        List<Sent> out = new ArrayList<>();
        for (JsonNode m : get("/_aws/ses").path("messages")) {
            JsonNode to = m.path("Destination").path("ToAddresses");
            JsonNode body = m.path("Body");
            String html = body.path("html_part").asText("");
            out.add(new Sent(to.isArray() && !to.isEmpty() ? to.get(0).asText() : "", m.path("Subject").asText(),
                    html.isEmpty() ? body.path("text_part").asText("") : html));
        }
        return out;
    }

    @Override
    public List<Sent> sms() {
        List<Sent> out = new ArrayList<>();
        collectSms(get("/_aws/sns/sms-messages").path("sms_messages"), out);
        return out;
    }

    /** The endpoint groups messages by phone number (and, by version, by account/region): walk it. */
    private static void collectSms(JsonNode node, List<Sent> out) {
        if (node.isObject() && node.has("PhoneNumber") && node.has("Message")) {
            out.add(new Sent(node.path("PhoneNumber").asText(), null, node.path("Message").asText()));
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectSms(child, out));
        }
    }

    @Override
    public List<String> opsMessages() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(opsQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                break;
            }
            messages.forEach(m -> {
                out.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(opsQueueUrl).receiptHandle(m.receiptHandle()));
            });
        }
        return out;
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
    public void close() {
        container.stop();
    }
}
