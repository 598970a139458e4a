package io.ordertracker.carriers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.carriers.Examples;
import io.ordertracker.carriers.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NormalizeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(Json.read(line).orElseThrow(() -> new AssertionError("not JSON: " + line)));
            }
        }
        return nodes;
    }

    private static String file(String name) {
        return Examples.path(name).toString();
    }

    @Test
    void ups_spec_example_and_delivered_body_one_line_each() {
        assertThat(run("--carrier", "ups", file("ups/spec-example.json"), file("ups/delivered.json"))).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode spec = lines.get(0);
        assertThat(spec.get("file").asText()).endsWith("spec-example.json");
        assertThat(spec.get("trackingNumber").asText()).isEqualTo("1Z023E2X0214323462");
        assertThat(spec.get("status").asText()).isEqualTo("INFO_RECEIVED");
        assertThat(spec.get("reason").asText()).isEqualTo("NONE");
        assertThat(spec.at("/estimatedDelivery/date").asText()).isEqualTo("2021-02-12");
        assertThat(spec.at("/events/0/time").asText()).isEqualTo("2021-02-10T07:13:56-05:00");
        assertThat(spec.at("/events/0/code").asText()).isEqualTo("003");
        assertThat(spec.at("/events/0/location").asText()).isEqualTo("Wayne, NJ, US");
        assertThat(spec.at("/events/0/description").asText()).startsWith("Your package was released");
        assertThat(spec.at("/events/0/status").asText()).isEqualTo("INFO_RECEIVED");

        JsonNode delivered = lines.get(1);
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("deliveredAt").asText()).isEqualTo("2026-03-10T14:23-07:00");
        assertThat(delivered.get("estimatedDelivery").isNull()).isTrue();
        assertThat(delivered.get("events")).hasSize(5);
    }

    @Test
    void fedex_batch_prints_a_line_per_tracking_result_including_errors() {
        assertThat(run("--carrier", "fedex", file("fedex/batch-with-not-found.json"), file("fedex/spec-example.json")))
                .isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("status").asText()).isEqualTo("DELIVERY_ATTEMPTED");
        assertThat(lines.get(0).get("reason").asText()).isEqualTo("RECIPIENT_UNAVAILABLE");
        assertThat(lines.get(1).get("trackingNumber").asText()).isEqualTo("794600052099");
        assertThat(lines.get(1).at("/error/kind").asText()).isEqualTo("not_found");
        assertThat(lines.get(2).get("trackingNumber").asText()).isEqualTo("128667043726");
    }

    @Test
    void error_bodies_print_an_error_object_without_a_number_when_the_body_has_none() {
        assertThat(run("--carrier=fedex", file("fedex/unauthorized.json"), file("fedex/server-error.json"))).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).has("trackingNumber")).isFalse();
        assertThat(lines.get(0).at("/error/kind").asText()).isEqualTo("auth");
        assertThat(lines.get(0).at("/error/message").asText()).contains("NOT.AUTHORIZED.ERROR");
        assertThat(lines.get(1).at("/error/kind").asText()).isEqualTo("unavailable");
    }

    @Test
    void usps_and_dhl_examples() {
        assertThat(run("--carrier", "usps", file("usps/delivered.json"), file("usps/not-found.json"),
                file("usps/invalid.json"))).isZero();
        List<JsonNode> usps = lines();
        assertThat(usps.get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(usps.get(0).at("/events/0/code").asText()).isEqualTo("01");
        assertThat(usps.get(1).at("/error/kind").asText()).isEqualTo("not_found");
        assertThat(usps.get(2).at("/error/kind").asText()).isEqualTo("invalid");

        out.reset();
        assertThat(run("--carrier", "dhl", file("dhl/express-delivered.json"), file("dhl/rate-limited.json"),
                file("dhl/unauthorized.json"))).isZero();
        List<JsonNode> dhl = lines();
        assertThat(dhl.get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(dhl.get(0).get("deliveredAt").asText()).isEqualTo("2026-03-10T13:42-10:00");
        assertThat(dhl.get(1).at("/error/kind").asText()).isEqualTo("rate_limited");
        assertThat(dhl.get(2).at("/error/kind").asText()).isEqualTo("auth");
    }

    @Test
    void a_garbage_file_is_an_error_line_but_exit_zero(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.json");
        java.nio.file.Files.writeString(garbage, "<html>502 Bad Gateway</html>");
        assertThat(run("--carrier", "ups", garbage.toString())).isZero();
        assertThat(lines().getFirst().at("/error/kind").asText()).isEqualTo("unavailable");
    }

    @Test
    void a_file_that_cannot_be_read_exits_one_after_the_others_are_printed(@TempDir Path dir) {
        assertThat(run("--carrier", "ups", dir.resolve("missing.json").toString(), file("ups/delivered.json")))
                .isEqualTo(1);
        assertThat(lines()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.json");
    }

    @Test
    void bad_arguments_exit_two() {
        assertThat(run("--carrier", "pigeon", "x.json")).isEqualTo(2);
        assertThat(run("x.json")).isEqualTo(2);
        assertThat(run("--carrier", "ups")).isEqualTo(2);
    }
}
