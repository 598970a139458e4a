package io.ordertracker.local.emulators;

import java.net.URI;
import java.time.Duration;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, an SQS-compatible server, inside this JVM on a loopback port. The queues (their messages, receive
 * counts and visibility deadlines) live in an actor of their own, apart from the HTTP server, so the server can be
 * stopped and started again with every message where SQS would keep it ({@link #restart}).
 */
public final class ElasticMq implements AutoCloseable {
    private final ActorSystem actors;
    private final ActorRef queues;
    private final int port;
    private volatile SQSRestServer server;

    private ElasticMq(ActorSystem actors, ActorRef queues, int port) {
        this.actors = actors;
        this.queues = queues;
        this.port = port;
        this.server = serve();
    }

    public static ElasticMq start() {
        return start(Ports.free());
    }

    public static ElasticMq start(int port) {
        ActorSystem actors = ActorSystem.create("elasticmq-" + port);
        ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                StrictSQSLimits$.MODULE$, scala.Option.empty()));
        return new ElasticMq(actors, queues, port);
    }

    private SQSRestServer serve() {
        SQSRestServer s = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withServerAddress(new org.elasticmq.NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(LocalAws.REGION.id())
                .withAWSAccountId("000000000000")
                .withActorSystem(actors)
                .withQueueManagerActor(queues)
                .start();
        s.waitUntilStarted();
        return s;
    }

    /**
     * Stops answering for {@code downtime}, then serves the same queues again on the same port: an SQS endpoint
     * that was unreachable for a while. Nothing is lost, as on SQS: a message received before the stop and not
     * deleted comes back when its visibility timeout ends.
     */
    public void restart(Duration downtime) {
        server.stopAndWait();
        try {
            Thread.sleep(downtime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = serve();
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
        actors.terminate();
    }
}
