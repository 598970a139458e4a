package io.ordertracker.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (SES, SNS, and any other AWS API moto serves) as a child process on a loopback port, from the
 * Python venv that infra/build/python-tools.sh creates ({@code pip install "moto[server]"}; {@code ./tracker test} and
 * .ci/run run it first). The venv is found through the system property {@code ordertracker.venv}, else the env var
 * {@code ORDER_TRACKER_VENV}, else {@code <repo>/.venv}.
 * Moto records what it "sends": {@link #sentEmails()} and {@link #sentSms()} read them back through moto's own
 * inspection endpoint ({@code /moto-api/data.json}).
 */
public final class MotoServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The moto_server executable, if the venv has one. */
    public static Optional<Path> executable() {
        String venv = System.getProperty("ordertracker.venv", System.getenv("ORDER_TRACKER_VENV"));
        Path dir;
        if (venv != null && !venv.isBlank()) {
            dir = Path.of(venv);
        } else {
            try {
                dir = SamTemplate.locate().getParent().resolve(".venv");
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        }
        Path exe = dir.resolve("bin").resolve("moto_server");
        return Files.isExecutable(exe) ? Optional.of(exe) : Optional.empty();
    }

    /**
     * Whether tests can use moto here. Off CI a missing venv means "skip"; on CI ({@code CI=true}) the venv is
     * part of the build, so its absence is an error, not a reason to skip.
     */
    public static boolean availableOrFailOnCi() {
        boolean available = executable().isPresent();
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no moto_server in the venv (" + describeVenv()
                    + "); infra/build/python-tools.sh (run by .ci/run) should have installed moto[server]");
        }
        return available;
    }

    /** The message a suite that needs moto skips with, off CI: where it looked, and exactly how to get moto. */
    public static String unavailableMessage() {
        return "moto_server not found in " + describeVenv() + ", so this suite is skipped. To run it, get moto with"
                + " ./tracker test (creates .venv with moto, then runs the tests) or infra/build/python-tools.sh"
                + " (creates .venv with moto only; then run the tests again)";
    }

    public static String describeVenv() {
        return System.getProperty("ordertracker.venv", System.getenv().getOrDefault("ORDER_TRACKER_VENV", "<repo>/.venv"));
    }

    public static MotoServer start() {
        return start(Ports.free());
    }

    public static MotoServer start(int port) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "moto_server not found in " + describeVenv() + " (pip install \"moto[server]\")"));
        try {
            Path log = Files.createTempFile("moto-server-" + port + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PYTHONUNBUFFERED", "1");
            // moto answers every account/region; fixed dummy credentials keep its state in one backend
            pb.environment().put("MOTO_ALLOW_NONEXISTENT_REGION", "true");
            Process process = pb.start();
            MotoServer server = new MotoServer(process, port, log);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server", e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + tail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded pause that also notices an early exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("moto_server not ready after " + limit + ": " + tail());
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Everything moto holds, as its inspection endpoint reports it: service -> model -> instances. */
    public JsonNode data() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("moto data.json unreadable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Emails sent through SES v1 SendEmail or SendRawEmail: {id, source, subject, body (HTML if given, else text),
     * destinations}; a raw one (its MIME read back) also has {@code text}, {@code html}, {@code headers} (name ->
     * decoded value, the first of each name) and {@code raw}.
     */
    public List<JsonNode> sentEmails() {
        JsonNode ses = data().path("ses");
        List<JsonNode> out = list(ses.path("Message"));
        for (JsonNode raw : ses.path("RawMessage")) {
            out.add(RawEmails.read(raw.path("id").asText(), raw.path("raw_data").asText()));
        }
        return out;
    }

    /** Text messages published to phone numbers: {message_id, phone_number, message}. */
    public List<JsonNode> sentSms() {
        return list(data().path("sns").path("SMS"));
    }

    /** Forgets all state (between test classes sharing one server). */
    public void reset() {
        try {
            HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
