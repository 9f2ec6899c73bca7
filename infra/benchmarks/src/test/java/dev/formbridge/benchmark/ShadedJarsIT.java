package dev.formbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.benchmark.coldstart.ShadedJarRunner;
import dev.formbridge.benchmark.coldstart.ShadedJarRunner.Run;
import dev.formbridge.storage.DynamoClients;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

        Run run = runner.run("authorizer", jar, Map.of());

        assertThat(run.answer()).isEqualTo("authorized=true");
        assertThat(log4jStatusErrors(run)).isEmpty();
    }

    @Test
    void authorizerJarReachesDynamoDbAsInAws() {
        // no local endpoint: the client is built as in AWS (rules-based endpoint, here overridden by the SDK's own
        // AWS_ENDPOINT_URL_DYNAMODB; region and credentials from the environment), which the shaded jar must carry
        Run run = runner.run(
                "authorizer",
                runner.jar("authorizer"),
                Map.of(DynamoClients.ENDPOINT_ENV, "", "AWS_ENDPOINT_URL_DYNAMODB", runner.dynamoEndpoint()));

        assertThat(run.answer()).isEqualTo("authorized=true");
        assertThat(log4jStatusErrors(run)).isEmpty();
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

        Run run = runner.run("ingest", jar, Map.of());

        assertThat(run.answer()).isEqualTo("status=202");
        assertThat(log4jStatusErrors(run)).isEmpty();
        // the trimmed Log4j (lambdas/src/build) still writes Powertools' JSON lines, with the ids from the MDC
        assertThat(run.output())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("{\"level\":\"INFO\",\"message\":\"submission accepted")
                        .contains("\"service\":", "\"siteId\":\"site_", "\"tenantId\":\"ten_", "\"submissionId\":"));
    }

    @Test
    void ingestJarAtWarnWritesNoInfoLineButKeepsItsMetrics() {
        // the CDK app sets FORMBRIDGE_LOG_LEVEL=WARN on router and connector; the cost model counts on the level
        // reaching log4j2.properties in the shaded jar
        Run run = runner.run("ingest", runner.jar("ingest"), Map.of("FORMBRIDGE_LOG_LEVEL", "WARN"));

        assertThat(run.answer()).isEqualTo("status=202");
        assertThat(log4jStatusErrors(run)).isEmpty();
        assertThat(run.output()).noneMatch(line -> line.contains("\"level\":\"INFO\""));
        assertThat(run.output()).anyMatch(line -> line.startsWith("{\"_aws\":") && line.contains("\"Accepted\""));
    }

    @Test
    void ingestJarRejectsABadSignature() {
        Run run = runner.run("ingest", runner.jar("ingest"), Map.of(ShadedJarRunner.BAD_SIGNATURE, "true"));

        assertThat(run.answer()).isEqualTo("status=401");
        assertThat(log4jStatusErrors(run)).isEmpty();
    }

    @Test
    void sharedAwsJarAuthorizesARealSite() {
        Path jar = runner.jar("aws");
        assertThat(jar).as("lambdas-*-aws.jar").isNotNull();
        assertThat(jar.getFileName().toString()).endsWith("-aws.jar");

        assertThat(runner.answer("authorizer", jar, Map.of())).isEqualTo("authorized=true");
    }

    /**
     * The jars are pruned after shading (lambdas/src/build/PruneUnusedClasses.java): every class left in a pruned
     * package, and every trimmed service client, must still load, verify and initialise, so that no kept class refers
     * to a removed one. Log4j's async loggers are left out: they need the LMAX Disruptor, which no jar carries (nor
     * did before pruning).
     */
    @ParameterizedTest
    @ValueSource(strings = {"authorizer", "ingest", "aws"})
    void everyClassLeftInAPrunedPackageLinks(String classifier) throws Exception {
        Path jar = runner.jar(classifier);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        jar + File.pathSeparator + required("formbridge.coldstart.jar"),
                        "dev.formbridge.benchmark.coldstart.child.LinkAll",
                        jar.toString(),
                        "software/amazon/awssdk/services/",
                        "org/apache/commons/lang3/",
                        "org/apache/logging/log4j/core/",
                        "!org/apache/logging/log4j/core/async/",
                        "dev/formbridge/")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.startsWith("{")) // log lines of classes that log in their static init
                .toList();

        assertThat(process.waitFor()).as(String.join("\n", output)).isZero();
        assertThat(output).anySatisfy(line -> assertThat(line).matches("LINKED [1-9][0-9]{2,}"));
    }

    /**
     * Log4j reports a configuration it cannot build (a plugin or a class the shaded jar lacks) on its status logger,
     * and the handler still answers: these lines are the only sign.
     */
    private static List<String> log4jStatusErrors(Run run) {
        return run.output().stream()
                .filter(line -> STATUS_ERROR.matcher(line).find())
                .toList();
    }

    private static final Pattern STATUS_ERROR = Pattern.compile("^\\S+ \\S+ (WARN|ERROR|FATAL) |StatusLogger");

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run this test through Maven (failsafe sets it)");
        }
        return value;
    }
}
