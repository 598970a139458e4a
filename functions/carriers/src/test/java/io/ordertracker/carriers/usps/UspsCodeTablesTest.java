package io.ordertracker.carriers.usps;

import io.ordertracker.carriers.CodeTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * carrier-specs holds no USPS code list (the v3 OpenAPI points at Pub 199 Appendix G-4), so every row of our table
 * is restated here, independently, from Pub 199.
 */
class UspsCodeTablesTest {

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource({
            "01, DELIVERED, NONE, Delivered",
            "02, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE, Attempted / Notice Left",
            "03, IN_TRANSIT, NONE, Accept or Pickup",
            "04, EXCEPTION, REFUSED, Refused",
            "05, EXCEPTION, ADDRESS_ISSUE, Undeliverable as Addressed",
            "06, IN_TRANSIT, NONE, Forwarded",
            "07, IN_TRANSIT, NONE, Arrival at Unit",
            "08, -, CARRIER_DELAY, Missent",
            "09, RETURNING_TO_SENDER, RETURNING, Return to Sender",
            "10, IN_TRANSIT, NONE, Processed",
            "11, FAILED, OTHER, Dead Letter",
            "14, IN_TRANSIT, NONE, Arrival at Pickup Point",
            "15, -, CARRIER_DELAY, Mis-shipped",
            "16, AVAILABLE_FOR_PICKUP, NONE, Available for Pickup",
            "17, DELIVERED, NONE, Picked Up By Agent",
            "19, IN_TRANSIT, NONE, DC eVS Arrive",
            "21, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: No Such Number'",
            "22, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: Insufficient Address'",
            "23, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: Moved, Left No Address'",
            "24, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: Forward Expired'",
            "25, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: Addressee Unknown'",
            "26, RETURNING_TO_SENDER, ADDRESS_ISSUE, 'Return to Sender: Vacant'",
            "27, RETURNING_TO_SENDER, RETURNING, 'Return to Sender: Unclaimed'",
            "28, RETURNING_TO_SENDER, OTHER, 'Return to Sender: Deceased'",
            "29, RETURNING_TO_SENDER, RETURNING, 'Return to Sender: Other'",
            "30, DELIVERY_ATTEMPTED, NO_ACCESS, Delivery Attempted - No Access to Delivery Location",
            "31, RETURNING_TO_SENDER, RETURNING, 'Return to Sender: Not Picked Up'",
            "41, IN_TRANSIT, NONE, Received at Opening Unit",
            "42, IN_TRANSIT, NONE, USPS Handoff to Shipping Partner",
            "43, DELIVERED, NONE, Picked Up",
            "44, RETURNING_TO_SENDER, RETURNING, Customer Recall",
            "51, DELIVERY_ATTEMPTED, BUSINESS_CLOSED, Business Closed",
            "52, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE, Notice Left",
            "53, DELIVERY_ATTEMPTED, NO_ACCESS, Receptacle Blocked",
            "54, DELIVERY_ATTEMPTED, NO_SAFE_PLACE, Receptacle Full / Item Oversized",
            "55, DELIVERY_ATTEMPTED, NO_SAFE_PLACE, No Secure Location Available",
            "56, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE, No Authorized Recipient Available",
            "71, -, CARRIER_DELAY, Rescheduled to Next Delivery Day",
            "80, IN_TRANSIT, NONE, Picked Up by Shipping Partner",
            "81, IN_TRANSIT, NONE, Arrived Shipping Partner Facility",
            "82, IN_TRANSIT, NONE, Departed Shipping Partner Facility",
            "DX, -, NONE, Delivery Status Not Updated",
            "EF, IN_TRANSIT, NONE, Departed Sort Facility",
            "MA, INFO_RECEIVED, NONE, Manifest Acknowledgement (Shipping Label Created)",
            "OF, OUT_FOR_DELIVERY, NONE, Out for Delivery",
            "PA, IN_TRANSIT, NONE, Passive Acceptance (Shipment Acceptance)",
            "PC, IN_TRANSIT, NONE, Sorting / Processing Complete",
            "SF, IN_TRANSIT, NONE, Departed Post Office",
            "TM, IN_TRANSIT, NONE, Truck Manifest (Shipment Acceptance)",
    })
    void every_row(String code, String status, String reason, String description) {
        CodeTable.Mapping m = UspsResponseParser.EVENT_CODES.find(code).orElseThrow();
        assertThat(m.informational() ? "-" : m.status().name()).isEqualTo(status);
        assertThat(m.reason().name()).isEqualTo(reason);
        assertThat(m.description()).isEqualTo(description);
    }

    @Test
    void the_table_has_no_row_this_test_does_not_state() {
        assertThat(UspsResponseParser.EVENT_CODES.rows()).hasSize(49);
    }

    @Test
    void delivered_is_the_two_character_code_01_and_1_is_not_a_code() {
        // karrio's table never matches "01"; codes are strings, compared as sent
        assertThat(UspsResponseParser.EVENT_CODES.lookup("01").status().name()).isEqualTo("DELIVERED");
        assertThat(UspsResponseParser.EVENT_CODES.lookup("1")).isEqualTo(CodeTable.UNMAPPED);
    }
}
