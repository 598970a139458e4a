package io.ordertracker.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks real responses against docs/openapi.yaml (OpenAPI 3.1, whose schemas are JSON Schema 2020-12): one checker for
 * every merchant API's tests (orders, webhooks, analytics).
 */
public final class OpenApiContract {
    private final JsonNode spec;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    public OpenApiContract(Path file) {
        try {
            this.spec = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertConforms(String routeKey, int status, String contentType, JsonNode body) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode operation = spec.path("paths").path(parts[1]).path(parts[0].toLowerCase());
        assertThat(operation.isMissingNode()).as("route %s is documented", routeKey).isFalse();
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        assertThat(response.isMissingNode()).as("%s documents status %s", routeKey, status).isFalse();
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        if (!response.has("content")) {
            assertThat(body).as("%s %s is documented without a body", routeKey, status).isNull();
            assertThat(contentType).as("%s %s has no body, so no Content-Type", routeKey, status).isNull();
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode schemaRef = response.path("content").path(mediaType).path("schema");
        assertThat(schemaRef.isMissingNode()).as("%s %s documents media type %s", routeKey, status, mediaType).isFalse();

        ObjectNode schemaNode = spec.deepCopy();
        schemaNode.retain("components");
        schemaNode.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schemaNode.setAll((ObjectNode) schemaRef);
        JsonSchema schema = factory.getSchema(schemaNode);
        Set<ValidationMessage> errors = schema.validate(body);
        assertThat(errors).as("%s %s body conforms to docs/openapi.yaml: %s", routeKey, status, body).isEmpty();
    }

    private JsonNode resolve(String ref) {
        JsonNode node = spec;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }
}
