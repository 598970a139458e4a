package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.lambda.Clocks;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.ElasticMq;
import io.ordertracker.local.emulators.LocalAws;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.MotoServer;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole stack from template.yaml in this JVM. Start-up: DynamoDB Local, ElasticMQ, moto (SES, SNS, Secrets
 * Manager, SSM) and the carrier sandbox; the template's tables, queues, topics and SES identities; every
 * {@code AWS::Serverless::Function} constructed from its Handler class inside its own environment (Globals +
 * function variables with intrinsics resolved to the local resources, plus the emulator endpoints and the
 * simulated clock); then its events wired as Lambda wires them. A function whose class is not on the classpath is
 * reported and skipped. Nothing here lists functions: a function added to the template runs with no code change.
 */
public final class LocalRuntime implements AutoCloseable {

    /**
     * @param port             HTTP API port (0: any free port)
     * @param clockFactor      simulated time runs this many times faster than real time
     * @param apiKey           the demo merchant's API key, or null for a fresh random one
     * @param simulatedStart   simulated time at start-up, or null for now
     * @param moto             start moto for SES/SNS (the functions that send need it)
     * @param sandbox          start the carrier sandbox
     * @param template         template.yaml, or null to find it above the working directory
     * @param holdClock        keep simulated time standing at its start after start-up until {@link #runClock()}
     *                         (a test posts its orders first, so every journey plays the same way however slow the
     *                         machine); otherwise it starts running when start-up is over
     */
    public record Options(int port, double clockFactor, String apiKey, Instant simulatedStart, boolean moto,
                          boolean sandbox, Path template, boolean holdClock) {
        public Options(int port, double clockFactor, String apiKey, Instant simulatedStart, boolean moto,
                       boolean sandbox, Path template) {
            this(port, clockFactor, apiKey, simulatedStart, moto, sandbox, template, false);
        }

        public static Options defaults() {
            return new Options(3000, 1.0, null, null, true, true, null);
        }

        public Options withClockHeld() {
            return new Options(port, clockFactor, apiKey, simulatedStart, moto, sandbox, template, true);
        }

        public Options withPort(int p) {
            return new Options(p, clockFactor, apiKey, simulatedStart, moto, sandbox, template, holdClock);
        }

        public Options withClockFactor(double f) {
            return new Options(port, f, apiKey, simulatedStart, moto, sandbox, template, holdClock);
        }

        public Options withApiKey(String k) {
            return new Options(port, clockFactor, k, simulatedStart, moto, sandbox, template, holdClock);
        }

        public Options withSimulatedStart(Instant s) {
            return new Options(port, clockFactor, apiKey, s, moto, sandbox, template, holdClock);
        }

        public Options withMoto(boolean m) {
            return new Options(port, clockFactor, apiKey, simulatedStart, m, sandbox, template, holdClock);
        }

        public Options withSandbox(boolean s) {
            return new Options(port, clockFactor, apiKey, simulatedStart, moto, s, template, holdClock);
        }
    }

    /** A function of the template that is not running here, and why. */
    public record Skipped(String function, String reason) {
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final SimulatedClock clock;
    /** How the functions loaded in this JVM find {@link #clock} (Clocks.fromEnvironment). */
    private final String clockId = java.util.UUID.randomUUID().toString();
    private final Instant simulatedStart;
    private final long realStartMillis;
    private final double clockFactor;
    private final Outbox outbox;
    private DynamoDbLocal dynamoDbLocal;
    private ElasticMq elasticMq;
    private MotoServer moto;
    private SandboxHandle sandbox;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private LocalResources resources;
    private SamTemplate template;
    private HttpApiGateway gateway;
    private ShipmentChangeLog changeLog;
    private DynamoDbStreamsClient streams;
    private Conditions conditions;
    private Path repoRoot;
    private final SnsSubscriptions snsSubscriptions = new SnsSubscriptions();
    /** SES events and SMS delivery statuses after a send (moto reports none); null without moto. */
    private ProviderEvents providerEvents;
    /** The built-in webhook receiver and its page (docs/webhooks.md). */
    private final WebhookReceiver webhookReceiver = new WebhookReceiver(this);
    private String tableName;
    private String merchantId;
    private String apiKey;
    /** How many times the carrier sandbox plays its catalogue, each copy under its own numbers. */
    private int journeyCopies = 1;
    /** Stack parameters given values other than their defaults (as sam deploy --parameter-overrides does). */
    private Map<String, String> parameterOverrides = Map.of();
    /** Function environment variables given other values, wherever a function declares them. */
    private Map<String, String> environmentOverrides = Map.of();

    private LocalRuntime(Options options) {
        this.clockFactor = options.clockFactor();
        this.realStartMillis = System.currentTimeMillis();
        this.simulatedStart = options.simulatedStart() != null ? options.simulatedStart()
                : Instant.ofEpochMilli(realStartMillis);
        this.clock = new SimulatedClock(simulatedStart, clockFactor);
        Clocks.share(clockId, clock);
        this.outbox = new Outbox(clock);
        closeables.add(snsSubscriptions);
    }

    public static LocalRuntime start(Options options) {
        LocalRuntime runtime = new LocalRuntime(options);
        try {
            runtime.boot(options);
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * A runtime for a chaos run: the sandbox plays its journeys {@code journeyCopies} times (each copy under its
     * own tracking numbers), and crashes and duplicated deliveries are injected as {@code chaos} says
     * ({@link ChaosInjector}); carrier faults are switched on with {@link #injectCarrierFaults}.
     */
    public static LocalRuntime startWithChaos(Options options, ChaosSettings chaos, int journeyCopies,
                                              Map<String, String> parameterOverrides,
                                              Map<String, String> environmentOverrides) {
        LocalRuntime runtime = new LocalRuntime(options);
        runtime.journeyCopies = journeyCopies;
        runtime.parameterOverrides = Map.copyOf(parameterOverrides);
        runtime.environmentOverrides = Map.copyOf(environmentOverrides);
        try {
            ChaosInjector.activate(chaos);
            runtime.boot(options);
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void boot(Options options) {
        if (System.getProperty("aws.region") == null && System.getenv("AWS_REGION") == null) {
            System.setProperty("aws.region", LocalAws.REGION.id()); // for any client built without AwsClients
        }
        AwsCallRecorder.recordTo(outbox);
        Path templatePath = (options.template() != null ? options.template() : SamTemplate.locate()).toAbsolutePath();
        template = SamTemplate.load(templatePath);
        repoRoot = templatePath.getParent();
        resources = new LocalResources(template);
        conditions = new Conditions(template, resources);

        dynamoDbLocal = track(DynamoDbLocal.start());
        elasticMq = track(ElasticMq.start());
        dynamo = track(dynamoDbLocal.client());
        sqs = track(elasticMq.client());
        if (options.moto()) {
            ensureMotoInstalled();
            moto = track(MotoServer.start());
        }
        if (options.sandbox()) {
            sandbox = SandboxHandle.start(clock, journeyCopies).map(this::track).orElse(null);
        }
        // The HTTP port must be known before the functions are built: the tracking page URL depends on it.
        int port = options.port() == 0 ? io.ordertracker.local.emulators.Ports.free() : options.port();
        overrideParameters(port);
        resources.createTables(dynamo).createQueues(sqs);
        if (moto != null) {
            createTopics();
            verifySesIdentities();
            createSecrets();
            createBuckets();
        }
        Map<String, FunctionSpec> specs = FunctionSpec.all(template);
        specs.keySet().forEach(id -> resources.register(id, id, Map.of("Arn", arn(id))));
        specs.keySet().forEach(id -> resources.register(id + ".Alias", arn(id) + ":live", Map.of()));
        // Everything else the template declares (APIs, log groups, alarms, ...) still resolves, so a function's
        // environment never fails on a !Ref to something that has no local counterpart.
        template.resources().forEach((id, node) -> {
            if (resources.ref(id).isEmpty()) {
                String type = node.path("Type").asText();
                Map<String, String> atts = new LinkedHashMap<>();
                atts.put("Arn", "arn:aws:local:" + LocalAws.REGION.id() + ":" + LocalResources.ACCOUNT + ":" + id);
                if (type.equals("AWS::Serverless::HttpApi") || type.equals("AWS::Serverless::Api")) {
                    atts.put("ApiEndpoint", "http://localhost:" + port);
                }
                resources.register(id, id, atts);
            }
        });
        tableName = template.resourcesOfType("AWS::DynamoDB::Table").keySet().stream().findFirst().orElse(null);
        createDemoMerchant(options.apiKey());
        if (tableName != null) {
            outbox.trackingLookup((kind, ids) -> LocalFunction.asRuntime(() -> lookupTrackingNumber(ids)));
        }
        AwsCallRecorder.scaleQueueDelays(clockFactor);

        for (FunctionSpec spec : specs.values()) {
            Map<String, String> env = environment(spec);
            try {
                functions.put(spec.logicalId(), LocalFunction.load(spec, env, repoRoot));
            } catch (ClassNotFoundException e) {
                String module = LocalFunction.moduleName(spec.logicalId());
                skipped.add(new Skipped(spec.logicalId(), "class " + spec.handlerClass() + " is not on the classpath"
                        + " (build functions/" + module + ", and add io.ordertracker:" + module
                        + " as a runtime dependency of infra/local-runtime)"));
            } catch (RuntimeException | LinkageError e) {
                skipped.add(new Skipped(spec.logicalId(), "init failed: " + e));
            }
        }
        if (moto != null) {
            SesVerification.verifyAddressesIn(sesClient(), functions.values());
        }
        LocalPages pages = new LocalPages(this);
        try {
            gateway = track(new HttpApiGateway(port, HttpRoutes.build(template, resources, functions, skipped::add),
                    exchange -> snsSubscriptions.serve(exchange) || webhookReceiver.serve(exchange) || pages.serve(exchange)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (is something else using it? try --port)", e);
        }
        if (moto != null) {
            snsSubscriptions.subscribeAll(template, resources, functions, snsClient(), "http://127.0.0.1:" + port(),
                    warnings::add);
            providerEvents = track(new ProviderEvents(template, resources, functions, snsClient(), dynamo, tableName,
                    clock, warnings::add));
            outbox.onSent(providerEvents::sent);
        }
        streams = track(dynamoDbLocal.streamsClient());
        if (tableName != null) {
            resources.att(tableName, "StreamArn").ifPresent(arn -> changeLog = track(new ShipmentChangeLog(streams, arn)));
        }
        for (LocalFunction f : functions.values()) {
            f.spec().eventsOfType("SQS").forEach((name, props) ->
                    track(SqsEventSource.start(f, name, props, resources, sqs, warnings::add)));
            f.spec().eventsOfType("DynamoDB").forEach((name, props) ->
                    track(StreamEventSource.start(f, name, props, resources, streams, sqs, warnings::add)));
            f.spec().eventsOfType("Schedule").forEach((name, props) ->
                    track(ScheduleEventSource.start(f, name, props, false, clock, clockFactor, warnings::add)));
            f.spec().eventsOfType("ScheduleV2").forEach((name, props) ->
                    track(ScheduleEventSource.start(f, name, props, true, clock, clockFactor, warnings::add)));
            for (String type : List.of("Api", "S3", "Kinesis", "EventBridgeRule", "CloudWatchEvent")) {
                f.spec().eventsOfType(type).keySet().forEach(name -> warnings.add(f.name() + "." + name + ": " + type
                        + " events are not run locally"));
            }
        }
        // Simulated time starts now that everything listens: the sandbox's journeys and the schedules all begin here.
        if (!options.holdClock()) {
            clock.run();
        }
    }

    /** First run on a fresh machine: create the project's .venv with moto (infra/build/python-tools.sh). */
    private void ensureMotoInstalled() {
        if (MotoServer.executable().isPresent()) {
            return;
        }
        Path script = SamTemplate.locate().toAbsolutePath().getParent().resolve("infra/build/python-tools.sh");
        System.err.println("local: creating the Python virtualenv with moto (first run only): " + script);
        try {
            Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (p.waitFor() != 0 || MotoServer.executable().isEmpty()) {
                throw new IllegalStateException("could not install moto with " + script
                        + " (needs python3 with venv and access to PyPI)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing moto", e);
        }
    }

    /** Parameters that must point at local things: the tracking page base URL and carrier API URLs. */
    private void overrideParameters(int port) {
        parameterOverrides.forEach((name, value) -> resources.register(name, value, Map.of()));
        Map<String, String> sandboxUrls = sandbox == null ? Map.of() : sandbox.baseUrls();
        template.parameterDefaults().keySet().forEach(name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("trackingpagebaseurl")) {
                resources.register(name, "http://localhost:" + port, Map.of());
            }
            boolean urlLike = lower.endsWith("url") || lower.endsWith("urls") || lower.endsWith("endpoint")
                    || lower.endsWith("endpoints");
            sandboxUrls.forEach((carrier, url) -> {
                if (lower.startsWith(carrier) && urlLike) {
                    resources.register(name, url, Map.of());
                }
            });
            if (lower.startsWith("carrier") && urlLike && !sandboxUrls.isEmpty()) {
                // one parameter for all carriers: "ups=http://...,fedex=http://...,..."
                resources.register(name, String.join(",", sandboxUrls.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()), Map.of());
            }
        });
    }

    private void createTopics() {
        SnsClient sns = snsClient();
        template.resourcesOfType("AWS::SNS::Topic").forEach((id, node) -> {
            String name = Optional.ofNullable(resolveOrNull(node.path("Properties").get("TopicName"))).orElse(id);
            String arn = sns.createTopic(b -> b.name(name)).topicArn();
            resources.register(id, arn, Map.of("TopicArn", arn, "TopicName", name));
        });
    }

    /** S3 buckets on moto, named after their logical ids in lower case (the shipment export's). */
    private void createBuckets() {
        var s3 = track(LocalAws.configure(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true),
                moto.endpoint()).build());
        template.resourcesOfType("AWS::S3::Bucket").forEach((id, node) -> {
            String name = Optional.ofNullable(resolveOrNull(node.path("Properties").get("BucketName")))
                    .orElse(id.toLowerCase(Locale.ROOT));
            try {
                s3.createBucket(b -> b.bucket(name));
                resources.register(id, name, Map.of("Arn", "arn:aws:s3:::" + name, "DomainName",
                        name + ".s3.amazonaws.com"));
            } catch (RuntimeException e) {
                warnings.add("bucket " + id + " not created on moto: " + e.getMessage());
            }
        });
    }

    /**
     * Secrets Manager secrets on moto. A secret whose template JSON has carrier keys (ups, fedex, usps, dhl) gets
     * the carrier sandbox's credentials, so the tracking worker authenticates against the sandbox as it would
     * against the carriers.
     */
    private void createSecrets() {
        var secrets = track(LocalAws.configure(
                software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder(), moto.endpoint()).build());
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, node) -> {
            JsonNode p = node.path("Properties");
            String name = Optional.ofNullable(resolveOrNull(p.get("Name"))).orElse(id);
            String value = p.has("SecretString") ? resolveOrNull(p.get("SecretString"))
                    : generated(p.path("GenerateSecretString"), sandboxCredentials(
                            p.path("GenerateSecretString").path("SecretStringTemplate").asText("{}")));
            try {
                String arn = secrets.createSecret(b -> b.name(name).secretString(value == null ? "{}" : value)).arn();
                resources.register(id, arn, Map.of("Id", arn));
            } catch (RuntimeException e) {
                warnings.add("secret " + id + " not created on moto: " + e.getMessage());
            }
        });
    }

    /**
     * What CloudFormation's GenerateSecretString does with GenerateStringKey: that key of the template's JSON set to
     * a fresh random string of PasswordLength letters and digits (a new one every run, as a new stack would get).
     */
    private static String generated(JsonNode generate, String templateJson) {
        String key = generate.path("GenerateStringKey").asText("");
        if (key.isEmpty()) {
            return templateJson;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode filled = (com.fasterxml.jackson.databind.node.ObjectNode)
                    EventCodec.parse(templateJson);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            java.security.SecureRandom random = new java.security.SecureRandom();
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < generate.path("PasswordLength").asInt(32); i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            filled.put(key, value.toString());
            return filled.toString();
        } catch (RuntimeException e) {
            return templateJson;
        }
    }

    private String sandboxCredentials(String templateJson) {
        JsonNode shape;
        try {
            shape = EventCodec.parse(templateJson);
        } catch (RuntimeException e) {
            return templateJson;
        }
        if (!shape.isObject() || sandbox == null) {
            return templateJson;
        }
        com.fasterxml.jackson.databind.node.ObjectNode filled = shape.deepCopy();
        shape.fieldNames().forEachRemaining(carrier -> sandbox.credentials(carrier).ifPresent(creds -> {
            com.fasterxml.jackson.databind.node.ObjectNode c = filled.putObject(carrier);
            creds.forEach(c::put);
        }));
        return filled.toString();
    }

    private void verifySesIdentities() {
        SesClient ses = sesClient();
        template.resourcesOfType("AWS::SES::EmailIdentity").forEach((id, node) -> {
            String identity = resolveOrNull(node.path("Properties").get("EmailIdentity"));
            if (identity != null) {
                SesVerification.verify(ses, identity);
                resources.register(id, identity, Map.of());
            }
        });
        template.resourcesOfType("AWS::SES::ConfigurationSet").forEach((id, node) -> {
            String name = Optional.ofNullable(resolveOrNull(node.path("Properties").get("Name"))).orElse(id);
            try {
                ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(name)));
            } catch (RuntimeException e) {
                warnings.add("SES configuration set " + name + ": " + e.getMessage());
            }
            resources.register(id, name, Map.of());
        });
    }

    private void createDemoMerchant(String requestedKey) {
        if (tableName == null) {
            return;
        }
        DynamoDbMerchantStore store = new DynamoDbMerchantStore(dynamo, tableName);
        MerchantAdmin admin = new MerchantAdmin(store, clock);
        try {
            Merchant merchant = admin.createMerchant("Demo Shop");
            merchantId = merchant.merchantId();
            apiKey = requestedKey == null ? admin.issueKey(merchantId).secret()
                    : admin.registerKey(merchantId, requestedKey).secret();
        } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
            warnings.add("no demo merchant: " + tableName + " is not the tracking table (" + e.getMessage() + ")");
        }
    }

    private String lookupTrackingNumber(String[] ids) {
        if (ids[0] == null || ids[1] == null || ids[2] == null) {
            return null;
        }
        try {
            var item = dynamo.getItem(b -> b.tableName(tableName).key(Map.of(
                    io.ordertracker.storage.Keys.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                            io.ordertracker.storage.Keys.orderPk(ids[0], ids[1])),
                    io.ordertracker.storage.Keys.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                            io.ordertracker.storage.Keys.shipmentSk(ids[2]))))).item();
            return item.containsKey("trackingNumber") ? item.get("trackingNumber").s() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Globals + function variables, resolved, over the emulator endpoints, credentials and the simulated clock. */
    private Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", "");
        // SES, SNS, Secrets Manager, SSM, ...: moto; without moto a closed local port, so nothing reaches AWS
        env.put("AWS_ENDPOINT_URL", moto != null ? moto.endpoint().toString() : "http://127.0.0.1:1");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDbLocal.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        // LOCAL_CLOCK_ID finds the runtime's own clock in this JVM; the rest describes it for anything that cannot
        env.put("LOCAL_CLOCK_EPOCH_MILLIS", Long.toString(simulatedStart.toEpochMilli()));
        env.put("LOCAL_CLOCK_REAL_START_MILLIS", Long.toString(realStartMillis));
        env.put("LOCAL_CLOCK_FACTOR", Double.toString(clockFactor));
        env.put("LOCAL_CLOCK_ID", clockId);
        // webhooks may go to http on loopback (the built-in receiver, a developer's server): here and only here
        env.put(io.ordertracker.webhooks.EndpointUrls.LOCAL_FLAG, "true");
        if (sandbox != null) {
            env.put("CARRIER_SANDBOX_URL", "http://127.0.0.1:" + sandbox.port());
            sandbox.baseUrls().forEach((carrier, url) -> {
                env.put(carrier.toUpperCase(Locale.ROOT) + "_BASE_URL", url); // what the carriers module reads
                env.put("CARRIER_BASE_URL_" + carrier.toUpperCase(Locale.ROOT), url);
            });
            env.putAll(sandbox.credentialsEnvironment()); // UPS_CLIENT_ID ..., used when no secret is configured
        }
        spec.environment().forEach((name, value) -> {
            try {
                String resolved = resources.resolve(conditions.apply(value));
                env.put(name, resolved == null ? "" : resolved);
            } catch (RuntimeException e) {
                warnings.add(spec.logicalId() + ": environment variable " + name + " left unset: " + e.getMessage());
            }
        });
        environmentOverrides.forEach((name, value) -> env.computeIfPresent(name, (n, declared) -> value));
        return env;
    }

    private String resolveOrNull(JsonNode value) {
        try {
            return resources.resolve(value);
        } catch (RuntimeException e) {
            warnings.add("cannot resolve " + value + ": " + e.getMessage());
            return null;
        }
    }

    private static String arn(String functionId) {
        return "arn:aws:lambda:" + LocalAws.REGION.id() + ":" + LocalResources.ACCOUNT + ":function:" + functionId;
    }

    private SnsClient snsClient() {
        return track(LocalAws.configure(SnsClient.builder(), moto.endpoint()).build());
    }

    private SesClient sesClient() {
        return track(LocalAws.configure(SesClient.builder(), moto.endpoint()).build());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    // ------------------------------------------------------------------------------------------------- accessors

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public String apiKey() {
        return apiKey;
    }

    public String merchantId() {
        return merchantId;
    }

    /** Starts simulated time of a runtime started with {@link Options#withClockHeld()} (no-op otherwise). */
    public void runClock() {
        clock.run();
    }

    /** Stops simulated time where it is, until {@link #runClock()} (see {@link SimulatedClock#hold()}). */
    public void holdClock() {
        clock.hold();
    }

    public Clock clock() {
        return clock;
    }

    public double clockFactor() {
        return clockFactor;
    }

    ProviderEvents providerEvents() {
        return providerEvents;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Map<String, LocalFunction> functions() {
        return Collections.unmodifiableMap(functions);
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> routes() {
        return gateway.routes().stream().map(r -> r.routeKey() + " -> " + r.function().name()
                + (r.authorizer() == null ? "" : " [" + r.authorizer().name() + "]")).toList();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String tableName() {
        return tableName;
    }

    public LocalResources resources() {
        return resources;
    }

    public SamTemplate template() {
        return template;
    }

    /** The carrier sandbox's journeys (empty if the sandbox is not running). */
    public List<SandboxHandle.JourneyInfo> journeys() {
        return sandbox == null ? List.of() : sandbox.journeys();
    }

    /** Status changes of shipments seen on the stream, with the real time they were seen. */
    /** {shipment-item records on the table stream, of which marked scheduleOnly}; zeros without a stream. */
    long[] shipmentWriteCounts() {
        return changeLog == null ? new long[2] : changeLog.shipmentWriteCounts();
    }

    void resetShipmentWriteCounts() {
        if (changeLog != null) {
            changeLog.resetCounts();
        }
    }

    List<ShipmentChangeLog.Change> shipmentChanges() {
        return changeLog == null ? List.of() : changeLog.changes();
    }

    /** The table's stream, as Lambda's pollers read it. */
    DynamoDbStreamsClient streams() {
        return streams;
    }

    /** Delayed and stalled flags raised on shipments, seen on the stream. */
    List<ShipmentChangeLog.FlagRaised> shipmentFlagsRaised() {
        return changeLog == null ? List.of() : changeLog.flagsRaised();
    }

    /** The built-in webhook receiver ({@code /_local/webhooks/receiver}). */
    public WebhookReceiver webhookReceiver() {
        return webhookReceiver;
    }

    /** Carrier faults at random from a seed, and one carrier's outage (see the sandbox's RandomFaults). */
    void injectCarrierFaults(double rate, long seed, String outageCarrier, Instant outageFrom, Instant outageUntil,
                             java.time.Duration timeout) {
        if (sandbox == null) {
            throw new IllegalStateException("the carrier sandbox is not running");
        }
        sandbox.injectRandomFaults(rate, seed, outageCarrier, outageFrom, outageUntil, timeout);
    }

    /**
     * ElasticMQ stops answering for {@code downtime} and comes back with every queue as it was (a chaos run's
     * restart): the functions' and pollers' SQS calls fail meanwhile, messages in flight return after their
     * visibility timeout.
     */
    void restartQueues(java.time.Duration downtime) {
        elasticMq.restart(downtime);
    }

    /** Carrier faults applied so far, by kind (empty without the sandbox). */
    Map<String, Integer> injectedCarrierFaults() {
        return sandbox == null ? Map.of() : sandbox.injectedFaults();
    }

    public Optional<MotoServer> moto() {
        return Optional.ofNullable(moto);
    }

    JsonNode invoke(String function, JsonNode event) {
        return functions.get(function).invoke(event);
    }

    @Override
    public void close() {
        Clocks.unshare(clockId);
        ChaosInjector.deactivate();
        List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            // Bounded: ElasticMQ, for one, waits up to a minute for idle keep-alive connections the functions'
            // SDK clients still hold; stopping must not hang on that.
            Thread stopper = Thread.ofPlatform().daemon().start(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("local runtime: " + c.getClass().getSimpleName() + " did not stop cleanly: " + e);
                }
            });
            try {
                stopper.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeables.clear();
        AwsCallRecorder.recordTo(null);
    }
}
