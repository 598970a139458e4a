package io.ordertracker.carriers.fedex;

import io.ordertracker.carriers.CodeTable;
import io.ordertracker.carriers.SpecTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every FedEx tracking status code in FedEx's list is in our table; hand-checked rows map as stated here. */
class FedexCodeTablesTest {

    static Stream<SpecTables.Row> statusCodes() {
        return SpecTables.fedexStatusCodes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCodes")
    void every_status_code_row_is_mapped(SpecTables.Row row) {
        assertThat(FedexResponseParser.STATUS_CODES.find(row.code())).as(row.toString()).isPresent();
    }

    @Test
    void the_list_has_the_codes_we_expect_to_read_from_it() {
        assertThat(statusCodes().map(SpecTables.Row::code)).contains("DL", "OD", "DE", "HP", "Ow", "PD");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "OC, INFO_RECEIVED, NONE", "PU, IN_TRANSIT, NONE", "AR, IN_TRANSIT, NONE", "DP, IN_TRANSIT, NONE",
            "IT, IN_TRANSIT, NONE", "OD, OUT_FOR_DELIVERY, NONE", "DL, DELIVERED, NONE", "DE, EXCEPTION, OTHER",
            "SE, EXCEPTION, OTHER", "CD, -, CUSTOMS_CLEARANCE", "DY, -, CARRIER_DELAY", "DD, -, CARRIER_DELAY",
            "HL, AVAILABLE_FOR_PICKUP, NONE", "HP, AVAILABLE_FOR_PICKUP, NONE", "RS, RETURNING_TO_SENDER, RETURNING",
            "CA, CANCELLED, NONE", "CC, IN_TRANSIT, NONE", "ow, IN_TRANSIT, NONE", "AO, -, NONE", "RR, -, NONE",
    })
    void hand_checked_codes(String code, String status, String reason) {
        CodeTable.Mapping m = FedexResponseParser.STATUS_CODES.lookup(code);
        assertThat(m.informational() ? "-" : m.status().name()).isEqualTo(status);
        assertThat(m.reason().name()).isEqualTo(reason);
    }

    @Test
    void a_code_fedex_never_listed_is_unknown_not_in_transit() {
        assertThat(FedexResponseParser.STATUS_CODES.lookup("ZZ")).isEqualTo(CodeTable.UNMAPPED);
    }
}
