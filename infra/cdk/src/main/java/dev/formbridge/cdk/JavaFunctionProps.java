package dev.formbridge.cdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Java Lambda function: its jar and handler, memory and timeout (chosen per function, ADR 0011), its own
 * environment (the common variables are added by {@link JavaFunction}), how much it logs, and the per-deployment
 * switches.
 *
 * @param name short name: {@code authorizer}, {@code ingest}, {@code router}, {@code connector}
 * @param logLevel level of the function's own loggers ({@code FORMBRIDGE_LOG_LEVEL})
 * @param provisionedConcurrency instances kept initialised on the {@code live} alias (0: none)
 */
public record JavaFunctionProps(
        String name,
        Path jar,
        String handlerClass,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        LogLevel logLevel,
        boolean snapStart,
        int provisionedConcurrency) {

    /** The memory every function gets unless a measurement says otherwise (DESIGN §6, ADR 0011). */
    public static final int DEFAULT_MEMORY_MB = 512;

    /**
     * How much a function's own code logs. {@code INFO}: a line per request (ingest: the outcome of each, the 401's
     * cause). {@code WARN}: problems only (retries given up, storage failures, a 410), for functions whose work the
     * table records anyway (deliveries and attempts): at a million submissions a line is about $0.25.
     */
    public enum LogLevel {
        INFO,
        WARN
    }

    public JavaFunctionProps {
        environment = Map.copyOf(environment);
    }
}
