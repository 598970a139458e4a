package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Command-line mistakes are refused with the usage before anything starts. */
class LocalCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void localRefusesUnknownOptionsMissingValuesAndABadClockFactor() {
        assertThat(LocalCommand.run(new String[] {"--bogus"}, print(out), print(err))).isEqualTo(2);
        assertThat(LocalCommand.run(new String[] {"--port"}, print(out), print(err))).isEqualTo(2);
        assertThat(LocalCommand.run(new String[] {"--clock-factor", "0"}, print(out), print(err))).isEqualTo(2);
        assertThat(LocalCommand.run(new String[] {"--port", "eighty"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./tracker local");
        assertThat(out.size()).isZero();
    }

    @Test
    void benchRefusesBadArguments() {
        assertThat(PipelineBench.run(new String[] {"--orders"}, print(out), print(err))).isEqualTo(2);
        assertThat(PipelineBench.run(new String[] {"--orders", "0"}, print(out), print(err))).isEqualTo(2);
        assertThat(PipelineBench.run(new String[] {"--speed", "3"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./tracker bench pipeline");
    }

    @Test
    void theDemoOrderIsWhatTheOrdersApiAccepts() {
        var order = EventCodec.parse(DemoOrders.orderJson("DEMO-1", "ups", "1Z8V4E270300044113"));
        assertThat(order.path("orderNumber").asText()).isEqualTo("DEMO-1");
        assertThat(order.path("shipments").get(0).path("carrier").asText()).isEqualTo("ups");
        assertThat(order.path("customer").path("email").asText()).isEqualTo("ada+demo-1@example.com");
    }

    @Test
    void aLogicalIdNamesItsModuleAsTheMakefileDoes() {
        assertThat(LocalFunction.moduleName("OrdersApiFunction")).isEqualTo("orders-api");
        assertThat(LocalFunction.moduleName("SmsSenderFunction")).isEqualTo("sms-sender");
        assertThat(LocalFunction.moduleName("CarrierPushFunction")).isEqualTo("carrier-push");
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
