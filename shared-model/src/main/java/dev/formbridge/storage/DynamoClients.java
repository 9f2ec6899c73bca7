package dev.formbridge.storage;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
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
    /** How long opening a connection to the store may take; an HTTP client given to these clients should match. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** How long one read from the store may stall. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    /** The most one call to the store may take, the SDK's retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);

    private DynamoClients() {}

    /** The client for this environment: the local endpoint if {@value #ENDPOINT_ENV} is set, else AWS. */
    public static DynamoDbClient fromEnvironment() {
        return forEnvironment(apache()).build();
    }

    /**
     * The same over a given HTTP client, which the Lambda functions share between their SDK clients (it is not closed
     * with the DynamoDB client).
     */
    public static DynamoDbClient fromEnvironment(SdkHttpClient http) {
        return forEnvironment(base().httpClient(http)).build();
    }

    public static DynamoDbClient aws() {
        return apache().build();
    }

    /** A client for a local DynamoDB-compatible server such as dynalite. */
    public static DynamoDbClient local(String endpoint) {
        return local(apache(), endpoint).build();
    }

    private static DynamoDbClientBuilder forEnvironment(DynamoDbClientBuilder builder) {
        String endpoint = System.getenv(ENDPOINT_ENV);
        return endpoint == null || endpoint.isBlank() ? builder : local(builder, endpoint);
    }

    private static DynamoDbClientBuilder local(DynamoDbClientBuilder builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    /** Apache's client, pooled: about 3× the throughput of the JDK-based one against a local server. */
    private static DynamoDbClientBuilder apache() {
        return base().httpClientBuilder(ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT));
    }

    private static DynamoDbClientBuilder base() {
        return DynamoDbClient.builder()
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .scheduledExecutorService(Timeouts.EXECUTOR)
                        .build());
    }

    /** Call timers still queued in the shared timeout executor (for tests). */
    static int queuedTimeouts() {
        return Timeouts.EXECUTOR.getQueue().size();
    }

    /**
     * The timer of every call's {@code apiCallTimeout}, shared by the clients of the process. The SDK's own executor
     * keeps a cancelled timer queued until it would have fired, and wakes its thread for each: at thousands of calls
     * a second (the local runtime) that thread took a tenth of the process's CPU. This one removes a timer when the
     * call completes, so the thread sleeps unless a call actually times out. Daemon: it never keeps a JVM alive, and
     * the clients leave an executor they were given running when they close.
     */
    private static final class Timeouts {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                    1,
                    Thread.ofPlatform().name("dynamodb-timeouts").daemon(true).factory());
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
