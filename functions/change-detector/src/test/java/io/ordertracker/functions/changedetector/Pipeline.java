package io.ordertracker.functions.changedetector;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.ordertracker.domain.notify.QuietHours;
import io.ordertracker.functions.emailsender.EmailSenderFunction;
import io.ordertracker.functions.smssender.SmsSenderFunction;
import io.ordertracker.functions.stalldetector.StallDetectorFunction;
import io.ordertracker.functions.suppression.SuppressionFunction;
import io.ordertracker.local.emulators.MutableClock;
import io.ordertracker.notify.ChangeDetector;
import io.ordertracker.notify.EmailDelivery;
import io.ordertracker.storage.DynamoDbShopperPreferences;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.notify.JobBatchProcessor;
import io.ordertracker.notify.MessageComposer;
import io.ordertracker.notify.NotificationSender;
import io.ordertracker.notify.SesEmailGateway;
import io.ordertracker.notify.SmsDelivery;
import io.ordertracker.notify.SnsOpsAlerts;
import io.ordertracker.notify.SnsSmsGateway;
import io.ordertracker.notify.SqsJobQueues;
import io.ordertracker.notify.SqsRedelivery;
import io.ordertracker.notify.StallDetector;
import io.ordertracker.notify.Tally;
import io.ordertracker.storage.DynamoDbMerchantStore;
import io.ordertracker.storage.DynamoDbNotificationLedger;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbStallWatch;
import io.ordertracker.storage.DynamoDbSuppressionList;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The five functions wired to one backend as template.yaml wires them on AWS, driven by hand: stream records to
 * the change detector, queue messages to the senders (deleting what succeeded, keeping what failed, as the SQS
 * event source does), the schedule to the stall detector.
 */
final class Pipeline {
    static final String SENDER = "notifications@example.com";
    static final String PAGE = "https://track.example.test";
    static final Duration LEASE = Duration.ofSeconds(120);

    final Backend backend;
    final MutableClock clock;
    final Tally tally = new Tally();
    final DynamoDbOrderStore orders;
    final DynamoDbMerchantStore merchants;
    final DynamoDbNotificationLedger ledger;
    final DynamoDbSuppressionList suppressions;
    final StreamTap tap;
    final ChangeDetectorFunction changeDetector;
    final EmailSenderFunction emailSender;
    final SmsSenderFunction smsSender;
    final StallDetectorFunction stallDetector;
    final SuppressionFunction suppression;
    /** Messages a sender reported failed (deferred or in flight): queue URL + receipt handle. */
    final List<String[]> held = new ArrayList<>();

    Pipeline(Backend backend, MutableClock clock) {
        this.backend = backend;
        this.clock = clock;
        var dynamo = backend.dynamo();
        String table = backend.table();
        this.orders = new DynamoDbOrderStore(dynamo, table);
        this.merchants = new DynamoDbMerchantStore(dynamo, table);
        this.ledger = new DynamoDbNotificationLedger(dynamo, table, LEASE);
        this.suppressions = new DynamoDbSuppressionList(dynamo, table);
        this.tap = new StreamTap(dynamo, backend.streams(), table);
        this.changeDetector = new ChangeDetectorFunction(new ChangeDetector(merchants, orders,
                new SqsJobQueues(backend.sqs(), backend.emailQueueUrl(), backend.smsQueueUrl()),
                new SnsOpsAlerts(backend.sns(), backend.exceptionsTopicArn()), clock, tally), tally);
        NotificationSender.Settings settings = new NotificationSender.Settings(PAGE, ZoneId.of("America/New_York"),
                Locale.US);
        MessageComposer composer = new MessageComposer();
        NotificationSender email = new NotificationSender(orders, merchants, ledger, suppressions,
                new DynamoDbShopperPreferences(dynamo, table, RetentionPolicy.DEFAULT), new EmailDelivery(new SesEmailGateway(backend.ses(), "EmailConfigurationSet"), composer, SENDER),
                settings, clock);
        NotificationSender sms = new NotificationSender(orders, merchants, ledger, suppressions,
                new SmsDelivery(new SnsSmsGateway(backend.sns()), composer, QuietHours.DEFAULT), settings, clock);
        this.emailSender = new EmailSenderFunction(new JobBatchProcessor(email,
                new SqsRedelivery(backend.sqs(), backend.emailQueueUrl()), clock, tally));
        this.smsSender = new SmsSenderFunction(new JobBatchProcessor(sms,
                new SqsRedelivery(backend.sqs(), backend.smsQueueUrl()), clock, tally));
        this.stallDetector = new StallDetectorFunction(new StallDetector(new DynamoDbStallWatch(dynamo, table), orders, merchants,
                new StallDetector.Config(Map.of(), 3, ZoneId.of("America/New_York")), clock));
        this.suppression = new SuppressionFunction(suppressions, clock, tally);
    }

    /** Stream -> change detector -> queues -> senders, until nothing is left to do. */
    void pump(String merchantId) {
        List<DynamodbEvent.DynamodbStreamRecord> records = tap.drain(merchantId);
        if (!records.isEmpty()) {
            StreamsEventResponse response = detect(records);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new AssertionError("change detector failed: " + response.getBatchItemFailures());
            }
        }
        deliverAll();
    }

    StreamsEventResponse detect(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return changeDetector.handleRequest(event, null);
    }

    void deliverAll() {
        deliver(backend.emailQueueUrl(), e -> emailSender.handleRequest(e, null));
        deliver(backend.smsQueueUrl(), e -> smsSender.handleRequest(e, null));
    }

    /** Receives until the queue shows nothing more, like the SQS event source: delete successes, keep failures. */
    void deliver(String queueUrl, Function<SQSEvent, SQSBatchResponse> handler) {
        for (int round = 0; round < 50; round++) {
            List<Message> messages = backend.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(180)).messages();
            if (messages.isEmpty()) {
                return;
            }
            SQSBatchResponse response = handler.apply(sqsEvent(messages));
            Set<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            for (Message m : messages) {
                if (failed.contains(m.messageId())) {
                    held.add(new String[] {queueUrl, m.receiptHandle()});
                } else {
                    backend.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        throw new AssertionError("queue " + queueUrl + " never drained");
    }

    /** What time passing does to held messages: they become visible again. */
    void releaseHeld() {
        for (String[] h : held) {
            backend.sqs().changeMessageVisibility(b -> b.queueUrl(h[0]).receiptHandle(h[1]).visibilityTimeout(0));
        }
        held.clear();
    }

    static SQSEvent sqsEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setEventSource("aws:sqs");
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static SQSEvent sqsEvent(String messageId, String body) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(messageId);
        r.setReceiptHandle("rh-" + messageId);
        r.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(r));
        return event;
    }
}
