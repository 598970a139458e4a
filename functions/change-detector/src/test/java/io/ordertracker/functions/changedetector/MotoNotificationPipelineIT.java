package io.ordertracker.functions.changedetector;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ordertracker.local.emulators.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenarios without containers: DynamoDB Local (stream read through the real Streams API), ElasticMQ, and a
 * moto server the test starts from the project's venv. Skipped, with the reason, when the venv is missing off
 * CI; on CI (CI=true) a missing venv fails the build.
 */
class MotoNotificationPipelineIT extends NotificationScenarios {
    static Backend backend;

    @BeforeAll
    static void start() {
        assumeTrue(MotoServer.availableOrFailOnCi(), MotoServer.unavailableMessage());
        backend = new MotoBackend();
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected Backend backend() {
        return backend;
    }
}
