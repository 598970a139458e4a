package io.ordertracker.local.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every line the run writes, as CloudWatch would hold it. The functions log through log4j2 (lambda-support's
 * {@code log4j2.xml}: Powertools' JSON layout on a console appender, which {@code ./tracker local} sends to
 * {@code .tracker/local.log}); that appender is bound to the stdout of whoever started log4j first, so this adds one
 * of its own, with the same layout, to every logger. Metrics (EMF) and the runtime's own messages are printed, so
 * stdout and stderr are copied too while the capture runs.
 */
final class LogCapture implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private volatile boolean recording = true;

    private LogCapture() {
        Configuration config = context.getConfiguration();
        Appender json = config.getAppender("JsonAppender");
        Layout<? extends Serializable> layout = json != null ? json.getLayout() : PatternLayout.createDefaultLayout(config);
        appender = new AbstractAppender("LogCapture", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                record(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
            }
        };
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.getAppenders().containsKey(appender.getName())) {
                logger.addAppender(appender, null, null);
            }
        }
        context.updateLoggers();
        System.setOut(new PrintStream(new Tee(stdout), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(stderr), true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** Every line so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private void record(String text) {
        if (!recording) {
            return;
        }
        synchronized (lines) {
            text.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        }
    }

    @Override
    public void close() {
        recording = false;
        System.setOut(stdout);
        System.setErr(stderr);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        context.updateLoggers();
        appender.stop();
    }

    /** Passes everything on and records it line by line. */
    private final class Tee extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            split(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            target.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                split(b[i]);
            }
        }

        private void split(int b) {
            if (b == '\n') {
                record(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }
    }
}
