package dev.formbridge.cdk.testutils;

import dev.formbridge.cdk.LambdaJars;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Tiny stand-ins for the shaded Lambda jars: the right names, each holding its handler's class entry. Synth in tests
 * then copies kilobytes instead of 65 MB and does not depend on the lambdas build having run.
 */
public final class StubLambdaJars {
    private StubLambdaJars() {}

    public static Path create() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            Path dir = Files.createTempDirectory(target, "stub-lambdas");
            jar(dir.resolve("lambdas-0.0.0-authorizer.jar"), LambdaJars.AUTHORIZER_HANDLER);
            jar(dir.resolve("lambdas-0.0.0-ingest.jar"), LambdaJars.INGEST_HANDLER);
            jar(dir.resolve("lambdas-0.0.0-router.jar"), LambdaJars.ROUTER_HANDLER);
            jar(dir.resolve("lambdas-0.0.0-connector.jar"), LambdaJars.CONNECTOR_HANDLER);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void jar(Path file, String... classes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String className : classes) {
                zip.putNextEntry(new ZipEntry(className.replace('.', '/') + ".class"));
                zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
                zip.closeEntry();
            }
        }
    }
}
