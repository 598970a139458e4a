package io.ordertracker.carriers;

import io.ordertracker.carriers.dhl.DhlResponseParser;
import io.ordertracker.carriers.fedex.FedexResponseParser;
import io.ordertracker.carriers.ups.UpsResponseParser;
import io.ordertracker.carriers.usps.UspsResponseParser;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.ShipmentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every row of every code table and error table: each row's class agrees with its status and reason, the
 * carrier's own words do not contradict the class, and docs/carriers.md lists exactly these rows.
 */
class CarrierTaxonomyTest {

    static final Path DOC = Path.of("../../docs/carriers.md");

    /** A row of one code table, with the table it came from. */
    record Row(String table, String key, CodeTable.Mapping mapping) {
        @Override
        public String toString() {
            return table + " " + key + " " + mapping.kind() + " " + mapping.status() + " " + mapping.reason() + " \""
                    + mapping.description() + "\"";
        }

        String text() {
            return mapping.description() == null ? "" : mapping.description().toUpperCase(Locale.ROOT);
        }
    }

    static final Map<String, CodeTable> TABLES = Map.of(
            "ups/status-codes.csv", UpsResponseParser.STATUS_CODES,
            "ups/activity-types.csv", UpsResponseParser.ACTIVITY_TYPES,
            "ups/manifest-and-update-codes.csv", UpsResponseParser.MANIFEST_CODES,
            "fedex/status-codes.csv", FedexResponseParser.STATUS_CODES,
            "fedex/exception-codes.csv", FedexResponseParser.EXCEPTION_CODES,
            "fedex/delay-types.csv", FedexResponseParser.DELAY_TYPES,
            "usps/event-codes.csv", UspsResponseParser.EVENT_CODES,
            "dhl/status-codes.csv", DhlResponseParser.PRODUCT_CODES);

    static final Map<String, ErrorCodes> ERRORS = Map.of(
            "ups", UpsResponseParser.ERRORS, "fedex", FedexResponseParser.ERRORS,
            "usps", UspsResponseParser.ERRORS, "dhl", DhlResponseParser.ERRORS);

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        TABLES.forEach((table, codes) -> codes.rows().forEach((key, m) -> rows.add(new Row(table, key, m))));
        return rows.stream();
    }

    @Test
    void the_walk_covers_every_table_and_every_class() {
        assertThat(rows().count()).isGreaterThan(1300);
        Set<CodeClass> seen = EnumSet.noneOf(CodeClass.class);
        rows().forEach(r -> seen.add(r.mapping().kind()));
        assertThat(seen).containsAll(EnumSet.complementOf(EnumSet.noneOf(CodeClass.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void class_agrees_with_status_and_reason(Row row) {
        CodeTable.Mapping m = row.mapping();
        assertThat(m.kind().agrees(m.status(), m.reason())).as(row.toString()).isTrue();
        assertThat(CodeClass.of(m.status(), m.reason())).as(row.toString()).isEqualTo(m.kind());
        // the three families never leak: attempt reasons only on attempts, delay reasons only on delays
        assertThat(m.reason().isAttempt()).as(row.toString()).isEqualTo(m.kind() == CodeClass.ATTEMPT);
        assertThat(m.reason().isDelay()).as(row.toString()).isEqualTo(m.kind() == CodeClass.DELAY);
    }

    /** Words that say somebody has to act, so an attempt or a delay may still be an exception. */
    static final Pattern ACTION = Pattern.compile(
            "REQUIRED|REFUS|FUNDS|PAYMENT|ADDRESS|DAMAGE|RETURN|HELD|HOLD|\\bCONTROLLABLE|CUSTOMS|CLEARANCE|LOST"
                    + "|MISSING|DESTROY|DISPOS|SEIZED|PROHIBITED|INVESTIGATION|CLAIM|UNABLE|EXCEPTION|STOPPED");
    /** Words of a pickup from the sender, a return leg or a request: an "attempt" there is no failed delivery. */
    static final Pattern NOT_A_DELIVERY = Pattern.compile(
            "PICK ?-?UP|COLLECTION|RETURN|REQUEST|SUCCESSFUL\\b(?<!UNSUCCESSFUL)|OUT FOR|NEW DELIVERY ATTEMPT|RE-?DELIVERY"
                    + "|NEXT DELIVERY DAY|NOT ATTEMPTED|ATTEMPT WILL|REDIRECT|FORWARD|NOTIFICATION|ADDITIONAL ATTEMPT|INTERVENTION");

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void a_failed_attempt_is_never_an_exception_unless_it_says_why_someone_must_act(Row row) {
        String t = row.text();
        if (t.matches(".*\\bATTEMPT.*") && !NOT_A_DELIVERY.matcher(t).find()) {
            assertThat(row.mapping().kind()).as(row.toString())
                    .isIn(ACTION.matcher(t).find() ? EnumSet.allOf(CodeClass.class)
                            : EnumSet.of(CodeClass.ATTEMPT, CodeClass.NOTICE, CodeClass.MOVEMENT, CodeClass.PICKUP));
        }
        if (t.matches(".*(NOT HOME|CLOSED ON ARRIVAL|NO ACCESS|NO SECURE LOCATION|CUSTOMER NOT AVAILABLE"
                + "|RECIPIENT IS NOT PRESENT|WE MISSED EACH OTHER).*") && !NOT_A_DELIVERY.matcher(t).find()) {
            assertThat(row.mapping().kind()).as(row.toString()).isEqualTo(CodeClass.ATTEMPT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void weather_and_delay_are_delays_unless_the_parcel_is_held_or_returned(Row row) {
        String t = row.text();
        if (t.matches(".*(WEATHER|\\bDELAY(ED)?\\b|MIS-?SORT|MISSENT|MISSED DELIVERY CYCLE).*")
                && !t.matches(".*(ARRIVING ON-TIME|SCREENING).*")) {
            if (ACTION.matcher(t).find() || NOT_A_DELIVERY.matcher(t).find()) {
                assertThat(row.mapping().kind()).as(row.toString())
                        .isIn(CodeClass.DELAY, CodeClass.EXCEPTION, CodeClass.RETURN, CodeClass.NOTICE);
            } else {
                assertThat(row.mapping().kind()).as(row.toString()).isEqualTo(CodeClass.DELAY);
            }
        }
        if (row.mapping().kind() == CodeClass.DELAY) {
            assertThat(t).as(row.toString()).doesNotContain("RETURN TO SENDER", "LOST", "DESTROYED");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exceptions_and_failures_are_things_someone_has_to_act_on(Row row) {
        CodeTable.Mapping m = row.mapping();
        if (m.kind() == CodeClass.EXCEPTION) {
            assertThat(m.reason()).as(row.toString()).isNotIn(ExceptionReason.NONE, ExceptionReason.NOT_FOUND);
            assertThat(row.text()).as(row.toString()).doesNotContain("ON THE WAY", "OUT FOR DELIVERY");
        }
        if (m.kind() == CodeClass.DELIVERED) {
            assertThat(row.text()).as(row.toString()).doesNotContain("ATTEMPTED", "NOT DELIVERED", "REFUSED");
        }
    }

    @Test
    void every_description_phrase_rule_is_a_valid_row_of_its_class() {
        List<List<String>> phrases = DescriptionRules.rows();
        assertThat(phrases).hasSizeGreaterThan(10);
        for (List<String> p : phrases) {
            ShipmentStatus status = "-".equals(p.get(3)) ? null : ShipmentStatus.valueOf(p.get(3));
            assertThat(CodeClass.valueOf(p.get(2)).agrees(status, ExceptionReason.valueOf(p.get(4)))).as(p.toString())
                    .isTrue();
        }
    }

    @Test
    void the_generic_rows_are_refined_by_the_carriers_words_within_their_family() {
        CodeTable.Mapping exception = FedexResponseParser.STATUS_CODES.lookup("DE");
        CodeTable.Mapping attempt = DescriptionRules.refine(exception, "Delivery exception - Customer not available");
        assertThat(attempt.status()).isEqualTo(ShipmentStatus.DELIVERY_ATTEMPTED);
        assertThat(attempt.reason()).isEqualTo(ExceptionReason.RECIPIENT_UNAVAILABLE);
        assertThat(DescriptionRules.refine(exception, "Delivery exception - Local weather delay").reason())
                .isEqualTo(ExceptionReason.WEATHER);
        assertThat(DescriptionRules.refine(exception, "Delivery exception").reason()).isEqualTo(ExceptionReason.OTHER);
        // a delay stays a delay, an attempt an attempt, whatever the words
        CodeTable.Mapping delay = FedexResponseParser.STATUS_CODES.lookup("DY");
        assertThat(DescriptionRules.refine(delay, "Package damaged").reason()).isEqualTo(ExceptionReason.CARRIER_DELAY);
        assertThat(DescriptionRules.refine(delay, "Severe weather").reason()).isEqualTo(ExceptionReason.WEATHER);
        CodeTable.Mapping notHome = UspsResponseParser.EVENT_CODES.lookup("02");
        assertThat(DescriptionRules.refine(notHome, "Delivery delayed by weather").reason())
                .isEqualTo(ExceptionReason.RECIPIENT_UNAVAILABLE);
        // a row that is not generic is never touched
        CodeTable.Mapping address = UspsResponseParser.EVENT_CODES.lookup("05");
        assertThat(DescriptionRules.refine(address, "Customer not available")).isSameAs(address);
    }

    // ------------------------------------------------------------------ errors

    @Test
    void every_carrier_classifies_the_five_failures() {
        ERRORS.forEach((carrier, errors) -> {
            assertThat(errors.rows().values()).as(carrier).extracting(ErrorCodes.Row::kind).contains(
                    FailureKind.INVALID, FailureKind.NOT_FOUND, FailureKind.AUTH, FailureKind.RATE_LIMITED,
                    FailureKind.UNAVAILABLE);
            assertThat(errors.rows().values()).as(carrier).extracting(ErrorCodes.Row::kind)
                    .doesNotContain(FailureKind.UNKNOWN);
        });
    }

    @Test
    void every_error_code_in_the_fedex_spec_is_classified() throws IOException {
        String spec = resource("/specs/fedex/track-api-openapi.json");
        Matcher m = Pattern.compile("\"code\":\\s*\"([A-Z.]+)\"").matcher(spec);
        int codes = 0;
        while (m.find()) {
            codes++;
            assertThat(FedexResponseParser.ERRORS.kind(m.group(1))).as(m.group(1)).isPresent();
        }
        assertThat(codes).isGreaterThan(10);
    }

    @Test
    void every_error_status_in_the_usps_spec_is_classified() throws IOException {
        String spec = resource("/specs/usps/tracking-v3-openapi.yaml");
        String tracking = spec.substring(spec.indexOf("/tracking/{trackingNumber}:"),
                spec.indexOf("/tracking/{trackingNumber}/notifications:"));
        Matcher m = Pattern.compile("\n        \"([45]\\d\\d)\":").matcher(tracking);
        int statuses = 0;
        while (m.find()) {
            statuses++;
            assertThat(UspsResponseParser.ERRORS.kind("HTTP " + m.group(1))).as(m.group(1)).isPresent();
        }
        assertThat(statuses).isGreaterThanOrEqualTo(6);
    }

    @Test
    void a_malformed_number_is_invalid_for_every_carrier() {
        assertThat(kind(new UpsResponseParser(), "{\"response\":{\"errors\":[{\"code\":\"151018\",\"message\":\"Invalid tracking number\"}]}}", 400))
                .isEqualTo(FailureKind.INVALID);
        // a warning that is not "not found" is about the number too: malformed, never an outage
        assertThat(kind(new UpsResponseParser(), "{\"trackResponse\":{\"shipment\":[{\"inquiryNumber\":\"1Z\",\"package\":[],"
                + "\"warnings\":[{\"code\":\"TW0002\",\"message\":\"Invalid inquiry number\"}]}]}}", 200))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(new FedexResponseParser(), "{\"output\":{\"completeTrackResults\":[{\"trackingNumber\":\"12\","
                + "\"trackResults\":[{\"error\":{\"code\":\"TRACKING.TRACKINGNUMBER.INVALID\",\"message\":\"Invalid\"}}]}]}}", 200))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(new FedexResponseParser(), "{\"output\":{\"completeTrackResults\":[{\"trackingNumber\":\"12\","
                + "\"trackResults\":[{\"error\":{\"code\":\"TRACKING.TRACKINGNUMBER.FORMAT\",\"message\":\"Bad\"}}]}]}}", 200))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(new UspsResponseParser(), "{\"apiVersion\":\"3\",\"error\":{\"code\":\"400\",\"message\":\"Bad Request\","
                + "\"errors\":[{\"detail\":\"The tracking number 12 is not a valid tracking number.\"}]}}", 400))
                .isEqualTo(FailureKind.INVALID);
        assertThat(kind(new DhlResponseParser(), "{\"title\":\"Bad request\",\"status\":400,\"detail\":\"Invalid value\"}", 400))
                .isEqualTo(FailureKind.INVALID);
    }

    private static FailureKind kind(CarrierResponseParser parser, String body, int status) {
        List<CarrierTrackingResult> results = parser.parse(body, status);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).isInstanceOf(CarrierTrackingResult.Failure.class);
        return ((CarrierTrackingResult.Failure) results.getFirst()).kind();
    }

    // ------------------------------------------------------------------ docs/carriers.md

    @Test
    void the_doc_lists_every_code_table_row_and_nothing_else() throws IOException {
        String doc = Files.readString(DOC);
        for (Map.Entry<String, CodeTable> e : TABLES.entrySet()) {
            List<String> listed = section(doc, "`" + e.getKey() + "`");
            assertThat(listed).as(e.getKey()).hasSize(e.getValue().rows().size());
            List<String> expected = new ArrayList<>();
            e.getValue().rows().forEach((key, m) -> expected.add("| " + String.join(" | ", key.split("\\|")).trim()
                    .replace("|", "|") + " | " + m.kind() + " | " + (m.status() == null ? "-" : m.status()) + " | "
                    + m.reason() + " | " + md(m.description()) + " |"));
            assertThat(normalized(listed)).as(e.getKey()).containsExactlyElementsOf(normalized(expected));
        }
    }

    @Test
    void the_doc_lists_every_error_row_and_every_phrase_rule() throws IOException {
        String doc = Files.readString(DOC);
        for (Map.Entry<String, ErrorCodes> e : ERRORS.entrySet()) {
            List<String> listed = section(doc, "`" + e.getKey() + "/error-codes.csv`");
            List<String> expected = new ArrayList<>();
            e.getValue().rows().forEach((code, row) -> expected.add("| " + md(code) + " | "
                    + row.kind().wireName() + " | " + md(row.description()) + " |"));
            assertThat(listed).as(e.getKey()).containsExactlyElementsOf(expected);
        }
        for (List<String> p : DescriptionRules.rows()) {
            assertThat(doc).as(p.toString()).contains("| `" + md(p.get(0)) + "` |");
        }
    }

    /** The table rows that follow the line naming {@code file} ("`ups/status-codes.csv`, 160 rows."). */
    private static List<String> section(String doc, String file) {
        int at = doc.indexOf("\n" + file + ", ");
        assertThat(at).as(file + " in docs/carriers.md").isPositive();
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : doc.substring(at + 1).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                if (!line.startsWith("|---") && !line.startsWith("| code") && !line.startsWith("| service")) {
                    rows.add(line);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    /** Keys are compared upper-case (CodeTable normalizes them), the rest as written. */
    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(l -> {
            String[] cells = l.split(" \\| ", -1);
            int keys = cells.length - 4;
            for (int i = 0; i < keys; i++) {
                cells[i] = cells[i].toUpperCase(Locale.ROOT);
            }
            return String.join(" | ", cells);
        }).toList();
    }

    private static String md(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CarrierTaxonomyTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
