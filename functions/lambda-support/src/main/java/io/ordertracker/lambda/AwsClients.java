package io.ordertracker.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * One way to build AWS clients: the small url-connection HTTP client (no Apache, no Netty), the function's region,
 * credentials from the Lambda environment, and an endpoint override only when the environment names one
 * ({@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL}, as the SDK itself defines them) for the
 * local runtime; likewise the SDK's {@code AWS_MAX_ATTEMPTS}. Build clients once per container (in the handler's
 * no-arg constructor), never per request.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * @param serviceId the SDK's service id in upper snake case, e.g. {@code DYNAMODB}, {@code SQS}, {@code SES}
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String serviceId) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(10)));
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(15));
        // The SDK reads AWS_MAX_ATTEMPTS from the process only; through Env the local runtime's and the tests'
        // per-function environment sets it too
        Env.get("AWS_MAX_ATTEMPTS").map(Integer::parseInt).ifPresent(n -> override.retryStrategy(b -> b.maxAttempts(n)));
        builder.overrideConfiguration(override.build());
        Env.get("AWS_REGION").map(Region::of).ifPresent(builder::region);
        Env.get("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT))
                .or(() -> Env.get("AWS_ENDPOINT_URL"))
                .map(URI::create)
                .ifPresent(builder::endpointOverride);
        if (Env.get("AWS_ACCESS_KEY_ID").isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            // Only the local runtime sets credentials through the overlay; Lambda's come from its environment.
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    Env.require("AWS_ACCESS_KEY_ID"), Env.require("AWS_SECRET_ACCESS_KEY"))));
        } else if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
