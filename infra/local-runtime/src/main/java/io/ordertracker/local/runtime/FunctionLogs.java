package io.ordertracker.local.runtime;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the functions' logs go when a person runs them from a terminal. The functions write JSON log lines and
 * metrics to standard output, as Lambda hands them to CloudWatch; on a terminal they would bury what the command
 * itself says, so they go to a file under {@code .tracker/} and the command keeps the terminal.
 */
public final class FunctionLogs {
    private FunctionLogs() {
    }

    /**
     * Sends this process's standard output to {@code .tracker/<fileName>}. Streams captured before the call (the
     * command's own {@code out}) still reach the terminal.
     *
     * @return the log file, or null when it cannot be written (the logs then stay on the terminal, as {@code err} says)
     */
    public static Path toFile(String fileName, PrintStream err) {
        Path log = Path.of(".tracker", fileName).toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            System.setOut(new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8));
            return log;
        } catch (IOException e) {
            err.println("cannot write " + log + " (" + e.getMessage() + "); function logs stay on the terminal");
            return null;
        }
    }
}
