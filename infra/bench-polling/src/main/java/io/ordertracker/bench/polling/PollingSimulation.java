package io.ordertracker.bench.polling;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.ordertracker.carriers.CarrierCredentials;
import io.ordertracker.carriers.StaticCredentialsProvider;
import io.ordertracker.carriers.TrackingClient;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.carriers.http.ResilienceSettings;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.OrderItem;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.ShipmentRef;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.ObservationWriter;
import io.ordertracker.domain.polling.PipelineMetrics;
import io.ordertracker.domain.polling.PollCadence;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingProgress;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.functions.pollplanner.PollPlannerFunction;
import io.ordertracker.functions.trackingworker.TrackingWorkerFunction;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.polling.PollPlanRun;
import io.ordertracker.polling.SqsTrackingQueue;
import io.ordertracker.polling.TrackingWorker;
import io.ordertracker.sandbox.CarrierSandbox;
import io.ordertracker.sandbox.Journey;
import io.ordertracker.sandbox.SandboxClock;
import io.ordertracker.sandbox.SandboxCredentials;
import io.ordertracker.storage.DynamoDbOrderStore;
import io.ordertracker.storage.DynamoDbShipmentTracker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Every sandbox journey played on one simulated clock through the real pipeline: orders written as the orders API
 * writes them, the poll planner function invoked on its five-minute schedule, the tracking queue (ElasticMQ, created
 * from template.yaml) drained into the tracking worker function, the carrier sandbox answering over HTTP. Ticks
 * where nothing is due are skipped (the planner would find nothing), so a week of journeys plays in seconds.
 */
public final class PollingSimulation implements AutoCloseable {
    public static final Duration TICK = Duration.ofMinutes(5);
    public static final String MERCHANT = "m_bench";

    /** One journey's shipment and what the simulation saw of it. */
    public static final class Tracked {
        public final Journey journey;
        public final ShipmentRef ref;
        public final Instant orderedAt;
        /** Simulated times of the planner ticks, with the newest carrier scan time the table held after each. */
        public final List<Instant[]> observations = new ArrayList<>();
        /** One line per tick at which a carrier was asked about it (for --trace). */
        public final List<String> trace = new ArrayList<>();
        long callsSeen;
        /** The shipment's nextPollAt as last read; only shipments that were due can have changed since. */
        Instant knownNextPoll;
        boolean observedOnce;
        boolean created;

        Tracked(Journey journey, ShipmentRef ref, Instant orderedAt) {
            this.journey = journey;
            this.ref = ref;
            this.orderedAt = orderedAt;
        }
    }

    private final DynamoDbLocal dynamoLocal;
    private final ElasticMq elasticMq;
    private final CarrierSandbox sandbox;
    private final SandboxClock.Manual clock;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String dlqUrl;
    private final DynamoDbShipmentTracker tracker;
    private final DynamoDbOrderStore orders;
    private final PollPlannerFunction planner;
    private final TrackingWorkerFunction worker;
    private final Map<Carrier, TrackingClient> clients;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, DoubleAdder> metrics = new ConcurrentHashMap<>();
    private final List<Tracked> shipments = new ArrayList<>();
    private final Instant start;
    private int ticksRun;
    private long plannerNanos;
    private long workerNanos;
    private long observeNanos;
    private int messagesFailed;

    public PollingSimulation(Instant start, PollingSettings settings, Map<Carrier, Long> budgets) {
        this.start = start;
        this.dynamoLocal = DynamoDbLocal.start();
        this.elasticMq = ElasticMq.start();
        this.dynamo = dynamoLocal.client();
        this.sqs = elasticMq.client();
        LocalResources resources = new LocalResources(SamTemplate.load(SamTemplate.locate()))
                .createTables(dynamo).createQueues(sqs);
        this.queueUrl = resources.ref("TrackingQueue").orElseThrow();
        this.dlqUrl = resources.ref("TrackingDLQ").orElseThrow();
        String table = resources.ref("TrackingTable").orElseThrow();
        this.clock = SandboxClock.manual(start);
        this.sandbox = CarrierSandbox.start(0, clock);
        this.tracker = new DynamoDbShipmentTracker(dynamo, table);
        this.orders = new DynamoDbOrderStore(dynamo, table);
        PipelineMetrics counters = (name, value) -> metrics.computeIfAbsent(name, n -> new DoubleAdder()).add(value);
        this.clients = TrackingClients.create(sandbox.baseUrls(), sandboxCredentials(), clock,
                c -> ResilienceSettings.fast());
        this.planner = new PollPlannerFunction(new PollPlanRun(tracker, tracker, new SqsTrackingQueue(sqs, queueUrl),
                new PollPlanRun.Config(5000, TICK, budgets, settings), clock, executor, counters));
        this.worker = new TrackingWorkerFunction(new TrackingWorker(new ObservationWriter(tracker,
                new TrackingProgress(new PollCadence(settings)), clock, counters), tracker, clients::get, clock, counters));
        for (Journey j : sandbox.journeys()) {
            Instant ordered = j.steps().isEmpty()
                    ? start.plus(Duration.ofHours(10))
                    // the merchant posts the order when the label is printed
                    : j.steps().stream().map(s -> s.at(j.startDate()).toInstant()).min(Instant::compareTo)
                            .orElseThrow().plus(Duration.ofMinutes(5));
            String orderNumber = "B-" + j.carrier().code() + "-" + j.kind().wireName();
            shipments.add(new Tracked(j, new ShipmentRef(MERCHANT, orderNumber, "shp_" + j.trackingNumber()), ordered));
        }
    }

    /** The sandbox's fixed credentials. */
    public static StaticCredentialsProvider sandboxCredentials() {
        Map<Carrier, CarrierCredentials> map = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            map.put(c, new CarrierCredentials(SandboxCredentials.clientId(c), SandboxCredentials.clientSecret(c),
                    SandboxCredentials.apiKey(c)));
        }
        return new StaticCredentialsProvider(map);
    }

    /** Plays {@code length} of simulated time. */
    public void run(Duration length) {
        Instant end = start.plus(length);
        Instant now = start;
        while (!now.isAfter(end)) {
            clock.set(now);
            createOrdersDue(now);
            long t0 = System.nanoTime();
            planner.handleRequest(new ScheduledEvent(), null);
            long t1 = System.nanoTime();
            drainQueue();
            long t2 = System.nanoTime();
            ticksRun++;
            now = observeAndFindNextTick(now);
            plannerNanos += t1 - t0;
            workerNanos += t2 - t1;
            observeNanos += System.nanoTime() - t2;
        }
    }

    private void createOrdersDue(Instant now) {
        for (Tracked t : shipments) {
            if (!t.created && !t.orderedAt.isAfter(now)) {
                Journey j = t.journey;
                Order order = new Order(MERCHANT, t.ref.orderNumber(),
                        new Customer("Bench Shopper", "shopper@example.com", null, shopperZone(j), "en-US"),
                        List.of(new OrderItem("Parcel", 1, null)), j.promisedDate(), t.orderedAt, "bench");
                Shipment s = Shipment.newShipment(MERCHANT, t.ref.orderNumber(), t.ref.shipmentId(), j.carrier(),
                        j.trackingNumber(), "tok_" + j.trackingNumber(), t.orderedAt);
                orders.create(order, List.of(s), null);
                t.created = true;
            }
        }
    }

    /** The shopper lives where the parcel is headed: the city of the journey's last step before any return. */
    static String shopperZone(Journey j) {
        return j.steps().stream()
                .filter(st -> st.milestone() != io.ordertracker.sandbox.Milestone.RETURNING
                        && st.milestone() != io.ordertracker.sandbox.Milestone.RETURNED)
                .reduce((a, b) -> b).map(st -> st.city().zone().getId()).orElse("UTC");
    }

    private void drainQueue() {
        for (int round = 0; round < 50; round++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(4).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (batch.isEmpty()) {
                return;
            }
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message m : batch) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                r.setMessageId(m.messageId());
                r.setReceiptHandle(m.receiptHandle());
                r.setBody(m.body());
                r.setEventSource("aws:sqs");
                records.add(r);
            }
            event.setRecords(records);
            SQSBatchResponse response = worker.handleRequest(event, null);
            List<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            for (Message m : batch) {
                if (failed.contains(m.messageId())) {
                    messagesFailed++;
                    // the visibility timeout, fast-forwarded: the message comes back in this drain
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    /**
     * Records what the table holds for each shipment after this tick, and returns the next five-minute tick at which
     * anything can happen (a shipment due or an order posted): the ticks between would find nothing to plan.
     */
    private Instant observeAndFindNextTick(Instant now) {
        Instant earliest = null;
        for (Tracked t : shipments) {
            Instant candidate = t.orderedAt;
            if (t.created) {
                // Only a shipment that was due (or is new) can have changed in this tick: nothing else writes.
                if (!t.observedOnce || (t.knownNextPoll != null && !t.knownNextPoll.isAfter(now))) {
                    TrackingState state = tracker.load(t.ref).orElseThrow();
                    t.observedOnce = true;
                    t.knownNextPoll = state.shipment().nextPollAt();
                    t.observations.add(new Instant[] {now, state.shipment().lastScanAt()});
                    if (state.carrierCalls() != t.callsSeen) {
                        t.callsSeen = state.carrierCalls();
                        t.trace.add(now.atZone(state.zone()).toLocalDateTime() + " " + state.shipment().status()
                                + " eta=" + state.expectedDeliveryDate() + " next=" + (state.shipment().nextPollAt() == null
                                ? "-" : state.shipment().nextPollAt().atZone(state.zone()).toLocalDateTime()));
                    }
                }
                candidate = t.knownNextPoll;
            }
            if (candidate != null && (earliest == null || candidate.isBefore(earliest))) {
                earliest = candidate;
            }
        }
        Instant next = now.plus(TICK);
        if (earliest == null) {
            return now.plus(Duration.ofDays(3650)); // nothing left to do: ends the run
        }
        if (!earliest.isAfter(next)) {
            return next;
        }
        long ticks = (Duration.between(start, earliest).toSeconds() + TICK.toSeconds() - 1) / TICK.toSeconds();
        return start.plus(TICK.multipliedBy(ticks));
    }

    // ----------------------------------------------------------------------------------------------- results

    public List<Tracked> shipments() {
        return shipments;
    }

    public TrackingState state(Tracked t) {
        return tracker.load(t.ref).orElseThrow();
    }

    public List<TrackingEvent> storedEvents(Tracked t) {
        return tracker.events(t.ref.shipmentId());
    }

    /** What the carrier reports for the journey now (for comparing with what was stored). */
    public io.ordertracker.carriers.CarrierTrackingResult carrierAnswerNow(Tracked t) {
        return clients.get(t.journey.carrier()).track(List.of(t.journey.trackingNumber())).get(0);
    }

    /** When the pipeline first held a scan at or after {@code scanTime}: the detection time of that scan. */
    public static Instant detectedAt(Tracked t, Instant scanTime) {
        for (Instant[] o : t.observations) {
            if (o[1] != null && !o[1].isBefore(scanTime)) {
                return o[0];
            }
        }
        return null;
    }

    public CarrierSandbox sandbox() {
        return sandbox;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String dlqUrl() {
        return dlqUrl;
    }

    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }

    /** Wall seconds spent in the planner function, the worker function and the bench's own bookkeeping. */
    public Map<String, Double> wallSecondsByPart() {
        return Map.of("planner", Math.round(plannerNanos / 1e8) / 10.0, "worker", Math.round(workerNanos / 1e8) / 10.0,
                "bookkeeping", Math.round(observeNanos / 1e8) / 10.0);
    }

    public int ticksRun() {
        return ticksRun;
    }

    public int messagesFailed() {
        return messagesFailed;
    }

    public Instant start() {
        return start;
    }

    /** Midnight UTC of a Monday near today, so journeys have ordinary weekdays. */
    public static Instant defaultStart() {
        return LocalDate.of(2026, 11, 16).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public static boolean isDeliveredJourney(Journey j) {
        return j.expectedFinalStatus() == ShipmentStatus.DELIVERED;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        sandbox.close();
        elasticMq.close();
        dynamoLocal.close();
    }
}
