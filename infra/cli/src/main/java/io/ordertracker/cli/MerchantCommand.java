package io.ordertracker.cli;

import io.ordertracker.domain.merchants.ApiKey;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** {@code ./tracker merchant ...}: ops create merchants and manage their API keys directly in the table. */
final class MerchantCommand {
    private MerchantCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                words.add(args[i]);
            }
        }
        String table = options.getOrDefault("table", System.getenv("TABLE_NAME"));
        if (table == null || table.isBlank()) {
            err.println("name the table: --table NAME or TABLE_NAME (the stack output TrackingTableName)");
            return 2;
        }
        try (DynamoDbClient dynamo = client(options)) {
            return run(words, new DynamoDbMerchantStore(dynamo, table), out, err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static int run(List<String> words, DynamoDbMerchantStore store, PrintStream out, PrintStream err) {
        MerchantAdmin admin = new MerchantAdmin(store, Clock.systemUTC());
        String usage = "usage: merchant create NAME | merchant key issue|list MERCHANT_ID | merchant key revoke MERCHANT_ID KEY_ID";
        if (words.size() == 2 && words.get(0).equals("create")) {
            Merchant merchant = admin.createMerchant(words.get(1));
            out.println("{\"merchantId\":\"" + merchant.merchantId() + "\",\"name\":" + quote(merchant.name()) + "}");
            return 0;
        }
        if (words.size() >= 3 && words.get(0).equals("key")) {
            String merchantId = words.get(2);
            switch (words.get(1)) {
                case "issue" -> {
                    MerchantAdmin.IssuedKey key = admin.issueKey(merchantId);
                    out.println("{\"merchantId\":\"" + key.merchantId() + "\",\"keyId\":\"" + key.keyId()
                            + "\",\"apiKey\":\"" + key.secret() + "\"}");
                    err.println("Store this key now: it is shown once and kept only as a hash.");
                    return 0;
                }
                case "list" -> {
                    for (ApiKey key : store.listKeys(merchantId)) {
                        out.println("{\"keyId\":\"" + key.keyId() + "\",\"active\":" + key.active()
                                + ",\"createdAt\":\"" + key.createdAt() + "\"}");
                    }
                    return 0;
                }
                case "revoke" -> {
                    if (words.size() != 4) {
                        err.println(usage);
                        return 2;
                    }
                    if (!admin.revokeKey(merchantId, words.get(3))) {
                        err.println("no key " + words.get(3) + " for merchant " + merchantId);
                        return 1;
                    }
                    out.println("{\"keyId\":\"" + words.get(3) + "\",\"active\":false}");
                    return 0;
                }
                default -> {
                }
            }
        }
        err.println(usage);
        return 2;
    }

    static DynamoDbClient client(Map<String, String> options) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (options.containsKey("region")) {
            builder.region(Region.of(options.get("region")));
        }
        if (options.containsKey("endpoint-url")) {
            builder.endpointOverride(URI.create(options.get("endpoint-url")));
        }
        return builder.build();
    }

    private static String quote(String s) {
        return io.ordertracker.json.Json.write(s);
    }
}
