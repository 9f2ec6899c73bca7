package dev.formbridge.storage;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client once per process. In AWS the region and credentials come from the Lambda environment; a
 * local endpoint ({@value #ENDPOINT_ENV}) gets dummy credentials. Timeouts are short: a slow store must turn into a
 * quick 503 the sender retries, not into a request that hangs until the Lambda times out.
 */
public final class DynamoClients {
    public static final String ENDPOINT_ENV = "FORMBRIDGE_DYNAMODB_ENDPOINT";

    private DynamoClients() {}

    /** The client for this environment: the local endpoint if {@value #ENDPOINT_ENV} is set, else AWS. */
    public static DynamoDbClient fromEnvironment() {
        String endpoint = System.getenv(ENDPOINT_ENV);
        return endpoint == null || endpoint.isBlank() ? aws() : local(endpoint);
    }

    public static DynamoDbClient aws() {
        return base().build();
    }

    /** A client for a local DynamoDB-compatible server such as dynalite. */
    public static DynamoDbClient local(String endpoint) {
        return base().endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static DynamoDbClientBuilder base() {
        return DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(3)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(5))
                        .build());
    }
}
