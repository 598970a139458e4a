package io.ordertracker.local.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local runs one transaction at a time, so it never cancels a {@code TransactWriteItems} with
 * {@code TransactionConflict}, as DynamoDB does when another transaction holds one of the items at that moment (two
 * identical requests racing). This HTTP client in front of DynamoDB Local stages that race: for each of the next
 * {@code n} {@code TransactWriteItems} calls it first runs the racing request's part (typically the winner's
 * write, on another client), then answers the call with DynamoDB's own 400 body, one {@code TransactionConflict}
 * reason per item, without passing it on. Every other call goes to DynamoDB Local unchanged.
 */
public final class TransactionConflicts implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSACT_WRITE_ITEMS = "DynamoDB_20120810.TransactWriteItems";

    private final SdkHttpClient dynamoDbLocal = UrlConnectionHttpClient.create();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Runnable racingRequest = () -> { };

    /** A DynamoDB client for {@code endpoint} whose transactions go through this client. */
    public DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(LocalAws.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClient(this).build();
    }

    /** The next {@code n} transactions lose a race; {@code racingRequest} runs before each of them is refused. */
    public void refuseNext(int n, Runnable racingRequest) {
        this.racingRequest = racingRequest;
        toRefuse.set(n);
    }

    /** How many transactions were refused with TransactionConflict so far. */
    public int refused() {
        return refused.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean transaction = request.httpRequest().firstMatchingHeader("X-Amz-Target")
                .filter(TRANSACT_WRITE_ITEMS::equals).isPresent();
        if (!transaction || toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return dynamoDbLocal.prepareRequest(request);
        }
        int items = itemCount(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                racingRequest.run();
                refused.incrementAndGet();
                return conflict(items);
            }

            @Override
            public void abort() {
            }
        };
    }

    private static int itemCount(HttpExecuteRequest request) {
        try (InputStream body = request.contentStreamProvider().orElseThrow().newStream()) {
            return JSON.readTree(body).path("TransactItems").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What DynamoDB answers a transaction cancelled because other transactions held its items. */
    private static HttpExecuteResponse conflict(int items) {
        StringBuilder reasons = new StringBuilder();
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < items; i++) {
            reasons.append(i == 0 ? "" : ",")
                    .append("{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}");
            codes.append(i == 0 ? "" : ", ").append("TransactionConflict");
        }
        byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"CancellationReasons\":[" + reasons + "],"
                + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons ["
                + codes + "]\"}").getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(400)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amzn-RequestId", "TRANSACTIONCONFLICT" + System.nanoTime()).build();
        return HttpExecuteResponse.builder().response(response)
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    @Override
    public String clientName() {
        return "TransactionConflicts";
    }

    @Override
    public void close() {
        dynamoDbLocal.close();
    }
}
