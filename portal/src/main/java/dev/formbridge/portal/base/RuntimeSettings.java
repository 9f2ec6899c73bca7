package dev.formbridge.portal.base;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Where the portal finds storage and ingest. Locally: the {@code runtime.properties} the running local runtime writes
 * into {@code FORMBRIDGE_HOME} (waited for, so the run command may start both at once). In AWS: the environment.
 */
public record RuntimeSettings(
        String dynamoEndpoint, String tableName, Path keyFile, String kmsKeyId, String ingestUrl) {

    /** Reads the local runtime's file, waiting up to {@code wait} for it to appear. */
    public static RuntimeSettings fromLocalRuntime(Path home, Duration wait) {
        Path file = home.toAbsolutePath().resolve("runtime.properties");
        Instant deadline = Instant.now().plus(wait);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The local runtime is not running: " + file
                        + " does not exist. Start the system with scripts/run-local.");
            }
            sleep();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new RuntimeSettings(
                properties.getProperty("dynamodb.endpoint"),
                properties.getProperty("table"),
                Path.of(properties.getProperty("key.file")),
                null,
                properties.getProperty("ingest.url"));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local runtime", e);
        }
    }
}
