package dev.formbridge.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the local runtime, from environment variables with defaults that work on a fresh clone: data under
 * {@code .local/} in the working directory, ingest on 127.0.0.1:8080, dynalite on a free port.
 */
public record LocalConfig(Path dataDir, int ingestPort, int dynamoPort, boolean persistent, Map<String, String> env) {

    public static LocalConfig fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new LocalConfig(
                Path.of(env.getOrDefault("FORMBRIDGE_HOME", ".local")).toAbsolutePath(),
                Integer.parseInt(env.getOrDefault("FORMBRIDGE_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("FORMBRIDGE_DYNAMODB_PORT", "0")),
                true,
                env);
    }

    /** In-memory storage and free ports: for tests. */
    public static LocalConfig forTests(Path dataDir, Map<String, String> env) {
        return new LocalConfig(dataDir, 0, 0, false, env);
    }

    Path keyFile() {
        return dataDir.resolve("master.key");
    }

    Path dynamoDir() {
        return dataDir.resolve("dynamodb");
    }

    Path runtimeFile() {
        return dataDir.resolve("runtime.properties");
    }
}
