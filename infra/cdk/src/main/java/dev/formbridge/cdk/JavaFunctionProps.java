package dev.formbridge.cdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Java Lambda function: its jar and handler, memory and timeout (chosen per function, ADR 0011), its own
 * environment (the common variables are added by {@link JavaFunction}), and the per-deployment switches.
 *
 * @param name short name: {@code authorizer}, {@code ingest}, {@code router}, {@code connector}
 * @param provisionedConcurrency instances kept initialised on the {@code live} alias (0: none)
 */
public record JavaFunctionProps(
        String name,
        Path jar,
        String handlerClass,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        boolean snapStart,
        int provisionedConcurrency) {

    /** The memory every function gets unless a measurement says otherwise (DESIGN §6, ADR 0011). */
    public static final int DEFAULT_MEMORY_MB = 512;

    public JavaFunctionProps {
        environment = Map.copyOf(environment);
    }
}
