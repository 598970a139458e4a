package io.ordertracker.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of {@code ./tracker}: one subcommand per concern. */
public final class TrackerCli {
    private TrackerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "merchant" -> MerchantCommand.run(rest, out, err);
            case "erase" -> EraseCommand.run(rest, out, err);
            case "normalize" -> io.ordertracker.carriers.cli.NormalizeCommand.run(rest, out, err);
            case "local" -> io.ordertracker.local.runtime.LocalCommand.run(rest, out, err);
            case "bench" -> bench(rest, out, err);
            case "redrive" -> RedriveCommand.run(rest, out, err);
            case "chaos" -> chaos(rest, out, err);
            default -> {
                err.println("unknown command: " + args[0]);
                err.println(USAGE);
                yield 2;
            }
        };
    }

    /** {@code bench <what> ...}: each benchmark is dispatched by its second word. */
    private static int bench(String[] args, PrintStream out, PrintStream err) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        String name = args.length == 0 ? "" : args[0];
        if (name.equals("pipeline") || name.equals("polling") || name.equals("cold-start")) {
            // the functions' JSON logs to a file: the terminal keeps the progress lines and the result line
            java.nio.file.Path log = io.ordertracker.local.runtime.FunctionLogs.toFile("bench-" + name + ".log", err);
            if (log != null) {
                err.println("bench: function logs in " + log);
            }
        }
        return switch (name) {
            case "pipeline" -> io.ordertracker.local.runtime.PipelineBench.run(rest, out, err);
            case "polling" -> io.ordertracker.bench.polling.PollingBench.run(rest, out, err);
            case "cold-start" -> io.ordertracker.local.runtime.ColdStartBench.run(rest, out, err);
            default -> {
                err.println("unknown benchmark: " + (args.length == 0 ? "(none)" : args[0]));
                err.println(USAGE);
                yield 2;
            }
        };
    }

    /** {@code chaos ...}: the function logs go to a file, so the terminal keeps progress and the result line. */
    private static int chaos(String[] args, PrintStream out, PrintStream err) {
        java.nio.file.Path log = io.ordertracker.local.runtime.FunctionLogs.toFile("chaos.log", err);
        if (log != null) {
            err.println("chaos: function logs in " + log);
        }
        return io.ordertracker.local.runtime.ChaosRun.run(args, out, err);
    }

    static final String USAGE = """
            usage: ./tracker <command> [options]

              merchant create NAME                 create a merchant, print its id
              merchant key issue MERCHANT_ID       issue an API key (shown once, stored as a hash)
              merchant key list MERCHANT_ID        list a merchant's keys (ids and state, never secrets)
              merchant key revoke MERCHANT_ID KEY_ID
              merchant settings get MERCHANT_ID   print a merchant's settings document and its version
              merchant settings set MERCHANT_ID FILE.json
                                                   replace them (validated as PUT /v1/settings is)
                  options: --table NAME (or TABLE_NAME; the stack output TrackingTableName)
                           --region R, --endpoint-url URL (e.g. the local runtime's DynamoDB)
              erase --order ORDER_NUMBER --merchant MERCHANT_ID
                                                   erase an order: order, shipments, events and tracking pages
                                                   deleted, notification records scrubbed to hashes
                  options: --table NAME, --region R, --endpoint-url URL (as for merchant)
              normalize --carrier ups|fedex|usps|dhl FILE...
                                                   read saved carrier responses, print one JSON line per result
              local [--port P] [--clock-factor F] [--api-key K]
                                                   run the whole stack on this machine (no AWS, no Docker)
              bench pipeline --orders N [--clock-factor F] [--max-seconds S]
                                                   N orders through the local stack: requests, GB-s, cost, latency
              bench polling [--days N] [--trace]
                                                   every sandbox journey through the real poll planner and tracking
                                                   worker on a simulated clock; last line JSON (calls per delivered
                                                   shipment, out-for-delivery detection delay)
              bench cold-start [--runs N] [--only Fn,Fn]
                                                   every function's artifact alone in fresh JVMs: init, first and
                                                   second invoke, first invoke after priming, zipped size; one JSON
                                                   line per function, a summary last (docs/performance.md)
              chaos [--shipments N] [--seed S] [--fault-rate F] [--crash-rate C] [--duplicate-rate D]
                    [--clock-factor X] [--max-seconds T]
                                                   N shipments (default 100) through the local stack while carrier
                                                   faults and an outage, crashes inside functions, duplicated
                                                   deliveries and poison are injected from the seed; last line JSON
                                                   (lost, duplicates, regressions, dead letters; exit 1 if any
                                                   check fails; docs/reliability.md)
              redrive DLQ_URL [--to QUEUE_URL] [--max N]
                                                   move a dead-letter queue's messages back to their queue (the
                                                   one that sends its failures there, unless --to names another);
                                                   options: --region R, --endpoint-url URL
              test [MAVEN ARGS...]                 every test, as .ci/run runs them: finds a JDK 21+, creates .venv
                                                   with moto, then mvn -B verify ARGS (e.g. -pl functions/domain -am);
                                                   handled by the ./tracker script, needs no build first
            """;
}
