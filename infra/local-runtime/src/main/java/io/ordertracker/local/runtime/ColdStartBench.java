package io.ordertracker.local.runtime;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.local.runtime.coldstart.ColdStartProbe;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./tracker bench cold-start [--runs N] [--only Fn,Fn]}: for every function of template.yaml, its artifact
 * alone on the classpath (the module's classes and its runtime dependencies, what infra/build/package-function.sh
 * puts in the zip), with the environment the local runtime gives it (the template's variables, endpoints pointed at
 * DynamoDB Local, ElasticMQ and moto), in fresh JVMs ({@link ColdStartProbe}): init (class loading and the handler's
 * constructor), first and second invoke with its sample from events/, and in another fresh JVM the first invoke after
 * the priming hooks (what SnapStart runs before its snapshot); also the zipped size, and the floor: one DynamoDB
 * client built and called in a JVM of its own. One JSON line per function (medians over the runs), a summary last.
 * Times are real milliseconds on this machine; docs/performance.md has the figures and their caveats.
 */
public final class ColdStartBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int runs = 1;
        Set<String> only = Set.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--only" -> only = Set.of(args[i + 1].split(","));
                default -> {
                    err.println("usage: ./tracker bench cold-start [--runs N] [--only Fn,Fn]");
                    return 2;
                }
            }
        }
        long started = System.currentTimeMillis();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withClockHeld())) {
            Path root = io.ordertracker.local.emulators.SamTemplate.locate().toAbsolutePath().getParent();
            Path probeDir = probeClasses();
            List<ObjectNode> lines = new ArrayList<>();
            for (LocalFunction f : runtime.functions().values()) {
                if (!only.isEmpty() && !only.contains(f.name())) {
                    continue;
                }
                Artifact artifact = artifact(root, f.name());
                Path event = sampleEvent(root, f.name());
                ObjectNode line = JSON.createObjectNode().put("function", f.name())
                        .put("zippedMB", Math.round(artifact.zippedBytes() / 10_000.0) / 100.0)
                        .put("jars", artifact.classpath().size() - 1)
                        .put("memoryMB", f.spec().memoryMb())
                        .put("event", event == null ? null : root.relativize(event).toString());
                List<JsonNode> plain = new ArrayList<>();
                List<JsonNode> primed = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    err.printf("cold-start: %s run %d/%d%n", f.name(), r + 1, runs);
                    plain.add(probe(artifact, probeDir, env(f), "plain", f.spec().handlerClass() + "::" + f.spec().handlerMethod(), event));
                    primed.add(probe(artifact, probeDir, env(f), "primed", f.spec().handlerClass() + "::" + f.spec().handlerMethod(), event));
                }
                for (String field : List.of("jvmToMainMs", "initMs", "firstMs", "secondMs", "wallMs")) {
                    line.put(field, median(plain, field));
                }
                line.put("primeMs", median(primed, "primeMs")).put("primeFailures", median(primed, "primeFailures")).put("firstAfterPrimeMs", median(primed, "firstAfterPrimeMs"));
                List<String> errors = errors(plain, primed);
                if (event == null) {
                    errors = new ArrayList<>(errors);
                    errors.add(0, "no sample event in events/: init and priming only");
                }
                if (!errors.isEmpty()) {
                    errors.forEach(line.putArray("errors")::add);
                }
                out.println(line);
                lines.add(line);
            }
            List<JsonNode> floor = new ArrayList<>();
            LocalFunction authorizer = runtime.functions().get("MerchantAuthorizerFunction");
            Artifact floorArtifact = artifact(root, "MerchantAuthorizerFunction");
            for (int r = 0; r < runs; r++) {
                floor.add(probe(floorArtifact, probeDir, env(authorizer), "floor", runtime.tableName(), null));
            }
            ObjectNode summary = JSON.createObjectNode().put("bench", "cold-start").put("date", LocalDate.now().toString())
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put("loadAverage", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 10) / 10.0)
                    .put("runs", runs).put("functions", lines.size())
                    .put("wallSeconds", (System.currentTimeMillis() - started) / 1000);
            summary.putObject("dynamoDbClientFloor").put("clientBuildMs", median(floor, "clientBuildMs"))
                    .put("firstCallMs", median(floor, "firstCallMs")).put("secondCallMs", median(floor, "secondCallMs"))
                    .put("jvmToMainMs", median(floor, "jvmToMainMs"));
            summary.put("maxZippedMB", lines.stream().mapToDouble(l -> l.path("zippedMB").asDouble()).max().orElse(0))
                    .put("over10MB", lines.stream().filter(l -> l.path("zippedMB").asDouble() > 10).count())
                    .put("initMsMax", lines.stream().mapToLong(l -> l.path("initMs").asLong()).max().orElse(0))
                    .put("firstMsMax", lines.stream().mapToLong(l -> l.path("firstMs").asLong()).max().orElse(0))
                    .put("firstAfterPrimeMsMax", lines.stream().mapToLong(l -> l.path("firstAfterPrimeMs").asLong()).max().orElse(0))
                    .put("withErrors", lines.stream().filter(l -> l.has("errors")).count());
            out.println(summary);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Artifact(List<Path> classpath, long zippedBytes) {
    }

    /** The function's classes and its runtime classpath (root pom: target/runtime-classpath.txt), zipped in memory. */
    static Artifact artifact(Path root, String logicalId) throws IOException {
        Path module = root.resolve("functions").resolve(LocalFunction.moduleName(logicalId));
        Path file = module.resolve("target/runtime-classpath.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: package the function modules first (mvn package)");
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(module.resolve("target/classes"));
        Arrays.stream(Files.readString(file).trim().split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).forEach(classpath::add);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path entry : classpath) {
                if (Files.isDirectory(entry)) {
                    String prefix = entry.equals(classpath.get(0)) ? "" : "lib/" + entry.getParent().getParent().getFileName() + "/";
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            zip.putNextEntry(new ZipEntry(prefix + entry.relativize(f).toString().replace('\\', '/')));
                            Files.copy(f, zip);
                        }
                    }
                } else {
                    zip.putNextEntry(new ZipEntry("lib/" + entry.getFileName()));
                    Files.copy(entry, zip);
                }
            }
        }
        return new Artifact(classpath, bytes.size());
    }

    /** events/Fn.json, else the first events/Fn-*.json. */
    static Path sampleEvent(Path root, String logicalId) throws IOException {
        Path exact = root.resolve("events").resolve(logicalId + ".json");
        if (Files.exists(exact)) {
            return exact;
        }
        try (Stream<Path> files = Files.list(root.resolve("events"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(logicalId + "-")).sorted().findFirst()
                    .orElse(null);
        }
    }

    /** What Lambda sets plus the template's variables, as the local runtime resolves them, minus its in-JVM clock. */
    private static Map<String, String> env(LocalFunction f) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL"));
        env.putAll(f.environment());
        env.remove("LOCAL_CLOCK_ID");
        if (env.getOrDefault("AWS_SESSION_TOKEN", "").isBlank()) {
            env.remove("AWS_SESSION_TOKEN");
        }
        return env;
    }

    private static JsonNode probe(Artifact artifact, Path probeDir, Map<String, String> env, String mode, String target,
                                  Path event) throws IOException {
        List<String> cp = new ArrayList<>(artifact.classpath().stream().map(Path::toString).toList());
        cp.add(probeDir.toString());
        // the java21 runtime's own event serializers (aws-lambda-java-serialization), not part of any artifact
        cp.add(Path.of(codeSource(LambdaEventSerializers.class)).toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", String.join(File.pathSeparator, cp),
                ColdStartProbe.class.getName(), mode, target));
        if (event != null) {
            command.add(event.toString());
        }
        Path log = Files.createTempFile("coldstart-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long t = System.nanoTime();
        Process p = pb.start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        long wall = (System.nanoTime() - t) / 1_000_000;
        try (Stream<String> lines = Files.lines(log)) {
            String line = lines.filter(l -> l.startsWith("COLDSTART ")).reduce((a, b) -> b).orElse(null);
            ObjectNode result = line == null ? JSON.createObjectNode().put("error", "no result (see " + log + ")")
                    : (ObjectNode) JSON.readTree(line.substring("COLDSTART ".length()));
            if (line != null) {
                Files.delete(log);
            }
            return result.put("wallMs", wall);
        }
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The probe's class file alone in a directory of its own, so nothing else of the bench is on the classpath. */
    private static Path probeClasses() throws IOException {
        Path dir = Files.createTempDirectory("coldstart-probe");
        String name = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStartBench.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    private static Long median(List<JsonNode> results, String field) {
        List<Long> values = results.stream().filter(r -> r.has(field)).map(r -> r.get(field).asLong()).sorted().toList();
        return values.isEmpty() ? null : values.get(values.size() / 2);
    }

    private static List<String> errors(List<JsonNode> plain, List<JsonNode> primed) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Stream.concat(plain.stream(), primed.stream()).forEach(r -> {
            for (String field : List.of("error", "invokeError")) {
                if (r.has(field)) {
                    out.put(r.get("mode").asText("?") + " " + field + ": " + r.get(field).asText(), true);
                }
            }
        });
        return List.copyOf(out.keySet());
    }
}
