package io.ordertracker.local.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local (with streams) running inside this JVM on a loopback port, in memory or on a file. */
public final class DynamoDbLocal implements AutoCloseable {
    private static final String[] NATIVE_LIBS = {"libsqlite4java-linux-amd64.so", "libsqlite4java-osx.dylib"};

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger SDK_V1_LOG = java.util.logging.Logger.getLogger("com.amazonaws");

    public static DynamoDbLocal start() {
        return start(Ports.free());
    }

    public static DynamoDbLocal start(int port) {
        return start(port, new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    }

    /**
     * DynamoDB Local keeping its database in {@code directory} (one shared file, whatever the credentials and
     * region): stopped and started again on the same directory, it has the same tables, items and streams.
     */
    public static DynamoDbLocal startOnFile(Path directory, int port) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(port, new String[] {"-dbPath", directory.toString(), "-sharedDb", "-port", Integer.toString(port),
                "-disableTelemetry"});
    }

    private static DynamoDbLocal start(int port, String[] args) {
        System.setProperty("sqlite4java.library.path", extractNativeLibraries().toString());
        // DynamoDB Local logs every refused conditional write as a warning; those refusals are how idempotency
        // works here, not problems. Said here, where DynamoDB Local runs, not in the functions' log configuration.
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        // Its SDK v1 core warns through java.util.logging that JAXB is missing (it falls back to its own parser).
        SDK_V1_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new DynamoDbLocal(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public DynamoDbClient client() {
        return LocalAws.configure(DynamoDbClient.builder(), endpoint()).build();
    }

    public DynamoDbStreamsClient streamsClient() {
        return LocalAws.configure(DynamoDbStreamsClient.builder(), endpoint()).build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static synchronized Path extractNativeLibraries() {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "order-tracker-sqlite4java");
            Files.createDirectories(dir);
            for (String lib : NATIVE_LIBS) {
                Path target = dir.resolve(lib);
                if (Files.exists(target)) {
                    continue;
                }
                try (InputStream in = DynamoDbLocal.class.getResourceAsStream("/sqlite4java-native/" + lib)) {
                    if (in != null) {
                        Path tmp = Files.createTempFile(dir, lib, ".part");
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract sqlite4java native libraries", e);
        }
    }
}
