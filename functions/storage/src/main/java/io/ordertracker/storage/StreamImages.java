package io.ordertracker.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a stream record's image (the Lambda events library's attribute values) into SDK attribute values, so the
 * storage mappers ({@code ShipmentItems.fromItem}) read stream images exactly as they read table items.
 */
public final class StreamImages {
    private StreamImages() {
    }

    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, toSdk(v)));
        return out;
    }

    static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getNULL() != null) {
            return AttributeValue.fromNul(v.getNULL());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (v.getL() != null) {
            List<AttributeValue> list = v.getL().stream().map(StreamImages::toSdk).toList();
            return AttributeValue.fromL(list);
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(toSdk(v.getM()));
        }
        return AttributeValue.fromNul(true);
    }

    /** The reverse, for tests and the local runtime that build Lambda events from the real stream API. */
    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> fromSdk(
            Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, fromSdk(v)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue fromSdk(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case L -> out.setL(v.l().stream().map(StreamImages::fromSdk).toList());
            case M -> out.setM(fromSdk(v.m()));
            default -> out.setNULL(true);
        }
        return out;
    }
}
