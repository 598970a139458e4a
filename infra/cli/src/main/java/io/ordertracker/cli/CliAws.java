package io.ordertracker.cli;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * AWS clients for ops commands: the region and endpoint people pass ({@code --region}, {@code --endpoint-url}),
 * their usual credentials, and, against a local endpoint with no credentials set, dummy ones (the local runtime's
 * emulators accept any).
 */
final class CliAws {
    private CliAws() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Map<String, String> options) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        if (options.containsKey("region")) {
            builder.region(Region.of(options.get("region")));
        }
        if (options.containsKey("endpoint-url")) {
            builder.endpointOverride(URI.create(options.get("endpoint-url")));
            if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null) {
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            }
        }
        return builder.build();
    }
}
