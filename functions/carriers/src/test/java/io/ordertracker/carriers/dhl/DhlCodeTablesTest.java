package io.ordertracker.carriers.dhl;

import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.SpecTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every (product, code) row of DHL's list is in our table; hand-checked rows map as stated here. */
class DhlCodeTablesTest {

    static Stream<SpecTables.Row> statusCodes() {
        return SpecTables.dhlStatusCodes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCodes")
    void every_status_code_row_is_mapped(SpecTables.Row row) {
        assertThat(DhlResponseParser.PRODUCT_CODES.find(row.scope(), row.code())).as(row.toString()).isPresent();
    }

    @Test
    void the_list_covers_every_dhl_product() {
        assertThat(statusCodes().map(SpecTables.Row::scope).distinct()).containsExactlyInAnyOrder(
                "dgf", "ecommerce", "ecommerce-europe", "ecommerce-ppl", "express", "freight", "parcel-de",
                "parcel-nl", "parcel-pl", "svb");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "express, OK, DELIVERED, NONE", "express, PU, IN_TRANSIT, NONE", "express, WC, OUT_FOR_DELIVERY, NONE",
            "express, NH, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE", "express, BA, EXCEPTION, ADDRESS_ISSUE",
            "express, CD, EXCEPTION, CUSTOMS_HOLD", "express, CC, AVAILABLE_FOR_PICKUP, NONE",
            "express, RT, RETURNED_TO_SENDER, RETURNED", "express, RD, EXCEPTION, REFUSED",
            "express, HP, EXCEPTION, PAYMENT_DUE", "express, DS, FAILED, OTHER", "express, AD, -, NONE",
            "parcel-de, ZU, DELIVERED, NONE", "parcel-de, ZN, DELIVERY_ATTEMPTED, RECIPIENT_UNAVAILABLE",
            "parcel-de, PO, OUT_FOR_DELIVERY, NONE", "parcel-de, ZF, AVAILABLE_FOR_PICKUP, NONE",
            "parcel-de, VA, INFO_RECEIVED, NONE",
            "ecommerce, 600, DELIVERED, NONE", "ecommerce, 101, CANCELLED, NONE",
            "ecommerce, 690, FAILED, LOST", "ecommerce, 800, RETURNING_TO_SENDER, RETURNING",
            "ecommerce-ppl, 997, FAILED, LOST", "freight, 24-501, OUT_FOR_DELIVERY, NONE",
            "svb, DELIVERED, DELIVERED, NONE", "svb, RETURNED_TO_SENDER, RETURNED_TO_SENDER, RETURNED",
            "svb, NO_INFO, -, NONE", "parcel-nl, DELIVERED_AT_SHIPPER, RETURNED_TO_SENDER, RETURNED",
            "dgf, HELD_AT_CUSTOMS, EXCEPTION, CUSTOMS_HOLD",
    })
    void hand_checked_codes(String service, String code, String status, String reason) {
        CodeTable.Mapping m = DhlResponseParser.PRODUCT_CODES.lookup(service, code);
        assertThat(m.informational() ? "-" : m.status().name()).isEqualTo(status);
        assertThat(m.reason().name()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pre-transit, INFO_RECEIVED", "transit, IN_TRANSIT", "delivered, DELIVERED", "failure, EXCEPTION",
            "unknown, UNKNOWN"})
    void every_unified_status_code_is_mapped(String code, String status) {
        assertThat(DhlResponseParser.UNIFIED_STATUS_CODES.get(code.toUpperCase()).status().name()).isEqualTo(status);
    }
}
