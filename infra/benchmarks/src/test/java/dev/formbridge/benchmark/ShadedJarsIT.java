package dev.formbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.benchmark.coldstart.ShadedJarRunner;
import dev.formbridge.benchmark.coldstart.ShadedJarRunner.Run;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.EmailSender;
import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The production Lambda jars are shaded, but unit tests run on the unshaded class path: this test runs each real
 * handler from the jar we ship, in a fresh JVM with the deployed flags, against dynalite and EventBridge and SQS on
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
    void authorizerAndIngestAnswerWhenLoadedAsLambdaLoadsThem() throws Exception {
        // Lambda loads a function from /var/task through a class loader of its own, not from the class path: Log4j's
        // configuration and plugins, the SDK's service files and Powertools must all be found through that loader
        Run authorized = runner.runAsLambdaLoads("authorizer", Map.of());
        Run accepted = runner.runAsLambdaLoads("ingest", Map.of());

        assertThat(authorized.answer()).isEqualTo("authorized=true");
        assertThat(log4jStatusErrors(authorized)).isEmpty();
        assertThat(accepted.answer()).isEqualTo("status=202");
        assertThat(log4jStatusErrors(accepted)).isEmpty();
        assertThat(accepted.output())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("{\"level\":\"INFO\",\"message\":\"submission accepted")
                        .contains("\"siteId\":\"site_", "\"tenantId\":\"ten_", "\"submissionId\":"));
        assertThat(accepted.output()).anyMatch(line -> line.startsWith("{\"_aws\":") && line.contains("\"Accepted\""));
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

    /**
     * The router's and the connector's jars leave out what the other one needs (ADR 0022): each handler runs from its
     * own jar, the router with a bus event for a stored submission, sending the delivery job to SQS on moto_server,
     * and the connector with that job, making its attempt (the receiver's host does not resolve here, so the attempt
     * fails and is recorded; the handler reports no failed message).
     */
    @Test
    void routerAndConnectorJarsDeliverASubmission() {
        BenchSite site = runner.site();
        TenantId tenant = new TenantId(site.tenantId());
        Clock clock = Clock.systemUTC();
        new ConnectorService(runner.storage(), runner.cipher(), OutboundPolicy.allowLocal(), clock)
                .create(tenant, ConnectorService.Spec.webhook("receiver", "https://receiver.invalid/hook"));
        Instant receivedAt = clock.instant();
        Submission submission = new Submission(
                tenant,
                new SiteId(site.siteId()),
                SubmissionId.receivedAt(receivedAt),
                "msg_shadedjars_delivery",
                "contact",
                "{\"formId\":\"contact\",\"fields\":{\"email\":\"ada@example.org\"}}",
                60,
                receivedAt,
                SubmissionStatus.ACCEPTED,
                receivedAt.plus(Duration.ofDays(1)));
        assertThat(new SubmissionRepository(runner.storage()).insertIfAbsent(submission))
                .isTrue();
        try (SqsClient sqs = runner.moto().client(SqsClient.builder())) {
            String queueUrl =
                    sqs.createQueue(b -> b.queueName("shadedjars-deliveries")).queueUrl();
            Map<String, String> env = Map.of(
                    QueueSettings.QUEUE_URL_ENV,
                    queueUrl,
                    "AWS_ENDPOINT_URL_SQS",
                    runner.moto().endpoint(),
                    EmailSender.MAIL_FROM_ENV,
                    "Form-Bridge <no-reply@formbridge.example>",
                    "BENCH_SUBMISSION_ID",
                    submission.id().value(),
                    "BENCH_WEBHOOK_ID",
                    submission.webhookId(),
                    "BENCH_RECEIVED_AT",
                    receivedAt.toString());

            Run routed = runner.run("router", runner.jar("router"), env);

            assertThat(routed.answer()).as(String.join("\n", routed.output())).isEqualTo("queued=1");
            assertThat(log4jStatusErrors(routed)).isEmpty();
            List<Message> jobs = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            assertThat(jobs).hasSize(1);

            Map<String, String> connectorEnv = new HashMap<>(env);
            connectorEnv.put("BENCH_JOB", jobs.getFirst().body());
            Run attempted = runner.run("connector", runner.jar("connector"), connectorEnv);

            assertThat(attempted.answer())
                    .as(String.join("\n", attempted.output()))
                    .isEqualTo("failures=0");
            assertThat(log4jStatusErrors(attempted)).isEmpty();
            assertThat(attempted.output())
                    .noneMatch(line -> MISSING_CLASS.matcher(line).find());
            assertThat(new DeliveryRepository(runner.storage()).ofSubmission(tenant, submission.id()))
                    .singleElement()
                    .satisfies(delivery -> assertThat(delivery.attempts())
                            .singleElement()
                            .satisfies(attempt -> assertThat(attempt.error())
                                    .as("the receiver's host does not resolve")
                                    .contains("receiver.invalid")));
        }
    }

    /**
     * The jars are pruned after shading (lambdas/src/build/PruneUnusedClasses.java): every class left in a pruned
     * package, and every trimmed service client, must still load, verify and initialise, so that no kept class refers
     * to a removed one. Log4j's async loggers are left out: they need the LMAX Disruptor, which no jar carries (nor
     * did before pruning).
     */
    @ParameterizedTest
    @ValueSource(strings = {"authorizer", "ingest", "router", "connector"})
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

    private static final Pattern MISSING_CLASS = Pattern.compile("NoClassDefFoundError|ClassNotFoundException");

    private static final Pattern STATUS_ERROR = Pattern.compile("^\\S+ \\S+ (WARN|ERROR|FATAL) |StatusLogger");

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run this test through Maven (failsafe sets it)");
        }
        return value;
    }
}
