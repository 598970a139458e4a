package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertracker.local.emulators.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Every DynamoDB stream mapping in template.yaml, by function and event name: its filter patterns. */
    private static Map<String, List<FilterPattern>> streamConsumers() {
        Map<String, List<FilterPattern>> out = new LinkedHashMap<>();
        SamTemplate.load(SamTemplate.locate()).resourcesOfType("AWS::Serverless::Function").forEach((name, fn) ->
                fn.path("Properties").path("Events").fields().forEachRemaining(e -> {
                    if (e.getValue().path("Type").asText().equals("DynamoDB")) {
                        List<FilterPattern> patterns = new ArrayList<>();
                        e.getValue().path("Properties").path("FilterCriteria").path("Filters")
                                .forEach(f -> patterns.add(FilterPattern.parse(f.path("Pattern").asText())));
                        out.put(name + "." + e.getKey(), patterns);
                    }
                }));
        return out;
    }

    /**
     * The merchant statistics still take every shipment record: with schedule-only records dropped,
     * AnalyticsEndToEndIT found two DELAYED facts more on redelivering the whole stream than were counted live
     * (docs/performance.md). Until that is understood it keeps its old filter; the others must drop them.
     */
    private static final String STILL_SEES_SCHEDULE_ONLY_WRITES = "MerchantStatsFunction.TableStream";

    private static boolean passes(List<FilterPattern> patterns, String record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(EventCodec.parse(record)));
    }

    /**
     * Issue #18: a write that only moved a shipment's polling schedule (a planner lease, a poll that learned nothing)
     * carries {@code scheduleOnly} and must reach no stream consumer but the merchant statistics (see
     * {@link #STILL_SEES_SCHEDULE_ONLY_WRITES}); the same shipment written without it (what every other writer
     * leaves: ScheduleOnlyWritesIT in functions/storage) must still reach each one that takes shipments. A consumer
     * added without the exclusion fails here.
     */
    @Test
    void noStreamConsumerIsInvokedForAWriteThatOnlyMovedTheSchedule() {
        Map<String, List<FilterPattern>> consumers = streamConsumers();
        assertThat(consumers).containsKeys("ChangeDetectorFunction.TableStream", "LaneStatsFunction.TableStream",
                "WebhookProducerFunction.TableStream", "MerchantStatsFunction.TableStream");
        String scheduleOnly = SHIPMENT.replace("\"version\":{\"N\":\"3\"}",
                "\"version\":{\"N\":\"3\"},\"scheduleOnly\":{\"BOOL\":true}");
        assertThat(scheduleOnly).contains("scheduleOnly");
        consumers.forEach((consumer, patterns) -> {
            if (!consumer.equals(STILL_SEES_SCHEDULE_ONLY_WRITES)) {
                assertThat(passes(patterns, scheduleOnly)).as(consumer + " drops a schedule-only write").isFalse();
            }
        });
        for (String consumer : List.of("ChangeDetectorFunction.TableStream", "LaneStatsFunction.TableStream",
                "WebhookProducerFunction.TableStream", "MerchantStatsFunction.TableStream")) {
            assertThat(passes(consumers.get(consumer), SHIPMENT)).as(consumer + " sees a delivered shipment").isTrue();
        }
    }

    /**
     * The merchant statistics see a shopper's preferences entry only once every email is stopped (unsubscribes,
     * docs/analytics.md): a muted milestone or a send touching the entry of a subscribed shopper reaches no function.
     */
    @Test
    void theMerchantStatisticsSeePreferencesOnlyWhenEveryEmailIsStopped() {
        Map<String, List<FilterPattern>> consumers = streamConsumers();
        String unsubscribed = """
                {"eventName":"MODIFY","dynamodb":{"NewImage":{"pk":{"S":"UNSUB#m1#abc"},"sk":{"S":"PREFERENCES"},
                 "entityType":{"S":"PREFERENCES"},"unsubscribedAll":{"BOOL":true}},
                 "OldImage":{"entityType":{"S":"PREFERENCES"},"unsubscribedAll":{"BOOL":false}}}}""";
        String muted = unsubscribed.replace("\"unsubscribedAll\":{\"BOOL\":true}",
                "\"unsubscribedAll\":{\"BOOL\":false},\"muted\":{\"SS\":[\"DELIVERED\"]}");
        String firstSend = unsubscribed.replace(",\"unsubscribedAll\":{\"BOOL\":true}", "");
        assertThat(muted).isNotEqualTo(unsubscribed);
        assertThat(firstSend).isNotEqualTo(unsubscribed);
        assertThat(passes(consumers.get("MerchantStatsFunction.TableStream"), unsubscribed)).isTrue();
        assertThat(passes(consumers.get("MerchantStatsFunction.TableStream"), muted)).isFalse();
        assertThat(passes(consumers.get("MerchantStatsFunction.TableStream"), firstSend)).isFalse();
    }

    @Test
    void anExistsFalseRuleBelowAMissingKeyMatches() {
        var record = EventCodec.parse(SHIPMENT);
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"scheduleOnly\":{\"BOOL\":[{\"exists\":false}]}}}}")
                .matches(record)).isTrue();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"scheduleOnly\":{\"BOOL\":[true]}}}}")
                .matches(record)).isFalse();
        assertThat(FilterPattern.parse("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"exists\":false}]}}}}")
                .matches(record)).isFalse();
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
