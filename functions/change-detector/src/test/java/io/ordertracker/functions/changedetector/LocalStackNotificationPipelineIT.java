package io.ordertracker.functions.changedetector;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same scenarios against LocalStack 4.14.0 (DynamoDB + stream, SQS, SNS, SES v1) through Testcontainers.
 * Skipped cleanly, with the reason, where there is no Docker engine (the build machines have none).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackNotificationPipelineIT extends NotificationScenarios {
    static Backend backend;

    @BeforeAll
    static void start() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine: LocalStack suite skipped");
        backend = new LocalStackBackend();
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
