package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterPatternTest {
    private static final String SHIPMENT = """
            {"eventName":"MODIFY","dynamodb":{"NewImage":{"entityType":{"S":"SHIPMENT"},"status":{"S":"DELIVERED"},
             "version":{"N":"3"},"tags":{"L":[{"S":"a"},{"S":"b"}]}},"OldImage":{"status":{"S":"IN_TRANSIT"}}}}""";

    @Test
    void theTemplatesPatternKeepsOrdersAndShipmentsOnly() {
        FilterPattern p = FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"entityType\":{\"S\":[\"ORDER\",\"SHIPMENT\"]}}}}");
        assertThat(p.matches(EventCodec.parse(SHIPMENT))).isTrue();
        assertThat(p.matches(EventCodec.parse(SHIPMENT.replace("SHIPMENT", "NOTIFICATION")))).isFalse();
        assertThat(p.matches(EventCodec.parse("{\"eventName\":\"REMOVE\",\"dynamodb\":{\"OldImage\":{}}}"))).isFalse();
    }

    @Test
    void operators() {
        var record = EventCodec.parse(SHIPMENT);
        assertThat(FilterPattern.parse("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"eventName\":[{\"anything-but\":\"MODIFY\"}]}").matches(record)).isFalse();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"prefix\":\"DELIV\"}]}}}}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"suffix\":\"RED\"}]}}}}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"eventName\":[{\"equals-ignore-case\":\"modify\"}]}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"OldImage\":{\"status\":[{\"exists\":true}]}}}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"OldImage\":{\"reason\":[{\"exists\":false}]}}}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"OldImage\":{\"status\":[{\"exists\":false}]}}}").matches(record)).isFalse();
        // an array in the record matches when any element does
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"L\":{\"S\":[\"b\"]}}}}}").matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"L\":{\"S\":[\"c\"]}}}}}").matches(record)).isFalse();
        assertThat(FilterPattern.parse("{\"n\":[{\"numeric\":[\">\",0,\"<=\",5]}]}").matches(EventCodec.parse("{\"n\":5}"))).isTrue();
        assertThat(FilterPattern.parse("{\"n\":[{\"numeric\":[\">\",5]}]}").matches(EventCodec.parse("{\"n\":5}"))).isFalse();
        assertThat(FilterPattern.parse("{\"n\":[null]}").matches(EventCodec.parse("{\"n\":null}"))).isTrue();
    }

    @Test
    void aRuleItCannotEvaluateIsAnErrorNotASilentMatch() {
        assertThatThrownBy(() -> FilterPattern.parse("{\"a\":[{\"wildcard\":\"x*\"}]}").matches(EventCodec.parse("{\"a\":\"xy\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
