package dev.formbridge.e2e.benchmark;

import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The running local runtime's table and key file, found as the portal finds them ({@code runtime.properties} in the
 * home). Two clients: the one the portal and the runtime use ({@link DynamoClients#local}) for writing, and one that
 * records every call it makes, for the reads whose calls the report shows.
 */
final class RuntimeStore implements AutoCloseable {
    private final DynamoDbClient client;
    private final DynamoDbClient recordingClient;
    private final CallRecorder recorder;
    private final Storage storage;
    private final Storage recordedStorage;
    private final LocalKeyFileCipher cipher;

    private RuntimeStore(Properties runtime) {
        String endpoint = runtime.getProperty("dynamodb.endpoint");
        TableDefinition table = TableDefinition.named(runtime.getProperty("table"));
        this.client = DynamoClients.local(endpoint);
        this.recorder = new CallRecorder();
        this.recordingClient = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
        this.storage = new Storage(client, table);
        this.recordedStorage = new Storage(recordingClient, table);
        this.cipher = LocalKeyFileCipher.fromKeyFile(Path.of(runtime.getProperty("key.file")));
    }

    static RuntimeStore open(Path home) {
        Properties runtime = new Properties();
        Path file = home.resolve("runtime.properties");
        try (Reader in = Files.newBufferedReader(file)) {
            runtime.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new RuntimeStore(runtime);
    }

    Storage storage() {
        return storage;
    }

    /** The same table through the client whose calls {@link #recorder()} sees. */
    Storage recordedStorage() {
        return recordedStorage;
    }

    CallRecorder recorder() {
        return recorder;
    }

    LocalKeyFileCipher cipher() {
        return cipher;
    }

    @Override
    public void close() {
        client.close();
        recordingClient.close();
    }
}
