package io.ordertracker.functions.ordersapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.local.emulators.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published contracts list exactly the values the code can send: a reason, status or carrier added to the domain
 * must be added to docs/openapi.yaml and to the webhook payload schemas (docs/webhooks/*.schema.json) in the same
 * change, or a client validating against them rejects a real response.
 */
class ContractEnumsTest {
    private static final Path ROOT = SamTemplate.locate().getParent();

    @Test
    void theOpenApiSchemasListEveryReasonStatusAndCarrier() throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/openapi.yaml").toFile())
                .path("components").path("schemas");
        assertThat(values(schemas.path("Reason").path("enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ExceptionReason.values()).filter(r -> r != ExceptionReason.NONE).map(Enum::name).toList());
        assertThat(values(schemas.path("Status").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ShipmentStatus.values()).map(Enum::name).toList());
        assertThat(values(schemas.path("Carrier").path("enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Carrier.values()).map(Carrier::code).toList());
    }

    @Test
    void everyReasonListInTheWebhookSchemasHoldsEveryReason() throws IOException {
        List<String> reasons = Arrays.stream(ExceptionReason.values()).map(Enum::name).toList();
        List<Path> schemas;
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/webhooks"))) {
            schemas = files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList();
        }
        assertThat(schemas).as("webhook payload schemas").isNotEmpty();
        int reasonLists = 0;
        for (Path schema : schemas) {
            for (JsonNode list : reasonEnums(new ObjectMapper().readTree(schema.toFile()))) {
                reasonLists++;
                assertThat(values(list)).as(schema.getFileName() + " reason list")
                        .containsAll(reasons.stream().filter(r -> !r.equals("NONE")).toList());
            }
        }
        assertThat(reasonLists).as("reason lists found in the webhook schemas").isPositive();
    }

    /** Every enum that lists a reason (any list holding RECIPIENT_UNAVAILABLE). */
    private static List<JsonNode> reasonEnums(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isObject()) {
            JsonNode e = node.get("enum");
            if (e != null && values(e).contains(ExceptionReason.RECIPIENT_UNAVAILABLE.name())) {
                out.add(e);
            }
            node.forEach(child -> out.addAll(reasonEnums(child)));
        } else if (node.isArray()) {
            node.forEach(child -> out.addAll(reasonEnums(child)));
        }
        return out;
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
