package io.ordertracker.cli;

import io.ordertracker.domain.merchants.ApiKey;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.domain.merchants.MerchantSettingsService;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.merchants.SettingsDocument;
import io.ordertracker.json.Json;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        try (DynamoDbClient dynamo = CliAws.client(DynamoDbClient.builder(), options)) {
            return run(words, new DynamoDbMerchantStore(dynamo, table), out, err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static int run(List<String> words, DynamoDbMerchantStore store, PrintStream out, PrintStream err) {
        MerchantAdmin admin = new MerchantAdmin(store, Clock.systemUTC());
        String usage = "usage: merchant create NAME | merchant key issue|list MERCHANT_ID | merchant key revoke MERCHANT_ID KEY_ID"
                + " | merchant settings get MERCHANT_ID | merchant settings set MERCHANT_ID FILE.json";
        if (words.size() >= 3 && words.get(0).equals("settings")) {
            return settings(words, new MerchantSettingsService(store), out, err, usage);
        }
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

    /**
     * {@code settings get} prints the document the API's GET gives, with its version; {@code settings set} replaces it
     * through the same validation as PUT /v1/settings, over the version it has just read (ops are the last word).
     */
    private static int settings(List<String> words, MerchantSettingsService settings, PrintStream out, PrintStream err,
                                String usage) {
        String merchantId = words.get(2);
        if (words.get(1).equals("get") && words.size() == 3) {
            return settings.get(merchantId).map(r -> {
                out.println(Json.write(Map.of("version", r.version(), "settings", SettingsDocument.write(r.settings()))));
                return 0;
            }).orElseGet(() -> {
                err.println("no merchant " + merchantId);
                return 1;
            });
        }
        if (!words.get(1).equals("set") || words.size() != 4) {
            err.println(usage);
            return 2;
        }
        Object document;
        try {
            document = Json.read(Files.readString(Path.of(words.get(3))), Object.class);
        } catch (IOException e) {
            err.println("cannot read " + words.get(3) + ": " + e.getMessage());
            return 1;
        }
        long version = settings.get(merchantId).map(MerchantStore.SettingsRevision::version).orElse(0L);
        return switch (settings.replace(merchantId, document, version)) {
            case MerchantSettingsService.Change.Saved saved -> {
                out.println(Json.write(Map.of("version", saved.revision().version(),
                        "settings", SettingsDocument.write(saved.revision().settings()))));
                yield 0;
            }
            case MerchantSettingsService.Change.Invalid invalid -> {
                invalid.problems().forEach(p -> err.println(p.field() + ": " + p.message()));
                yield 1;
            }
            case MerchantSettingsService.Change.VersionConflict c -> {
                err.println("the settings changed while saving (now version " + c.currentVersion() + "); run it again");
                yield 1;
            }
            case MerchantSettingsService.Change.NoSuchMerchant n -> {
                err.println("no merchant " + merchantId);
                yield 1;
            }
        };
    }

    private static String quote(String s) {
        return io.ordertracker.json.Json.write(s);
    }
}
