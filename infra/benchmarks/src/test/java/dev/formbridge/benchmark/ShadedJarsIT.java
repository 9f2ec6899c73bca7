package dev.formbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.benchmark.coldstart.ShadedJarRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production Lambda jars are shaded, but unit tests run on the unshaded class path: this test runs each real
 * handler from the jar we ship, in a fresh JVM with the deployed flags, against dynalite and EventBridge on
 * moto_server, so that a shade exclude that drops a class a handler needs fails the build. The jars come from
 * {@code lambdas/target} (packaged earlier in the reactor); failsafe passes the paths.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShadedJarsIT {
    /** Well-formed (fbk_ + tenant ULID + _ + site ULID) but registered nowhere. */
    private static final String UNKNOWN_SITE_ULID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

    private static ShadedJarRunner runner;

    @BeforeAll
    static void start() throws Exception {
        runner = ShadedJarRunner.start(
                Path.of(required("formbridge.lambdas.target")),
                Path.of(required("formbridge.coldstart.jar")),
                Path.of(required("formbridge.shadedjars.work")));
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void authorizerJarAuthorizesARealSite() {
        Path jar = runner.jar("authorizer");
        assertThat(jar.getFileName().toString()).endsWith("-authorizer.jar");

        assertThat(runner.answer("authorizer", jar, Map.of())).isEqualTo("authorized=true");
    }

    @Test
    void authorizerJarRejectsAnUnknownSiteKey() {
        String siteKey = runner.siteKey();
        String unknown = siteKey.substring(0, siteKey.length() - UNKNOWN_SITE_ULID.length()) + UNKNOWN_SITE_ULID;
        assertThat(unknown).isNotEqualTo(siteKey);

        assertThat(runner.answer("authorizer", runner.jar("authorizer"), Map.of("BENCH_SITE_KEY", unknown)))
                .isEqualTo("authorized=false");
    }

    @Test
    void ingestJarAcceptsASignedSubmission() {
        Path jar = runner.jar("ingest");
        assertThat(jar.getFileName().toString()).endsWith("-ingest.jar");

        assertThat(runner.answer("ingest", jar, Map.of())).isEqualTo("status=202");
    }

    @Test
    void ingestJarRejectsABadSignature() {
        assertThat(runner.answer("ingest", runner.jar("ingest"), Map.of(ShadedJarRunner.BAD_SIGNATURE, "true")))
                .isEqualTo("status=401");
    }

    @Test
    void sharedAwsJarAuthorizesARealSite() {
        Path jar = runner.jar("aws");
        assertThat(jar).as("lambdas-*-aws.jar").isNotNull();
        assertThat(jar.getFileName().toString()).endsWith("-aws.jar");

        assertThat(runner.answer("authorizer", jar, Map.of())).isEqualTo("authorized=true");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run this test through Maven (failsafe sets it)");
        }
        return value;
    }
}
