package io.ordertracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.cli.CliRun.Run;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** ./tracker merchant ... against DynamoDB Local, through the same argument parsing people use. */
class MerchantCommandIT {
    private static final DynamoDbLocal dynamo = CliRun.table();

    private Run tracker(String... args) {
        return CliRun.againstTable(args);
    }

    @Test
    void settingsAreReadAndReplacedThroughTheSameValidationAsTheApi(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        String merchantId = json.readTree(tracker("merchant", "create", "Northwind").out()).path("merchantId").asText();
        Run got = tracker("merchant", "settings", "get", merchantId);
        assertThat(got.exit()).isZero();
        assertThat(json.readTree(got.out()).path("version").asLong()).isZero();
        assertThat(json.readTree(got.out()).path("settings").path("displayName").asText()).isEqualTo("Northwind");

        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{\"displayName\":\"N\",\"logoUrl\":\"javascript:alert(1)\",\"primaryColor\":\"red\"}");
        Run refused = tracker("merchant", "settings", "set", merchantId, bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("logoUrl: must be an absolute https:// URL").contains("primaryColor:");

        java.nio.file.Path good = dir.resolve("good.json");
        java.nio.file.Files.writeString(good, "{\"displayName\":\"Northwind Coffee\",\"quietHours\":\"22:00-07:00\"}");
        Run set = tracker("merchant", "settings", "set", merchantId, good.toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(json.readTree(set.out()).path("version").asLong()).isEqualTo(1);
        var stored = new DynamoDbMerchantStore(dynamo.client(), "TrackingTable").findMerchant(merchantId).orElseThrow().settings();
        assertThat(stored.displayName()).isEqualTo("Northwind Coffee");
        assertThat(stored.quietHours()).isEqualTo("22:00-07:00");
        assertThat(tracker("merchant", "settings", "get", "m_nobody").exit()).isEqualTo(1);
    }

    @Test
    void createsAMerchantIssuesListsAndRevokesKeys() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run created = tracker("merchant", "create", "Acme \"Mugs\"");
        assertThat(created.exit()).isZero();
        JsonNode merchant = json.readTree(created.out());
        assertThat(merchant.path("name").asText()).isEqualTo("Acme \"Mugs\"");
        String merchantId = merchant.path("merchantId").asText();

        Run issued = tracker("merchant", "key", "issue", merchantId);
        assertThat(issued.exit()).isZero();
        assertThat(issued.err()).contains("shown once");
        JsonNode key = json.readTree(issued.out());
        String secret = key.path("apiKey").asText();
        assertThat(secret).startsWith("otk_" + key.path("keyId").asText() + "_").hasSizeGreaterThan(40);

        MerchantAdmin admin = new MerchantAdmin(new DynamoDbMerchantStore(dynamo.client(), "TrackingTable"), Clock.systemUTC());
        assertThat(admin.authenticate(secret)).contains(merchantId);

        Run listed = tracker("merchant", "key", "list", merchantId);
        assertThat(listed.out()).contains(key.path("keyId").asText()).doesNotContain(secret);

        Run revoked = tracker("merchant", "key", "revoke", merchantId, key.path("keyId").asText());
        assertThat(revoked.exit()).isZero();
        assertThat(admin.authenticate(secret)).isEmpty();
        assertThat(tracker("merchant", "key", "revoke", merchantId, "nosuchkey").exit()).isEqualTo(1);
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(tracker("merchant", "create", " ").exit()).isEqualTo(1);
        assertThat(tracker("merchant", "key", "issue", "m_does_not_exist").exit()).isEqualTo(1);
        assertThat(tracker("merchant", "frobnicate").exit()).isEqualTo(2);
        assertThat(TrackerCli.run(new String[] {"nonsense"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}
