package io.ordertracker.lambda;

import java.util.IdentityHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Errors as logs may show them: by class and code, never by message. Messages carry what was being handled: SES
 * names the address it refused ("Email address is not verified ... ada@example.com"), a JSON parser quotes the body
 * it choked on (a shopper's phone, a tracking number), a carrier's error repeats the number it was asked about.
 * Logs are kept and read far more widely than the table, so they get none of it.
 *
 * <p>Log a failure as {@code LOG.error("... failed: {}", SafeErrors.describe(e), SafeErrors.redacted(e))}: the
 * summary for people, and the stack trace (classes, methods, lines: no data) for whoever debugs it.
 */
public final class SafeErrors {
    private SafeErrors() {
    }

    /**
     * One line: each exception in the cause chain by simple class name, with an AWS service's HTTP status, error
     * code and request id (what AWS support asks for), e.g.
     * {@code SesException 400 MessageRejected requestId=1f0c... <- ...}.
     */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(one(t));
        }
        return out.toString();
    }

    /**
     * A copy of {@code error} to hand a logger as the exception: the same stack traces, causes and suppressed
     * exceptions, each message replaced by what {@link #describe} says of that one exception.
     */
    public static Throwable redacted(Throwable error) {
        return redacted(error, new IdentityHashMap<>());
    }

    private static Throwable redacted(Throwable error, Map<Throwable, Redacted> done) {
        Redacted existing = done.get(error);
        if (existing != null) {
            return existing;
        }
        Redacted copy = new Redacted(one(error));
        done.put(error, copy);
        copy.setStackTrace(error.getStackTrace());
        if (error.getCause() != null) {
            copy.initCause(redacted(error.getCause(), done));
        }
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(redacted(suppressed, done));
        }
        return copy;
    }

    private static String one(Throwable t) {
        StringBuilder out = new StringBuilder(t.getClass().getSimpleName());
        if (t instanceof SdkServiceException service) {
            out.append(' ').append(service.statusCode());
            if (service instanceof AwsServiceException aws) {
                AwsErrorDetails details = aws.awsErrorDetails();
                if (details != null && details.errorCode() != null) {
                    out.append(' ').append(details.errorCode());
                }
            }
            if (service.requestId() != null) {
                out.append(" requestId=").append(service.requestId());
            }
        }
        return out.toString();
    }

    /** Stands in for a logged exception: its toString is the summary, so stack traces print no message text. */
    static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(String summary) {
            super(summary);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
