package io.ordertracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.cli.CliRun.Run;
import io.ordertracker.json.Json;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** ./tracker redrive against ElasticMQ with the queues template.yaml declares. */
class RedriveCommandIT {
    static ElasticMq elasticMq;
    static SqsClient sqs;
    static LocalResources resources;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
        resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createQueues(sqs);
    }

    @AfterAll
    static void stop() {
        elasticMq.close();
    }

    static Run tracker(String... args) {
        return CliRun.tracker(args);
    }

    static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        } while (!batch.isEmpty());
        return all;
    }

    @Test
    void movesEveryDeadLetterBackToTheQueueThatSentItWithItsBodyAndAttributes() throws Exception {
        String dlq = resources.ref("TrackingDLQ").orElseThrow();
        String queue = resources.ref("TrackingQueue").orElseThrow();
        for (int i = 0; i < 23; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"plan\":" + n + "}").messageAttributes(Map.of("carrier",
                    MessageAttributeValue.builder().dataType("String").stringValue("ups").build())));
        }

        Run run = tracker("redrive", dlq, "--endpoint-url", elasticMq.endpoint().toString(), "--region", "us-east-1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).get("moved").asInt()).isEqualTo(23);
        assertThat(Json.MAPPER.readTree(run.out()).get("to").asText()).isEqualTo(queue);
        List<Message> back = drain(queue);
        assertThat(back).extracting(Message::body).hasSize(23).doesNotHaveDuplicates().contains("{\"plan\":0}", "{\"plan\":22}");
        assertThat(back).allSatisfy(m -> assertThat(m.messageAttributes().get("carrier").stringValue()).isEqualTo("ups"));
        assertThat(drain(dlq)).isEmpty();
    }

    @Test
    void movesAtMostWhatItIsToldToAndToTheQueueItIsToldTo() throws Exception {
        String dlq = resources.ref("EmailDeadLetterQueue").orElseThrow();
        String other = resources.ref("SmsQueue").orElseThrow();
        for (int i = 0; i < 5; i++) {
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("job"));
        }

        Run run = tracker("redrive", dlq, "--to", other, "--max", "3", "--endpoint-url", elasticMq.endpoint().toString(),
                "--region", "us-east-1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).get("moved").asInt()).isEqualTo(3);
        assertThat(drain(other)).hasSize(3);
        assertThat(drain(dlq)).hasSize(2);
    }

    @Test
    void withoutAQueueItSaysHowToCallIt() {
        Run run = tracker("redrive");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("usage: redrive DLQ_URL");
    }
}
