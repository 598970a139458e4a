package io.ordertracker.functions.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.domain.merchants.MerchantAdmin;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import io.ordertracker.storage.DynamoDbMerchantStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class MerchantAuthorizerFunctionIT {
    private static DynamoDbLocal dynamo;
    private static MerchantAdmin admin;
    private static MerchantAuthorizerFunction authorizer;
    private static DynamoDbMerchantStore store;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
        DynamoDbClient client = dynamo.client();
        new LocalResources(SamTemplate.load(SamTemplate.locate())).createTables(client);
        store = new DynamoDbMerchantStore(client, "TrackingTable");
        admin = new MerchantAdmin(store, Clock.systemUTC());
        authorizer = new MerchantAuthorizerFunction(admin);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    private static APIGatewayV2CustomAuthorizerEvent sampleWithKey(String header) throws Exception {
        Path sample = SamTemplate.locate().getParent().resolve("events/MerchantAuthorizerFunction.json");
        APIGatewayV2CustomAuthorizerEvent event = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(sample.toFile(), APIGatewayV2CustomAuthorizerEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (header != null) {
            headers.put("Authorization", header);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void anIssuedKeyResolvesToItsMerchantAndOnlyItsHashIsStored() throws Exception {
        String merchantId = admin.createMerchant("Acme").merchantId();
        MerchantAdmin.IssuedKey key = admin.issueKey(merchantId);
        Map<String, Object> decision = authorizer.handleRequest(sampleWithKey("Bearer " + key.secret()), null);
        assertThat(decision).containsEntry("isAuthorized", true);
        assertThat(decision.get("context")).isEqualTo(Map.of("merchantId", merchantId));
        assertThat(store.listKeys(merchantId)).singleElement().satisfies(k -> {
            assertThat(k.keyHash()).isEqualTo(MerchantAdmin.hashKey(key.secret())).isNotEqualTo(key.secret());
            assertThat(k.active()).isTrue();
        });
    }

    @Test
    void bearerSchemeIsCaseInsensitiveButTheKeyIsNot() throws Exception {
        String merchantId = admin.createMerchant("Case").merchantId();
        MerchantAdmin.IssuedKey key = admin.issueKey(merchantId);
        assertThat(authorizer.handleRequest(sampleWithKey("bearer " + key.secret()), null)).containsEntry("isAuthorized", true);
        assertThat(authorizer.handleRequest(sampleWithKey("Bearer " + key.secret().toUpperCase()), null))
                .containsEntry("isAuthorized", false);
    }

    @Test
    void missingMalformedUnknownAndRevokedKeysAreDenied() throws Exception {
        String merchantId = admin.createMerchant("Deny").merchantId();
        MerchantAdmin.IssuedKey key = admin.issueKey(merchantId);
        for (String header : new String[] {null, "", "Bearer", "Basic dXNlcjpwYXNz", key.secret(),
                "Bearer otk_000000000000_unknownunknownunknownunknown", "Bearer " + "x".repeat(5000)}) {
            assertThat(authorizer.handleRequest(sampleWithKey(header), null)).as("header %s", header)
                    .isEqualTo(Map.of("isAuthorized", false));
        }
        assertThat(admin.revokeKey(merchantId, key.keyId())).isTrue();
        assertThat(authorizer.handleRequest(sampleWithKey("Bearer " + key.secret()), null))
                .containsEntry("isAuthorized", false);
        assertThat(admin.revokeKey("m_other", key.keyId())).as("another merchant cannot revoke it").isFalse();
    }
}
