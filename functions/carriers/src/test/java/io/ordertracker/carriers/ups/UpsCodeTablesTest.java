package io.ordertracker.carriers.ups;

import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.SpecTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of UPS's own code lists is in our tables; hand-checked rows map as stated here. */
class UpsCodeTablesTest {

    static Stream<SpecTables.Row> statusCodes() {
        return SpecTables.ups("status-description-codes.txt").stream();
    }

    static Stream<SpecTables.Row> activityTypes() {
        return SpecTables.ups("package-activity-types.txt").stream();
    }

    static Stream<SpecTables.Row> manifestAndUpdateCodes() {
        return Stream.concat(SpecTables.ups("manifest-codes.txt").stream(), SpecTables.ups("updates.txt").stream());
    }

    @ParameterizedTest(name = "status code {0}")
    @MethodSource("statusCodes")
    void every_status_code_row_is_mapped(SpecTables.Row row) {
        String apiCode = String.format("%03d", Integer.parseInt(row.code())); // the API sends "011"
        CodeTable.Mapping mapping = UpsResponseParser.STATUS_CODES.find(apiCode).orElseThrow(
                () -> new AssertionError("UPS status code " + row + " missing from ups/status-codes.csv"));
        assertThat(mapping.description()).isEqualTo(row.description());
    }

    @ParameterizedTest(name = "activity type {0}")
    @MethodSource("activityTypes")
    void every_activity_type_row_is_mapped(SpecTables.Row row) {
        assertThat(UpsResponseParser.ACTIVITY_TYPES.find(row.code())).as(row.toString()).isPresent();
    }

    @ParameterizedTest(name = "manifest/update code {0}")
    @MethodSource("manifestAndUpdateCodes")
    void every_manifest_and_update_row_is_mapped(SpecTables.Row row) {
        assertThat(UpsResponseParser.MANIFEST_CODES.find(row.code())).as(row.toString()).isPresent();
    }

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource({
            "000, UNKNOWN, NONE, Status Not Available",
            "003, INFO_RECEIVED, NONE, Shipment Ready for UPS",
            "005, IN_TRANSIT, NONE, On the Way",
            "007, CANCELLED, NONE, Shipment Information Voided",
            "011, DELIVERED, NONE, Delivered",
            "013, EXCEPTION, OTHER, Exception",
            "017, AVAILABLE_FOR_PICKUP, NONE, Held for Customer Pickup",
            "021, OUT_FOR_DELIVERY, NONE, Out for Delivery",
            "022, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE, First Attempt Made",
            "024, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE, Final Attempt Made",
            "032, -, WEATHER, Adverse Weather May Cause Delay",
            "034, RETURNED_TO_SENDER, RETURNED, Returned to Sender",
            "035, RETURNING_TO_SENDER, RETURNING, Returning to Sender",
            "040, AVAILABLE_FOR_PICKUP, NONE, Ready for Customer Pickup",
            "050, EXCEPTION, ADDRESS_ISSUE, Address Information Required",
            "058, EXCEPTION, CUSTOMS_HOLD, Clearance Information Required",
            "059, EXCEPTION, DAMAGED, Damage Reported",
            "062, EXCEPTION, PAYMENT_DUE, Delivery Attempted: Funds Required",
            "064, EXCEPTION, REFUSED, Delivery Refused",
            "068, FAILED, LOST, Sent to Lost and Found",
            "072, OUT_FOR_DELIVERY, NONE, Loaded on Delivery Vehicle",
            "083, EXCEPTION, HELD, Held",
            "085, EXCEPTION, PAYMENT_DUE, Held for COD Payment",
            "126, EXCEPTION, CUSTOMS_HOLD, Pending Government Agency Release",
            "143, DELIVERED, NONE, Delivered to Agent",
            "147, FAILED, OTHER, 'Seized by Law Enforcement, No Longer in UPS possession'",
            "154, -, NONE, Updated Delivery Date",
            "155, -, NONE, Delivery Photo",
            "161, AVAILABLE_FOR_PICKUP, NONE, Delivered to UPS Access Point",
    })
    void hand_checked_status_codes(String code, String status, String reason, String text) {
        CodeTable.Mapping mapping = UpsResponseParser.STATUS_CODES.lookup(code);
        assertThat(mapping.description()).isEqualTo(text);
        assertThat(mapping.informational() ? "-" : mapping.status().name()).isEqualTo(status);
        assertThat(mapping.reason().name()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "type {0}")
    @CsvSource({"D, DELIVERED", "I, IN_TRANSIT", "M, INFO_RECEIVED", "MV, CANCELLED", "X, EXCEPTION", "NA, UNKNOWN"})
    void hand_checked_activity_types(String type, String status) {
        assertThat(UpsResponseParser.ACTIVITY_TYPES.lookup(type).status().name()).isEqualTo(status);
    }

    @ParameterizedTest(name = "code {0}")
    @CsvSource({"MP, INFO_RECEIVED", "DP, INFO_RECEIVED", "VP, CANCELLED"})
    void hand_checked_manifest_codes(String code, String status) {
        assertThat(UpsResponseParser.MANIFEST_CODES.lookup(code).status().name()).isEqualTo(status);
    }
}
