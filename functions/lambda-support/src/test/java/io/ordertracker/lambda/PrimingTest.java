package io.ordertracker.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

class PrimingTest {
    @Test
    void aFailingStepIsLoggedWithItsClassAndTheNextStepsStillRun() {
        List<LogEvent> events = new ArrayList<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        AbstractAppender appender = new AbstractAppender("PrimingTest", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        config.getLoggerConfig(Priming.class.getName()).addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        AtomicInteger ran = new AtomicInteger();
        try {
            Priming priming = Priming.register(
                    Priming.step("dynamodb", () -> {
                        throw new IllegalStateException("shopper@example.com is not a table");
                    }),
                    Priming.step("render", ran::incrementAndGet));

            assertThat(priming.prime()).isEqualTo(1);
            assertThat(ran).hasValue(1);
            assertThat(events).hasSize(1);
            LogEvent warn = events.get(0);
            assertThat(warn.getLevel()).isEqualTo(Level.WARN);
            assertThat(warn.getMessage().getFormattedMessage())
                    .contains("dynamodb", "IllegalStateException")
                    .doesNotContain("shopper@example.com");
        } finally {
            config.getLoggerConfig(Priming.class.getName()).removeAppender("PrimingTest");
            context.updateLoggers();
        }
    }

    @Test
    void runAllRunsEveryRegisteredPrimingAsTheCheckpointWould() {
        AtomicInteger ran = new AtomicInteger();
        Priming.register(Priming.step("one", ran::incrementAndGet), Priming.step("two", ran::incrementAndGet));
        int before = ran.get();
        Priming.runAll();
        assertThat(ran.get() - before).isEqualTo(2);
    }
}
