package io.ordertracker.functions.trackingworker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * This function's dependencies (resilience4j via the carriers) once pulled in an SLF4J 1.7 API, which cannot see
 * Powertools' log4j binding and silently drops every log line. The parent pom pins SLF4J 2; this keeps it pinned.
 */
class StructuredLoggingTest {

    @Test
    void logsGoToPowertoolsLog4jNotToTheNoOpLogger() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.apache.logging.slf4j.Log4jLoggerFactory");
    }
}
