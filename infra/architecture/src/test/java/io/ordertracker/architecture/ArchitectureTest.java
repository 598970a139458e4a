package io.ordertracker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape the docs promise, checked against the sources, so neither can drift from the other. */
class ArchitectureTest {
    static final Path ROOT = root();
    static final Path FUNCTIONS = ROOT.resolve("functions");

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository (no template.yaml above the working directory)");
        }
        return dir;
    }

    static List<Path> mainSources(Path module) {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> functionModules() {
        try (Stream<Path> dirs = Files.list(FUNCTIONS)) {
            return dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onlyStorageSpeaksDynamoDb() {
        List<String> offenders = new ArrayList<>();
        for (Path module : functionModules()) {
            if (module.getFileName().toString().equals("storage")) {
                continue;
            }
            for (Path source : mainSources(module)) {
                if (read(source).contains("software.amazon.awssdk.services.dynamodb")) {
                    offenders.add(ROOT.relativize(source).toString());
                }
            }
        }
        assertThat(offenders).as("production code outside functions/storage using the DynamoDB SDK").isEmpty();
        assertThat(mainSources(FUNCTIONS.resolve("storage"))).as("storage still implements the ports")
                .anyMatch(f -> read(f).contains("software.amazon.awssdk.services.dynamodb"));
    }

    @Test
    void theDomainKnowsNoAwsSdkNoJacksonAndNoCarrierFormat() {
        for (Path source : mainSources(FUNCTIONS.resolve("domain"))) {
            assertThat(read(source)).as(ROOT.relativize(source).toString())
                    .doesNotContain("software.amazon.awssdk").doesNotContain("com.fasterxml.jackson")
                    .doesNotContain("io.ordertracker.carriers");
        }
    }

    @Test
    void everyHandlerIsThin() {
        Map<String, Long> fat = new TreeMap<>();
        for (Path module : functionModules()) {
            for (Path source : mainSources(module)) {
                if (source.getFileName().toString().endsWith("Function.java")) {
                    long lines = read(source).lines().count();
                    if (lines >= 80) {
                        fat.put(ROOT.relativize(source).toString(), lines);
                    }
                }
            }
        }
        assertThat(fat).as("handlers of 80 lines or more: move plumbing to lambda-support, logic to the domain").isEmpty();
    }

    @Test
    void oneModuleBuildsTheObjectMapper() {
        List<String> builders = new ArrayList<>();
        for (Path module : functionModules()) {
            for (Path source : mainSources(module)) {
                if (read(source).contains("new ObjectMapper(")) {
                    builders.add(ROOT.relativize(source).toString());
                }
            }
        }
        assertThat(builders).containsExactly("functions/json/src/main/java/io/ordertracker/json/Json.java");
    }

    // ------------------------------------------------------------------------------------------ module graph

    static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    /** Production dependencies between the project's function modules, as the poms declare them. */
    static Map<String, Set<String>> pomGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher modules = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        Set<String> names = new TreeSet<>();
        List<Path> poms = new ArrayList<>();
        while (modules.find()) {
            if (modules.group(1).startsWith("functions/")) {
                Path pom = ROOT.resolve(modules.group(1)).resolve("pom.xml");
                poms.add(pom);
                names.add(artifactId(read(pom)));
            }
        }
        for (Path pom : poms) {
            String text = read(pom);
            Set<String> deps = new TreeSet<>();
            Matcher d = DEPENDENCY.matcher(text);
            while (d.find()) {
                String dep = d.group(1);
                Matcher a = ARTIFACT.matcher(dep);
                if (dep.contains("<groupId>io.ordertracker</groupId>") && !dep.contains("<scope>test</scope>") && a.find()
                        && names.contains(a.group(1))) {
                    deps.add(a.group(1));
                }
            }
            graph.put(artifactId(text), deps);
        }
        return graph;
    }

    static String artifactId(String pom) {
        // the module's own artifactId is the first one after </parent>
        Matcher a = ARTIFACT.matcher(pom.substring(pom.indexOf("</parent>")));
        if (!a.find()) {
            throw new IllegalStateException("a pom without its artifactId");
        }
        return a.group(1);
    }

    /** Drops every edge a longer path already implies: what a picture of the graph should draw. */
    static Map<String, Set<String>> reduce(Map<String, Set<String>> graph) {
        Map<String, Set<String>> out = new TreeMap<>();
        graph.forEach((from, direct) -> {
            Set<String> kept = new TreeSet<>(direct);
            for (String via : direct) {
                kept.removeAll(reachable(graph, via));
            }
            out.put(from, kept);
        });
        return out;
    }

    static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    static Map<String, Set<String>> documentedGraph() {
        String doc = read(ROOT.resolve("docs/architecture.md"));
        String block = doc.substring(doc.indexOf("<!-- module-graph:begin -->"), doc.indexOf("<!-- module-graph:end -->"));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : block.lines().map(String::trim).toList()) {
            if (line.matches("[a-z-]+")) {
                graph.computeIfAbsent(line, k -> new TreeSet<>());
            } else if (line.matches("[a-z-]+ --> [a-z-]+")) {
                String[] parts = line.split(" --> ");
                graph.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
                graph.computeIfAbsent(parts[1], k -> new TreeSet<>());
            }
        }
        return graph;
    }

    @Test
    void thePictureOfTheModuleGraphIsTheGraphThePomsDeclare() {
        Map<String, Set<String>> declared = pomGraph();
        assertThat(declared).containsKeys("json", "domain", "storage", "notify", "polling");
        assertThat(documentedGraph()).as("docs/architecture.md's module graph (transitive edges left out)")
                .isEqualTo(reduce(declared));
    }

    @Test
    void theModuleGraphHasNoPathFromTheDomainOrPortsUsersToStorage() {
        Map<String, Set<String>> declared = pomGraph();
        for (String module : List.of("domain", "json", "lambda-support", "carriers", "polling", "notify")) {
            assertThat(reachable(declared, module)).as(module + " depends on storage").doesNotContain("storage");
        }
    }
}
