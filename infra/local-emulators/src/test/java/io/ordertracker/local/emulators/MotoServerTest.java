package io.ordertracker.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without moto, a suite skips off CI (and says how to get moto) and fails on CI. */
class MotoServerTest {

    @TempDir
    Path emptyVenv;
    private String before;

    @BeforeEach
    void pointAtAVenvWithoutMoto() {
        before = System.getProperty("ordertracker.venv");
        System.setProperty("ordertracker.venv", emptyVenv.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("ordertracker.venv");
        } else {
            System.setProperty("ordertracker.venv", before);
        }
    }

    @Test
    void a_venv_without_moto_server_is_not_available() {
        assertThat(MotoServer.executable()).isEmpty();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThatThrownBy(MotoServer::availableOrFailOnCi).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(emptyVenv.toString());
        } else {
            assertThat(MotoServer.availableOrFailOnCi()).isFalse();
        }
    }

    @Test
    void the_skip_message_names_the_venv_and_exactly_how_to_get_moto() {
        assertThat(MotoServer.unavailableMessage())
                .contains(emptyVenv.toString())
                .contains("./tracker test")
                .contains("infra/build/python-tools.sh");
    }
}
