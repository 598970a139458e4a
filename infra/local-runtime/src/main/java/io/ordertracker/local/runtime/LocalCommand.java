package io.ordertracker.local.runtime;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./tracker local [--port P] [--clock-factor F] [--api-key K]}: starts the stack and runs until SIGINT or
 * SIGTERM, which stop it cleanly (the JVM's shutdown hook closes the runtime).
 */
public final class LocalCommand {
    private LocalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        LocalRuntime.Options options = LocalRuntime.Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            try {
                switch (arg) {
                    case "--port" -> options = options.withPort(Integer.parseInt(require(arg, value)));
                    case "--clock-factor" -> options = options.withClockFactor(Double.parseDouble(require(arg, value)));
                    case "--api-key" -> options = options.withApiKey(require(arg, value));
                    case "--no-moto" -> {
                        options = options.withMoto(false);
                        i--;
                    }
                    default -> {
                        err.println("unknown option " + arg);
                        err.println(USAGE);
                        return 2;
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.println(USAGE);
                return 2;
            }
            i++;
        }
        if (options.clockFactor() <= 0) {
            err.println("--clock-factor must be positive");
            return 2;
        }
        err.println("local: starting DynamoDB Local, ElasticMQ, moto and the carrier sandbox...");
        // The functions' JSON logs and metrics, and the emulators' chatter, go to a file; the terminal shows the
        // banner and each message as it is sent.
        PrintStream console = out;
        java.nio.file.Path log = FunctionLogs.toFile("local.log", err);
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(options);
        } catch (RuntimeException e) {
            err.println("local: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("local: stopping...");
            runtime.close();
            stopped.countDown();
        }, "local-runtime-shutdown"));
        printBanner(runtime, console);
        console.println("Function logs (JSON, as CloudWatch would hold them): " + (log == null ? "this terminal" : log));
        console.println();
        int shown = 0;
        try {
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                List<Outbox.Message> sent = runtime.outbox().messages();
                for (int i = sent.size() - shown - 1; i >= 0; i--) {
                    console.println(describe(sent.get(i)));
                }
                shown = sent.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printBanner(LocalRuntime runtime, PrintStream out) {
        out.println();
        out.println("order-tracker is running locally on " + runtime.baseUrl()
                + " (simulated time " + runtime.clock().instant() + ", x" + runtime.clockFactor() + ")");
        out.println();
        out.println("Functions:");
        runtime.functions().values().forEach(f -> out.println("  " + f.name()));
        runtime.skipped().forEach(s -> out.println("  " + s.function() + "  (skipped: " + s.reason() + ")"));
        out.println("Routes:");
        runtime.routes().forEach(r -> out.println("  " + r));
        runtime.warnings().forEach(w -> out.println("warning: " + w));
        out.println();
        out.println("Demo merchant " + runtime.merchantId() + ", API key:");
        out.println("  " + runtime.apiKey());
        String tracking = runtime.journeys().stream().filter(j -> j.journey().equals("delivered")).findFirst()
                .map(SandboxHandle.JourneyInfo::trackingNumber).orElse("1Z999AA10123456784");
        SandboxHandle.JourneyInfo demo = runtime.journeys().stream().filter(j -> j.trackingNumber().equals(tracking))
                .findFirst().orElse(null);
        String carrier = demo == null ? "ups" : demo.carrier();
        String zone = demo == null ? SandboxHandle.DEFAULT_ZONE : demo.timeZone();
        runtime.journeys().stream().map(SandboxHandle.JourneyInfo::endsAt).max(java.time.Instant::compareTo)
                .ifPresent(end -> {
                    long realSeconds = (long) (java.time.Duration.between(runtime.clock().instant(), end).toSeconds()
                            / runtime.clockFactor());
                    out.println();
                    out.println("The carrier sandbox's journeys started with the runtime; the last scan comes at "
                            + end + " simulated, " + (realSeconds > 0 ? "in about " + human(realSeconds) + " real time"
                            : "already past") + ". Post orders for its tracking numbers before then.");
                });
        out.println();
        out.println("Post a demo order:");
        out.println("  " + curl(runtime, carrier, tracking, zone));
        out.println();
        out.println("Outbox (emails and SMS):   " + runtime.baseUrl() + "/_local/outbox");
        out.println("Shipments:                 " + runtime.baseUrl() + "/_local/shipments");
        out.println("Sandbox journeys:          " + runtime.baseUrl() + "/_local/sandbox/journeys");
        out.println("Analytics dashboard:       " + runtime.baseUrl() + "/_local/analytics");
        out.println("Stop with Ctrl-C.");
    }

    /** One line per message sent: when (simulated), what, to whom. */
    static String describe(Outbox.Message m) {
        String what = m.subject() != null ? m.subject() : m.text();
        if (what != null && what.length() > 90) {
            what = what.substring(0, 87) + "...";
        }
        return m.sentAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + "  " + m.channel().toUpperCase(java.util.Locale.ROOT)
                + "  " + (m.milestone() == null ? "" : m.milestone() + "  ") + m.to() + "  " + what;
    }

    private static String human(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    static String curl(LocalRuntime runtime, String carrier, String trackingNumber, String timeZone) {
        return "curl -s -X POST " + runtime.baseUrl() + "/v1/orders -H 'Authorization: Bearer " + runtime.apiKey()
                + "' -H 'Content-Type: application/json' -d '"
                + DemoOrders.orderJson("DEMO-1001", carrier, trackingNumber, timeZone)
                + "'";
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static final String USAGE = "usage: ./tracker local [--port P (default 3000)] [--clock-factor F (default 1)] [--api-key K]";
}
