package dev.formbridge.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.cdk.testutils.StubLambdaJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synth refuses to point a template at Lambda code that was not built. */
class LambdaJarsTest {
    @TempDir
    Path dir;

    @Test
    void the_four_jars_of_the_lambdas_build_are_found_by_their_classifiers() {
        Path built = StubLambdaJars.create();
        LambdaJars jars = LambdaJars.in(built);
        assertThat(jars.authorizer().getFileName().toString()).endsWith("-authorizer.jar");
        assertThat(jars.ingest().getFileName().toString()).endsWith("-ingest.jar");
        assertThat(jars.router().getFileName().toString()).endsWith("-router.jar");
        assertThat(jars.connector().getFileName().toString()).endsWith("-connector.jar");
    }

    @Test
    void a_missing_jar_fails_synth_with_the_command_that_builds_it() {
        assertThatThrownBy(() -> LambdaJars.in(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lambdas-<version>-authorizer.jar")
                .hasMessageContaining("./mvnw -B -DskipTests package -pl lambdas -am");
    }

    @Test
    void a_jar_without_its_handler_fails_synth() throws Exception {
        StubLambdaJars.jar(dir.resolve("lambdas-1-authorizer.jar"), "dev.formbridge.Other");
        StubLambdaJars.jar(dir.resolve("lambdas-1-ingest.jar"), LambdaJars.INGEST_HANDLER);
        StubLambdaJars.jar(dir.resolve("lambdas-1-router.jar"), LambdaJars.ROUTER_HANDLER);
        StubLambdaJars.jar(dir.resolve("lambdas-1-connector.jar"), LambdaJars.CONNECTOR_HANDLER);
        assertThat(Files.list(dir)).hasSize(4);
        assertThatThrownBy(() -> LambdaJars.in(dir)).hasMessageContaining("has no " + LambdaJars.AUTHORIZER_HANDLER);
    }

    @Test
    void a_delivery_jar_without_its_handler_or_missing_fails_synth() throws Exception {
        StubLambdaJars.jar(dir.resolve("lambdas-1-authorizer.jar"), LambdaJars.AUTHORIZER_HANDLER);
        StubLambdaJars.jar(dir.resolve("lambdas-1-ingest.jar"), LambdaJars.INGEST_HANDLER);
        StubLambdaJars.jar(dir.resolve("lambdas-1-router.jar"), LambdaJars.CONNECTOR_HANDLER);
        assertThatThrownBy(() -> LambdaJars.in(dir)).hasMessageContaining("lambdas-<version>-connector.jar");

        StubLambdaJars.jar(dir.resolve("lambdas-1-connector.jar"), LambdaJars.CONNECTOR_HANDLER);
        assertThatThrownBy(() -> LambdaJars.in(dir)).hasMessageContaining("has no " + LambdaJars.ROUTER_HANDLER);
    }
}
