package io.ordertracker.functions.changedetector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.functions.emailsender.EmailSenderFunction;
import io.ordertracker.functions.smssender.SmsSenderFunction;
import io.ordertracker.lambda.Env;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.local.emulators.ThrottlingProxy;
import io.ordertracker.local.emulators.ThrottlingProxy.Refusal;
import io.ordertracker.notify.JobMessages;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SES and SNS throttle for a while, then stop: every job is sent exactly once and nothing reaches a dead-letter
 * queue. The sender functions as Lambda builds them (no-arg constructors, the environment template.yaml sets),
 * ElasticMQ queues with the template's visibility timeouts and redrive policies, DynamoDB Local, and moto behind a
 * {@link ThrottlingProxy} that answers SendRawEmail / Publish with AWS's throttling errors while switched on.
 */
class ProviderThrottlingIT {
    static final int ORDERS = 6;
    /** More throttled receives than the queues allowed before throttling had its own outcome (5 email, 10 SMS). */
    static final int THROTTLED_ROUNDS = 12;
    /** Noon in New York: no quiet hours for the texts. */
    static final Instant NOW = Instant.parse("2026-11-20T17:00:00Z");

    static DynamoDbLocal dynamoLocal;
    static ElasticMq elasticMq;
    static MotoServer moto;
    static ThrottlingProxy proxy;
    static SqsClient sqs;
    static LocalResources resources;
    static Map<String, String> env;

    @BeforeAll
    static void start() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        dynamoLocal = DynamoDbLocal.start();
        elasticMq = ElasticMq.start();
        moto = MotoServer.start();
        proxy = ThrottlingProxy.start(moto.endpoint());
        var dynamo = dynamoLocal.client();
        sqs = elasticMq.client();
        resources = new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(dynamo).createQueues(sqs);
        SesClient ses = LocalAws.configure(SesClient.builder(), moto.endpoint()).build();
        ses.verifyDomainIdentity(b -> b.domain("acme.example"));
        ses.verifyEmailIdentity(b -> b.emailAddress("notifications@example.com"));
        Instant t = NOW.minusSeconds(86_400 * 4);
        new DynamoDbMerchantStore(dynamo, "TrackingTable").createMerchant(new Merchant("m_thr", "Acme Outfitters",
                new MerchantSettings("Acme Outfitters", null, null, null, "orders@acme.example", "help@acme.example",
                        null, null, 3), t));
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, "TrackingTable");
        for (int i = 0; i < ORDERS; i++) {
            String order = "T-" + i;
            String shipmentId = "shp_thr00000000000000000000" + i;
            Shipment delivered = new Shipment("m_thr", order, shipmentId, Carrier.UPS, "1Z5R8939035756712" + i,
                    "tk_thr_" + i, ShipmentStatus.DELIVERED, ExceptionReason.NONE,
                    EstimatedDelivery.of(LocalDate.parse("2026-11-20"), EstimatedDelivery.Kind.SCHEDULED), false, false,
                    NOW.minusSeconds(600), NOW.minusSeconds(600), null, true, t, t, 5);
            orders.create(new Order("m_thr", order, new Customer("Ada", email(i), phone(i), "America/New_York", "en-US"),
                    List.of(), LocalDate.parse("2026-11-21"), t, "h" + i), List.of(delivered), null);
            for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
                String body = JobMessages.toJson(NotificationJob.of("m_thr", order, shipmentId,
                        new DetectedMilestone(Milestone.DELIVERED, "", ExceptionReason.NONE), channel, NOW));
                sqs.sendMessage(b -> b.queueUrl(queue(channel == Channel.EMAIL ? "EmailQueue" : "SmsQueue"))
                        .messageBody(body));
            }
        }
        env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        // each throttled try is answered at once; the SDK's own retries would only make the rounds slower
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SES", proxy.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", proxy.endpoint().toString());
        env.put("POWERTOOLS_SERVICE_NAME", "senders-throttling-it");
        env.put("TABLE_NAME", "TrackingTable");
        env.put("EMAIL_QUEUE_URL", queue("EmailQueue"));
        env.put("SMS_QUEUE_URL", queue("SmsQueue"));
        env.put("SENDER_EMAIL", "notifications@example.com");
        env.put("TRACKING_PAGE_BASE_URL", "https://track.example.test");
        env.put("QUIET_HOURS", "21:00-08:00");
        env.put("SES_MAX_SEND_RATE", "50");
        env.put("LOCAL_CLOCK_EPOCH_MILLIS", Long.toString(NOW.toEpochMilli()));
        env.put("LOCAL_CLOCK_REAL_START_MILLIS", Long.toString(System.currentTimeMillis()));
        env.put("LOCAL_CLOCK_FACTOR", "1");
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            proxy.close();
            moto.close();
            elasticMq.close();
            dynamoLocal.close();
        }
    }

    static String email(int i) {
        return "shopper" + i + "@example.com";
    }

    static String phone(int i) {
        return "+1212555010" + i;
    }

    static String queue(String logicalId) {
        return resources.ref(logicalId).orElseThrow();
    }

    @Test
    void whileThrottledNothingIsSentOrDeadLetteredAndAfterwardsEveryJobIsSentOnce() {
        EmailSenderFunction emailSender = Env.withOverlay(env, EmailSenderFunction::new);
        SmsSenderFunction smsSender = Env.withOverlay(env, SmsSenderFunction::new);

        proxy.throttle(Refusal.SES_SEND_RAW_EMAIL, Refusal.SNS_PUBLISH);
        for (int round = 1; round <= THROTTLED_ROUNDS; round++) {
            Round email = deliver("EmailQueue", emailSender);
            Round sms = deliver("SmsQueue", smsSender);
            assertThat(email.received()).as("round %d", round).hasSize(ORDERS);
            assertThat(sms.received()).as("round %d", round).hasSize(ORDERS);
            assertThat(email.failed()).as("every email job waits").hasSize(ORDERS);
            assertThat(sms.failed()).as("every SMS job waits").hasSize(ORDERS);
            assertThat(email.receiveCounts()).as("each message received once a round").containsOnly(round);
            assertThat(depth("EmailDeadLetterQueue") + depth("SmsDeadLetterQueue")).isZero();
            fastForward(email, sms);
        }
        assertThat(moto.sentEmails()).isEmpty();
        assertThat(moto.sentSms()).isEmpty();
        // once a batch is throttled its other jobs are not tried: one refused call per batch and round
        assertThat(proxy.refused("SendRawEmail")).isEqualTo(THROTTLED_ROUNDS);
        assertThat(proxy.refused("Publish")).isEqualTo(THROTTLED_ROUNDS);

        // SNS's opt-out lookup throttled too: the claim taken before it must be freed, or the next try finds the
        // job in flight until the lease runs out
        proxy.throttle(Refusal.SNS_OPT_OUT_CHECK);
        Round optOut = deliver("SmsQueue", smsSender);
        assertThat(optOut.failed()).hasSize(ORDERS);
        assertThat(proxy.refused("CheckIfPhoneNumberIsOptedOut")).isEqualTo(1);
        fastForward(optOut);

        proxy.throttle();
        Round emailDone = deliver("EmailQueue", emailSender);
        Round smsDone = deliver("SmsQueue", smsSender);
        assertThat(emailDone.failed()).isEmpty();
        assertThat(smsDone.failed()).isEmpty();

        assertThat(moto.sentEmails()).extracting(m -> m.path("destinations").path("ToAddresses").get(0).asText())
                .containsExactlyInAnyOrderElementsOf(indexes().stream().map(ProviderThrottlingIT::email).toList());
        assertThat(moto.sentSms()).extracting(m -> m.path("phone_number").asText())
                .containsExactlyInAnyOrderElementsOf(indexes().stream().map(ProviderThrottlingIT::phone).toList());
        for (String q : List.of("EmailQueue", "SmsQueue", "EmailDeadLetterQueue", "SmsDeadLetterQueue")) {
            assertThat(depth(q)).as(q).isZero();
        }
    }

    static List<Integer> indexes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            out.add(i);
        }
        return out;
    }

    /** One poll of the queue as the SQS event source makes it: a batch, then the successes deleted. */
    record Round(String queueUrl, List<Message> received, Set<String> failed) {
        List<Integer> receiveCounts() {
            return received.stream().map(m -> Integer.parseInt(m.attributes()
                    .get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))).toList();
        }
    }

    static Round deliver(String logicalId, RequestHandler<SQSEvent, SQSBatchResponse> function) {
        String url = queue(logicalId);
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 5 && received.size() < ORDERS; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) {
                break;
            }
            received.addAll(got);
        }
        if (received.isEmpty()) {
            return new Round(url, received, Set.of());
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(m -> {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setAttributes(m.attributesAsStrings());
            r.setEventSource("aws:sqs");
            return r;
        }).toList());
        SQSBatchResponse response = Env.withOverlay(env, () -> function.handleRequest(event, null));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : received) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return new Round(url, received, failed);
    }

    /** The waits the senders set, passed: the held messages become visible again. */
    static void fastForward(Round... rounds) {
        for (Round round : rounds) {
            for (Message m : round.received()) {
                if (round.failed().contains(m.messageId())) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(round.queueUrl()).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
            }
        }
    }

    static int depth(String logicalId) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queue(logicalId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
