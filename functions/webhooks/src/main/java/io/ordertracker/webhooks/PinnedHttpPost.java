package io.ordertracker.webhooks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to the address {@link EndpointUrls} checked (so a DNS answer cannot change between the check and
 * the connection): TLS with SNI and certificate checks against the URL's host name, {@code Connection: close}, one
 * deadline for connect, send and the answer, no redirects followed (a 3xx is a failure like any non-2xx), and at
 * most {@link #MAX_RESPONSE_BYTES} of the answer read (then discarded: the body is never stored or logged).
 */
public final class PinnedHttpPost {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** The answer's status code (or null with an error), and how long it took. */
    public record Result(Integer statusCode, String error, long latencyMillis) {
    }

    private final Duration timeout;
    private final SSLSocketFactory tls;

    public PinnedHttpPost(Duration timeout, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    public static PinnedHttpPost standard() {
        return new PinnedHttpPost(TIMEOUT, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public Result post(EndpointUrls.Target target, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.address(), target.port()), remainingMillis(deadline));
            Socket socket = plain;
            if (target.tls()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
                    params.setServerNames(java.util.List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                socket = ssl;
            }
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                    : target.uri().getRawPath();
            if (target.uri().getRawQuery() != null) {
                path += "?" + target.uri().getRawQuery();
            }
            boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
            String hostHeader = (target.host().contains(":") ? "[" + target.host() + "]" : target.host())
                    + (defaultPort ? "" : ":" + target.port());
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n")
                    .append("User-Agent: order-tracker-webhooks/1\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            int status = readStatus(socket, deadline);
            return new Result(status, null, elapsed(start));
        } catch (SocketTimeoutException e) {
            return new Result(null, "timeout", elapsed(start));
        } catch (javax.net.ssl.SSLException e) {
            return new Result(null, "tls-error", elapsed(start));
        } catch (java.net.ConnectException e) {
            return new Result(null, "connection-refused", elapsed(start));
        } catch (IOException e) {
            return new Result(null, "connection-error", elapsed(start));
        } catch (DeadlinePassed e) {
            return new Result(null, "timeout", elapsed(start));
        }
    }

    /** Reads the status line and then at most MAX_RESPONSE_BYTES in all, within the deadline. */
    private static int readStatus(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        StringBuilder statusLine = new StringBuilder();
        int total = 0;
        boolean lineDone = false;
        while (total < MAX_RESPONSE_BYTES) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_RESPONSE_BYTES - total));
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n && !lineDone; i++) {
                if (buffer[i] == '\n') {
                    lineDone = true;
                } else if (statusLine.length() < 200) {
                    statusLine.append((char) (buffer[i] & 0xff));
                }
            }
            total += n;
            if (lineDone) {
                break; // the status is all we keep; Connection: close ends the rest
            }
        }
        String[] parts = statusLine.toString().trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP answer");
        }
        return Integer.parseInt(parts[1]);
    }

    private static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }

    private static int remainingMillis(long deadline) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new DeadlinePassed();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
