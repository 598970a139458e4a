package io.ordertracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertracker.cli.CliRun.Run;
import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.Customer;
import io.ordertracker.domain.Order;
import io.ordertracker.domain.Shipment;
import io.ordertracker.domain.orders.TrackingTokens;
import io.ordertracker.local.emulators.DynamoDbLocal;
import io.ordertracker.storage.DynamoDbOrderStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ./tracker erase ... against DynamoDB Local, through the same argument parsing people use. */
class EraseCommandIT {
    private static final DynamoDbLocal dynamo = CliRun.table();

    private Run tracker(String... args) {
        return CliRun.againstTable(args);
    }

    @Test
    void erasesAnOrderOnceAndSaysSoThenFindsNothing() throws Exception {
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo.client(), "TrackingTable");
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        orders.create(new Order("m_cli", "CLI-1", new Customer("Ada", "ada@example.com", null, "UTC", "en"), List.of(),
                null, now, "h"), List.of(Shipment.newShipment("m_cli", "CLI-1", "shp_cli1", Carrier.UPS,
                "1Z5R89390357567127", new TrackingTokens().get(), now)), null);

        Run erased = tracker("erase", "--order", "CLI-1", "--merchant", "m_cli");
        assertThat(erased.exit()).as(erased.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(erased.out());
        assertThat(report.path("orderNumber").asText()).isEqualTo("CLI-1");
        assertThat(report.path("shipments").asInt()).isEqualTo(1);
        assertThat(erased.err()).contains("35 days");
        assertThat(orders.findOrder("m_cli", "CLI-1")).isEmpty();
        assertThat(orders.findShipments("m_cli", "CLI-1")).isEmpty();

        Run again = tracker("erase", "--order", "CLI-1", "--merchant", "m_cli");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no order CLI-1 for merchant m_cli");
        assertThat(tracker("erase", "--order", "CLI-1").exit()).as("no merchant named").isEqualTo(2);
    }
}
