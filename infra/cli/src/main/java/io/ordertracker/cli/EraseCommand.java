package io.ordertracker.cli;

import io.ordertracker.domain.orders.OrderErasure;
import io.ordertracker.json.Json;
import io.ordertracker.storage.TrackingTable;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./tracker erase --order N --merchant M}: ops erase one order on a shopper's request, through the same
 * {@link OrderErasure} as {@code DELETE /v1/orders/{orderNumber}}.
 */
final class EraseCommand {
    static final String USAGE = "usage: erase --order ORDER_NUMBER --merchant MERCHANT_ID [--table NAME] [--region R]"
            + " [--endpoint-url URL]";

    private EraseCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String orderNumber = options.get("order");
        String merchantId = options.get("merchant");
        if (orderNumber == null || orderNumber.isBlank() || merchantId == null || merchantId.isBlank()) {
            err.println(USAGE);
            return 2;
        }
        String table = options.getOrDefault("table", System.getenv("TABLE_NAME"));
        if (table == null || table.isBlank()) {
            err.println("name the table: --table NAME or TABLE_NAME (the stack output TrackingTableName)");
            return 2;
        }
        try (DynamoDbClient dynamo = CliAws.client(DynamoDbClient.builder(), options)) {
            OrderErasure erasure = new TrackingTable(dynamo, table).erasure(Clock.systemUTC());
            Optional<OrderErasure.Erased> erased = erasure.erase(merchantId, orderNumber);
            if (erased.isEmpty()) {
                err.println("no order " + orderNumber + " for merchant " + merchantId + " (already erased, or expired)");
                return 1;
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("merchantId", merchantId);
            report.put("orderNumber", orderNumber);
            report.put("shipments", erased.get().shipments());
            report.put("events", erased.get().events());
            report.put("ledgerEntriesScrubbed", erased.get().ledgerEntriesScrubbed());
            out.println(Json.write(report));
            err.println("Point-in-time recovery keeps what was deleted restorable for 35 days.");
            return 0;
        }
    }
}
