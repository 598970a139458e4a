package io.ordertracker.carriers.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertracker.carriers.CarrierResponseParser;
import io.ordertracker.carriers.CarrierTrackingResult;
import io.ordertracker.carriers.Json;
import io.ordertracker.carriers.TrackingClients;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.EstimatedDelivery;
import io.ordertracker.domain.TrackingEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./tracker normalize --carrier ups|fedex|usps|dhl FILE...}: reads saved raw carrier response bodies and
 * prints one JSON object per line per tracking result found. Exit 0 unless a file cannot be read (then 1), 2 for
 * bad arguments.
 */
public final class NormalizeCommand {

    private NormalizeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Carrier carrier = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--carrier") && i + 1 < args.length) {
                Optional<Carrier> c = Carrier.fromCode(args[++i]);
                if (c.isEmpty()) {
                    err.println("unknown carrier '" + args[i] + "' (ups, fedex, usps, dhl)");
                    return 2;
                }
                carrier = c.get();
            } else if (arg.startsWith("--carrier=")) {
                carrier = Carrier.fromCode(arg.substring("--carrier=".length())).orElse(null);
                if (carrier == null) {
                    err.println("unknown carrier in " + arg + " (ups, fedex, usps, dhl)");
                    return 2;
                }
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println("usage: tracker normalize --carrier ups|fedex|usps|dhl FILE...");
                return 0;
            } else {
                files.add(arg);
            }
        }
        if (carrier == null || files.isEmpty()) {
            err.println("usage: tracker normalize --carrier ups|fedex|usps|dhl FILE...");
            return 2;
        }
        CarrierResponseParser parser = TrackingClients.parser(carrier);
        int exit = 0;
        for (String file : files) {
            String body;
            try {
                body = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                exit = 1;
                continue;
            }
            // saved bodies have no HTTP status; an error body says what it is by itself
            for (CarrierTrackingResult result : parser.parse(body, 200)) {
                out.println(toJson(file, result));
            }
        }
        out.flush();
        return exit;
    }

    static String toJson(String file, CarrierTrackingResult result) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("file", file);
        switch (result) {
            case CarrierTrackingResult.Tracked t -> {
                o.put("trackingNumber", t.trackingNumber());
                o.put("status", t.status().name());
                o.put("reason", t.reason().name());
                o.set("estimatedDelivery", estimate(t.estimatedDelivery()));
                o.put("deliveredAt", t.deliveredAt() == null ? null : t.deliveredAt().toString());
                o.put("signedBy", t.signedBy());
                o.put("carrierStatusCode", t.carrierStatusCode());
                ArrayNode events = o.putArray("events");
                for (TrackingEvent e : t.events()) {
                    ObjectNode event = events.addObject();
                    event.put("time", e.time() == null ? null : e.time().toString());
                    event.put("status", e.status().name());
                    event.put("code", e.carrierCode());
                    event.put("description", e.description());
                    event.put("location", e.location());
                }
            }
            case CarrierTrackingResult.Failure f -> {
                if (f.trackingNumber() != null) {
                    o.put("trackingNumber", f.trackingNumber());
                }
                ObjectNode error = o.putObject("error");
                error.put("kind", f.kind().wireName());
                error.put("message", f.message());
            }
        }
        return o.toString();
    }

    private static ObjectNode estimate(EstimatedDelivery e) {
        if (e == null) {
            return null;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("date", e.date() == null ? null : e.date().toString());
        o.put("kind", e.kind().name());
        o.put("windowStart", e.windowStart() == null ? null : e.windowStart().toString());
        o.put("windowEnd", e.windowEnd() == null ? null : e.windowEnd().toString());
        return o;
    }
}
