package io.ordertracker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function's deployment artifact, built the way infra/build/package-function.sh lays it out for
 * {@code sam build} (the module's classes at the root, its runtime dependencies under lib/), zipped in memory and
 * weighed, without sam build: from each module's target/runtime-classpath.txt, which the root pom writes at
 * prepare-package. Run with {@code mvn verify -pl infra/architecture -am} (this module declares every function
 * module, so they are packaged first). Figures and history: docs/performance.md.
 */
class FunctionArtifactSizeTest {
    static final long MB = 1_000_000;
    /** The target of issue #18: what every function should weigh at most, zipped. */
    static final long TARGET = 10 * MB;
    /**
     * What a function may weigh today where the target is not met yet (docs/performance.md says why): the base of
     * DynamoDB, the SDK core, Jackson and Powertools logging alone is about 13.3 MB. A function may not grow more
     * than 0.3-0.4 MB past its size of 2026-12-01 without this table (and the document) saying so.
     */
    static final Map<String, Long> BUDGET = Map.ofEntries(
            Map.entry("MerchantAuthorizerFunction", 13_700_000L),
            Map.entry("OrdersApiFunction", 13_700_000L),
            Map.entry("PollPlannerFunction", 14_900_000L),
            Map.entry("TrackingWorkerFunction", 14_800_000L),
            Map.entry("CarrierPushFunction", 14_800_000L),
            Map.entry("ChangeDetectorFunction", 15_900_000L),
            Map.entry("StallDetectorFunction", 13_900_000L),
            Map.entry("LaneStatsFunction", 13_700_000L),
            Map.entry("MerchantStatsFunction", 13_700_000L),
            Map.entry("AnalyticsApiFunction", 13_700_000L),
            // the Secrets Manager client (the links' signing key) and JMustache over the analytics API's base: 14.26 MB
            Map.entry("MerchantDashboardFunction", 14_600_000L),
            // the S3 client (about 3.9 MB of it) over the stream consumers' base: 17.26 MB (docs/performance.md)
            Map.entry("ShipmentExportFunction", 17_600_000L),
            Map.entry("EmailSenderFunction", 17_200_000L),
            Map.entry("SmsSenderFunction", 15_900_000L),
            Map.entry("SuppressionFunction", 13_900_000L),
            // the suppression function's dependencies (notify: the SES and SMS event parsing): 13.62 MB
            Map.entry("NotificationOutcomesFunction", 13_900_000L),
            Map.entry("TrackingPageFunction", 13_900_000L),
            Map.entry("WebhooksApiFunction", 14_600_000L),
            Map.entry("WebhookProducerFunction", 14_600_000L),
            Map.entry("WebhookSenderFunction", 16_300_000L));
    /** Never in a function: other HTTP clients than url-connection, and ICU4J (14 MB; MessageTemplate does its job). */
    static final List<String> BANNED = List.of("apache-client", "netty-nio-client", "netty-", "httpclient", "httpcore",
            "icu4j", "aws-crt");

    static final Map<String, Artifact> ARTIFACTS = new TreeMap<>();

    record Artifact(String function, long zippedBytes, List<String> libs) {
    }

    @BeforeAll
    static void packageEveryFunction() throws IOException {
        JsonNode template = SamTemplate.load(ArchitectureTest.ROOT.resolve("template.yaml")).root();
        for (Map.Entry<String, JsonNode> e : template.get("Resources").properties()) {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                assertThat(e.getValue().path("Metadata").path("BuildMethod").asText()).as(e.getKey()).isEqualTo("makefile");
                ARTIFACTS.put(e.getKey(), artifact(e.getKey()));
            }
        }
        ARTIFACTS.values().forEach(a -> System.out.printf("%-28s %6.2f MB zipped, %d jars%s%n", a.function(),
                a.zippedBytes() / (double) MB, a.libs().size(), a.zippedBytes() > TARGET ? " (over the 10 MB target)" : ""));
    }

    @Test
    void everyFunctionIsPackagedAndWeighed() {
        assertThat(ARTIFACTS.keySet()).containsExactlyInAnyOrderElementsOf(BUDGET.keySet());
        ARTIFACTS.values().forEach(a -> assertThat(a.libs()).as(a.function()).isNotEmpty());
    }

    @Test
    void noFunctionCarriesAnotherHttpClientOrIcu() {
        for (Artifact a : ARTIFACTS.values()) {
            assertThat(a.libs()).as(a.function()).noneMatch(lib -> BANNED.stream().anyMatch(lib::startsWith));
            assertThat(a.libs()).as(a.function()).anyMatch(lib -> lib.startsWith("url-connection-client-"));
        }
    }

    @Test
    void noFunctionGrowsPastItsBudget() {
        for (Artifact a : ARTIFACTS.values()) {
            assertThat(a.zippedBytes()).as(a.function() + " zipped bytes").isLessThanOrEqualTo(BUDGET.get(a.function()));
        }
    }

    @Test
    void functionsThatNeedNoMessagingClientDoNotCarryOne() {
        assertThat(ARTIFACTS.get("StallDetectorFunction").libs()).noneMatch(l -> l.matches("(ses|sns|sqs|angus-mail)-.*"));
        assertThat(ARTIFACTS.get("SuppressionFunction").libs()).noneMatch(l -> l.matches("(ses|sns|sqs|angus-mail)-.*"));
        assertThat(ARTIFACTS.get("SmsSenderFunction").libs()).noneMatch(l -> l.matches("(ses|angus-mail)-.*"));
        assertThat(ARTIFACTS.get("ChangeDetectorFunction").libs()).noneMatch(l -> l.matches("(ses|angus-mail)-.*"));
        assertThat(ARTIFACTS.get("WebhookProducerFunction").libs()).noneMatch(l -> l.startsWith("ses-"));
        assertThat(ARTIFACTS.get("TrackingWorkerFunction").libs()).noneMatch(l -> l.startsWith("sqs-"));
        assertThat(ARTIFACTS.get("PollPlannerFunction").libs()).noneMatch(l -> l.startsWith("secretsmanager-"));
    }

    /**
     * joda-time in every function: the java21 runtime's event serializer loads org.joda.time.DateTime from the
     * function's classpath whatever the event type. Powertools' JMESPath and Jackson Joda module in none.
     */
    @Test
    void jodaTimeForTheRuntimesSerializerAndNoUnusedPowertoolsParts() {
        for (Artifact a : ARTIFACTS.values()) {
            assertThat(a.libs()).as(a.function()).anyMatch(l -> l.startsWith("joda-time-"));
            assertThat(a.libs()).as(a.function()).noneMatch(l -> l.startsWith("jmespath-") || l.startsWith("jackson-datatype-joda-"));
        }
    }

    static Artifact artifact(String logicalId) throws IOException {
        // FooBarFunction -> functions/foo-bar, as package-function.sh does
        String name = logicalId.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        Path module = ArchitectureTest.ROOT.resolve("functions").resolve(name);
        Path classpathFile = module.resolve("target/runtime-classpath.txt");
        assertThat(classpathFile).as(logicalId + ": build the functions first (mvn verify -pl infra/architecture -am)")
                .exists();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> libs = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            addTree(zip, module.resolve("target/classes"), "");
            for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
                Path lib = Path.of(entry);
                if (Files.isDirectory(lib)) {
                    // a sibling module not yet packaged as a jar (an IDE build): jar its classes as Maven would
                    String jarName = lib.getParent().getParent().getFileName() + ".jar";
                    libs.add(jarName);
                    zip.putNextEntry(new ZipEntry("lib/" + jarName));
                    zip.write(jarOf(lib));
                } else {
                    libs.add(lib.getFileName().toString());
                    zip.putNextEntry(new ZipEntry("lib/" + lib.getFileName()));
                    Files.copy(lib, zip);
                }
                zip.closeEntry();
            }
        }
        return new Artifact(logicalId, bytes.size(), List.copyOf(libs));
    }

    private static byte[] jarOf(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            addTree(jar, dir, "");
        }
        return bytes.toByteArray();
    }

    private static void addTree(ZipOutputStream zip, Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + dir.relativize(f).toString().replace('\\', '/')));
                copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    private static void copy(Path f, OutputStream out) {
        try {
            Files.copy(f, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
