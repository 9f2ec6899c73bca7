package dev.formbridge.e2e.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The baseline of the cold start: {@code java -version} of the JDK running this, spawn to exit. */
final class BareJvm {
    private BareJvm() {}

    /** Milliseconds from spawning {@code java -XX:TieredStopAtLevel=1 -version} to its exit. */
    static double versionMillis() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the flag the system's jars get from the end-to-end tests' JarProcess, so both sides start the same VM
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(java + " -version exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
