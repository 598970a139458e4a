package io.ordertracker.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (SES, SNS, Secrets Manager, SSM, ...) as a child process on a loopback port. Moto is Python: it is
 * run from the repository's virtualenv ({@code .venv}, or {@code MOTO_VENV}), which is created with
 * {@code pip install "moto[server]"} on first use when missing. Moto accepts every email and SMS and
 * delivers none, which is what a local run wants.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts moto on a free port, creating the virtualenv first if there is none. */
    public static MotoServer start() {
        return start(Ports.free());
    }

    public static MotoServer start(int port) {
        Path server = ensureInstalled(venv());
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            Process process = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer moto = new MotoServer(process, port);
            moto.awaitReady(log);
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto from " + server, e);
        }
    }

    /** True if moto can be run here without installing anything. */
    public static boolean installed() {
        return Files.isExecutable(venv().resolve("bin/moto_server"));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** GET a path on the server (moto's own inspection API lives under /moto-api/). */
    public Optional<String> get(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve(path).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            if (c.getResponseCode() != 200) {
                return Optional.empty();
            }
            try (var in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited at start: " + tail(log));
            }
            if (get("/moto-api/").isPresent()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while moto was starting");
            }
        }
        close();
        throw new IllegalStateException("moto did not answer within " + START_TIMEOUT + ": " + tail(log));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code MOTO_VENV}, else {@code .venv} at the repository root (found from template.yaml). */
    static Path venv() {
        String configured = System.getenv("MOTO_VENV");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return SamTemplate.locate().toAbsolutePath().getParent().resolve(".venv");
    }

    private static synchronized Path ensureInstalled(Path venv) {
        Path server = venv.resolve("bin/moto_server");
        if (Files.isExecutable(server)) {
            return server;
        }
        System.err.println("moto: creating " + venv + " and installing moto[server] (first run only)...");
        run(List.of("python3", "-m", "venv", venv.toString()));
        run(List.of(venv.resolve("bin/pip").toString(), "install", "--quiet", "moto[server]"));
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException("moto[server] was installed but " + server + " is missing");
        }
        return server;
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command)
                        + " (install Python 3 with venv, or set MOTO_VENV to a virtualenv with moto[server])");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command));
        }
    }
}
