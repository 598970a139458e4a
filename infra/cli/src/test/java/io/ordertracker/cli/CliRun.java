package io.ordertracker.cli;

import io.ordertracker.local.emulators.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code ./tracker} as people run it, in this JVM: arguments in, exit code and what it printed out. */
final class CliRun {
    record Run(int exit, String out, String err) {
    }

    private CliRun() {
    }

    static Run tracker(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TrackerCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The same against the template's table in DynamoDB Local: the table, endpoint and region options appended. */
    static Run againstTable(DynamoDbLocal dynamo, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", "TrackingTable", "--endpoint-url", dynamo.endpoint().toString(),
                "--region", "us-east-1"));
        return tracker(all.toArray(String[]::new));
    }
}
