package io.ordertracker.bench.polling;

import io.ordertracker.bench.polling.PollingSimulation.Tracked;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.TrackingEvent;
import io.ordertracker.domain.polling.PollingSettings;
import io.ordertracker.domain.polling.TrackingState;
import io.ordertracker.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./tracker bench polling}: replays every carrier-sandbox journey through the real planner and worker on a
 * simulated clock and reports what it cost and how fast each change was seen. The last line is JSON.
 */
public final class PollingBench {
    /** Targets of the issue. */
    public static final double MAX_CALLS_PER_DELIVERED_MEDIAN = 6;
    public static final double MAX_OFD_DETECTION_P95_MINUTES = 30;
    /** Issue #14: an exception met in transit is seen within 4 hours (p95). */
    public static final double MAX_EXCEPTION_DETECTION_P95_MINUTES = 240;

    private PollingBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Duration length = Duration.ofDays(10);
        boolean trace = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--trace")) {
                trace = true;
            } else if (args[i].equals("--days") && i + 1 < args.length) {
                length = Duration.ofDays(Long.parseLong(args[++i]));
            } else {
                err.println("usage: ./tracker bench polling [--days N] [--trace]");
                return 2;
            }
        }
        long wallStart = System.nanoTime();
        try (PollingSimulation sim = new PollingSimulation(PollingSimulation.defaultStart(), PollingSettings.defaults(),
                Map.of(Carrier.DHL, 250L))) {
            sim.run(length);
            Report report = report(sim, (System.nanoTime() - wallStart) / 1e9);
            if (trace) {
                for (Tracked t : sim.shipments()) {
                    out.println(t.journey.carrier().code() + " " + t.journey.kind().wireName() + " (shopper's local times):");
                    t.trace.forEach(line -> out.println("    " + line));
                }
            }
            report.print(out);
            return report.targetsMet() ? 0 : 1;
        }
    }

    /** Everything the bench measures, also used by the journeys integration test. */
    public record Report(Map<String, Object> json, List<String> lines) {
        public double callsPerDeliveredMedian() {
            return ((Number) json.get("callsPerDeliveredShipmentMedian")).doubleValue();
        }

        public double ofdP95() {
            return ((Number) json.get("ofdDetectionMinutesP95")).doubleValue();
        }

        public double exceptionP95() {
            return ((Number) json.get("exceptionDetectionMinutesP95")).doubleValue();
        }

        public boolean targetsMet() {
            return callsPerDeliveredMedian() <= MAX_CALLS_PER_DELIVERED_MEDIAN && ofdP95() <= MAX_OFD_DETECTION_P95_MINUTES
                    && exceptionP95() <= MAX_EXCEPTION_DETECTION_P95_MINUTES;
        }

        public void print(PrintStream out) {
            lines.forEach(out::println);
            out.println(Json.write(json));
        }
    }

    public static Report report(PollingSimulation sim, double wallSeconds) {
        List<String> lines = new ArrayList<>();
        List<Double> deliveredCalls = new ArrayList<>();
        List<Double> ofdDelays = new ArrayList<>();
        List<Double> exceptionDelays = new ArrayList<>();
        List<Double> delayDelays = new ArrayList<>();
        Map<ShipmentStatus, List<Double>> delaysByStatus = new TreeMap<>();
        Map<String, Long> lookupsPerCarrier = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        int duplicateEvents = 0;
        long totalLookups = 0;
        lines.add(String.format("%-7s %-30s %-20s %-20s %6s %6s %9s %9s", "carrier", "journey", "expected", "final",
                "calls", "events", "ofd(min)", "exc(min)"));
        for (Tracked t : sim.shipments()) {
            TrackingState state = sim.state(t);
            ShipmentStatus expected = t.journey.expectedFinalStatus() == null ? ShipmentStatus.EXCEPTION
                    : t.journey.expectedFinalStatus();
            ShipmentStatus actual = state.shipment().status();
            if (actual != expected) {
                mismatches.add(t.journey.carrier().code() + "/" + t.journey.kind().wireName() + ": " + actual
                        + " (expected " + expected + ")");
            }
            List<TrackingEvent> events = sim.storedEvents(t);
            Set<String> ids = new HashSet<>();
            for (TrackingEvent e : events) {
                if (!ids.add(e.eventId())) {
                    duplicateEvents++;
                }
            }
            long calls = state.carrierCalls();
            totalLookups += calls;
            lookupsPerCarrier.merge(t.journey.carrier().code(), calls, Long::sum);
            if (PollingSimulation.isDeliveredJourney(t.journey)) {
                deliveredCalls.add((double) calls);
            }
            List<Double> ofdHere = new ArrayList<>();
            List<Double> exceptionHere = new ArrayList<>();
            Set<ShipmentStatus> seenStatus = new HashSet<>();
            TrackingEvent previous = null;
            for (TrackingEvent e : events.stream().sorted(java.util.Comparator.comparing(TrackingEvent::instant)).toList()) {
                Instant detected = PollingSimulation.detectedAt(t, e.instant());
                boolean newEpisode = previous == null || previous.status() != e.status() || previous.reason() != e.reason();
                previous = e;
                if (detected == null) {
                    continue;
                }
                double minutes = Duration.between(e.instant(), detected).toSeconds() / 60.0;
                if (e.status() == ShipmentStatus.OUT_FOR_DELIVERY) {
                    ofdDelays.add(minutes);
                    ofdHere.add(minutes);
                }
                // An exception: the carrier's scan of a problem someone has to act on (not a delay, not a failed
                // attempt: ExceptionReason's families), from its scan to our stored status, once per episode.
                if (e.status() == ShipmentStatus.EXCEPTION && newEpisode) {
                    if (e.reason().isDelay()) {
                        delayDelays.add(minutes);
                    } else if (!e.reason().isAttempt()) {
                        exceptionDelays.add(minutes);
                        exceptionHere.add(minutes);
                    }
                }
                // Per status, the first scan of each status in a journey (the one a milestone is sent for).
                if (seenStatus.add(e.status())) {
                    delaysByStatus.computeIfAbsent(e.status(), s -> new ArrayList<>()).add(minutes);
                }
            }
            lines.add(String.format("%-7s %-30s %-20s %-20s %6d %6d %9s %9s", t.journey.carrier().code(),
                    t.journey.kind().wireName(), expected, actual, calls, events.size(),
                    ofdHere.isEmpty() ? "-" : ofdHere.stream().map(d -> String.format("%.0f", d)).toList(),
                    exceptionHere.isEmpty() ? "-" : exceptionHere.stream().map(d -> String.format("%.0f", d)).toList()));
        }
        Map<String, Integer> requests = new TreeMap<>();
        for (Carrier c : Carrier.values()) {
            requests.put(c.code(), sim.sandbox().trackingCalls(c));
        }
        Map<String, Object> byStatus = new LinkedHashMap<>();
        delaysByStatus.forEach((status, list) -> byStatus.put(status.name(),
                Map.of("p50", round(percentile(list, 50)), "p95", round(percentile(list, 95)), "n", list.size())));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", "polling");
        json.put("journeys", sim.shipments().size());
        json.put("deliveredShipments", deliveredCalls.size());
        json.put("callsPerDeliveredShipmentMedian", round(percentile(deliveredCalls, 50)));
        json.put("callsPerDeliveredShipmentMax", round(deliveredCalls.stream().mapToDouble(d -> d).max().orElse(0)));
        json.put("callsPerShipmentMean", round((double) totalLookups / Math.max(1, sim.shipments().size())));
        json.put("ofdDetectionMinutesP95", round(percentile(ofdDelays, 95)));
        json.put("ofdDetectionMinutesMedian", round(percentile(ofdDelays, 50)));
        json.put("ofdDetectionMinutesMax", round(ofdDelays.stream().mapToDouble(d -> d).max().orElse(0)));
        json.put("ofdScans", ofdDelays.size());
        json.put("exceptionDetectionMinutesP95", round(percentile(exceptionDelays, 95)));
        json.put("exceptionDetectionMinutesMedian", round(percentile(exceptionDelays, 50)));
        json.put("exceptionScans", exceptionDelays.size());
        json.put("delayDetectionMinutesP95", round(percentile(delayDelays, 95)));
        json.put("delayScans", delayDelays.size());
        json.put("detectionMinutesByStatus", byStatus);
        json.put("lookupsPerCarrier", lookupsPerCarrier);
        json.put("carrierRequestsPerCarrier", requests);
        json.put("finalStatusMismatches", mismatches);
        json.put("duplicateEvents", duplicateEvents);
        json.put("failedMessages", sim.messagesFailed());
        json.put("plannerTicks", sim.ticksRun());
        json.put("wallSeconds", round(wallSeconds));
        json.put("wallSecondsByPart", sim.wallSecondsByPart());
        json.put("targets", Map.of("callsPerDeliveredShipmentMedian", MAX_CALLS_PER_DELIVERED_MEDIAN,
                "ofdDetectionMinutesP95", MAX_OFD_DETECTION_P95_MINUTES,
                "exceptionDetectionMinutesP95", MAX_EXCEPTION_DETECTION_P95_MINUTES));
        return new Report(json, lines);
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
