package io.ordertracker.cli;

import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code ./tracker} as people run it, in this JVM: arguments in, exit code and what it printed out. */
final class CliRun {
    /** One DynamoDB Local per test JVM, with the template's table, for the commands that work on the table. */
    private static final class LocalTable {
        static final DynamoDbLocal DYNAMO = DynamoDbLocal.start();

        static {
            new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(DYNAMO.client());
        }
    }

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

    /** The table the commands run against, for a test to set up and look at. */
    static DynamoDbLocal table() {
        return LocalTable.DYNAMO;
    }

    /** The same against the template's table in DynamoDB Local: the table, endpoint and region options appended. */
    static Run againstTable(String... args) {
        DynamoDbLocal dynamo = table();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", "TrackingTable", "--endpoint-url", dynamo.endpoint().toString(),
                "--region", "us-east-1"));
        return tracker(all.toArray(String[]::new));
    }
}
