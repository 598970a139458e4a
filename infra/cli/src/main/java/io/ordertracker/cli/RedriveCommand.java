package io.ordertracker.cli;

import io.ordertracker.json.Json;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code ./tracker redrive DLQ_URL [--to QUEUE_URL]}: moves what a dead-letter queue holds back to the queue it came
 * from, once its cause is fixed. Every queue message of this product carries everything its consumer needs in its
 * body (tracking plans, notification jobs), and the consumers are idempotent, so a message moved back is simply
 * handled again. Each message is sent to the source queue before it is deleted from the dead-letter queue: a crash in
 * between leaves a copy in both, never none.
 */
final class RedriveCommand {
    static final String USAGE = "usage: redrive DLQ_URL [--to QUEUE_URL] [--max N] [--region R] [--endpoint-url URL]";

    private RedriveCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        String dlq = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (dlq == null) {
                dlq = args[i];
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (dlq == null) {
            err.println(USAGE);
            return 2;
        }
        int max;
        try {
            max = Integer.parseInt(options.getOrDefault("max", "100000"));
        } catch (NumberFormatException e) {
            err.println("--max takes a number");
            return 2;
        }
        try (SqsClient sqs = CliAws.client(SqsClient.builder(), options)) {
            String to = options.get("to");
            if (to == null) {
                String deadLetters = dlq;
                List<String> sources = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(deadLetters)).queueUrls();
                if (sources.size() != 1) {
                    err.println(sources.isEmpty() ? "no queue sends its failures to " + dlq + "; name one with --to"
                            : "several queues use " + dlq + " " + sources + "; name one with --to");
                    return 1;
                }
                to = sources.get(0);
            }
            int moved = move(sqs, dlq, to, max);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("from", dlq);
            result.put("to", to);
            result.put("moved", moved);
            out.println(Json.write(result));
            return 0;
        } catch (RuntimeException e) {
            err.println("redrive failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return 1;
        }
    }

    /** Moves up to {@code max} messages; stops when a receive comes back empty. */
    static int move(SqsClient sqs, String from, String to, int max) {
        int moved = 0;
        while (moved < max) {
            int want = Math.min(10, max - moved);
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(want).waitTimeSeconds(1)
                    .visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message m : batch) {
                sqs.sendMessage(b -> b.queueUrl(to).messageBody(m.body()).messageAttributes(m.messageAttributes()));
                sqs.deleteMessage(b -> b.queueUrl(from).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
        return moved;
    }

}
