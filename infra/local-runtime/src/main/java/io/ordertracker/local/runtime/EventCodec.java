package io.ordertracker.local.runtime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the JSON Lambda would deliver into the handler's input type and the handler's result back into JSON, the
 * way the Java runtime does: the aws-lambda-java-events classes through Lambda's own serializers (they carry the
 * field-name quirks of each event, e.g. DynamoDB's {@code "S"}/{@code "N"}), anything else through Jackson.
 */
final class EventCodec {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final Map<Class<?>, PojoSerializer<Object>> SERIALIZERS = new ConcurrentHashMap<>();

    private EventCodec() {
    }

    static Object decode(JsonNode event, Type type) {
        Class<?> raw = rawClass(type);
        try {
            if (raw == JsonNode.class || raw == Object.class && event.isObject()) {
                return raw == JsonNode.class ? event : MAPPER.convertValue(event, Map.class);
            }
            if (raw == String.class) {
                return event.isTextual() ? event.asText() : MAPPER.writeValueAsString(event);
            }
            if (raw == InputStream.class) {
                return new java.io.ByteArrayInputStream(MAPPER.writeValueAsBytes(event));
            }
            PojoSerializer<Object> lambda = lambdaSerializer(raw);
            if (lambda != null) {
                return lambda.fromJson(MAPPER.writeValueAsString(event));
            }
            return MAPPER.convertValue(event, MAPPER.getTypeFactory().constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode encode(Object result) {
        if (result == null) {
            return NullNode.getInstance();
        }
        try {
            if (result instanceof JsonNode node) {
                return node;
            }
            if (result instanceof String s) {
                return MAPPER.getNodeFactory().textNode(s);
            }
            PojoSerializer<Object> lambda = lambdaSerializer(result.getClass());
            if (lambda != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                lambda.toJson(result, out);
                return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
            }
            return MAPPER.valueToTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> lambdaSerializer(Class<?> type) {
        if (!LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return null;
        }
        return SERIALIZERS.computeIfAbsent(type,
                t -> (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(t, t.getClassLoader()));
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
