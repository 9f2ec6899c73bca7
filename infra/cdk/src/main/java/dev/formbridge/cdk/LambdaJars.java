package dev.formbridge.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The shaded jars of the {@code lambdas} build, one per function ({@code lambdas-<version>-authorizer.jar},
 * {@code -ingest.jar}, {@code -router.jar}, {@code -connector.jar}; ADR 0006, 0022). Synth fails with a clear message when one is missing or lacks its handler class, so a
 * template never points at code that does not exist. The jars are never committed.
 */
public record LambdaJars(Path authorizer, Path ingest, Path router, Path connector) {
    public static final String AUTHORIZER_HANDLER = "dev.formbridge.lambda.AuthorizerHandler";
    public static final String INGEST_HANDLER = "dev.formbridge.lambda.IngestHandler";
    public static final String ROUTER_HANDLER = "dev.formbridge.lambda.RouterHandler";
    public static final String CONNECTOR_HANDLER = "dev.formbridge.lambda.ConnectorHandler";

    public static LambdaJars in(Path dir) {
        Path authorizer = find(dir, "authorizer");
        Path ingest = find(dir, "ingest");
        Path router = find(dir, "router");
        Path connector = find(dir, "connector");
        requireClass(authorizer, AUTHORIZER_HANDLER);
        requireClass(ingest, INGEST_HANDLER);
        requireClass(router, ROUTER_HANDLER);
        requireClass(connector, CONNECTOR_HANDLER);
        return new LambdaJars(authorizer, ingest, router, connector);
    }

    private static Path find(Path dir, String classifier) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "lambdas-*-" + classifier + ".jar")) {
                jars.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one lambdas-<version>-" + classifier + ".jar in "
                    + dir.toAbsolutePath().normalize() + ", found " + found.size()
                    + ": build the Lambda jars first (./mvnw -B -DskipTests package -pl lambdas -am)"
                    + " or point -c " + DeploymentSettings.PREFIX + "lambdasDir=<dir> at them");
        }
        return found.getFirst().toAbsolutePath().normalize();
    }

    private static void requireClass(Path jar, String className) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(className.replace('.', '/') + ".class") == null) {
                throw new IllegalStateException(jar.getFileName() + " has no " + className + ": rebuild the lambdas");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
