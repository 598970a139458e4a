package io.ordertracker.local.emulators;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ, an SQS-compatible server, inside this JVM on a loopback port. */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMq start() {
        return start(Ports.free());
    }

    public static ElasticMq start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withServerAddress(new org.elasticmq.NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(LocalAws.REGION.id())
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public SqsClient client() {
        return LocalAws.configure(SqsClient.builder(), endpoint()).build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
