package dev.formbridge.benchmark.coldstart;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.LocalStore;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.storage.DynamoClients;
import dev.formbridge.storage.Storage;
import dev.formbridge.testutils.MotoServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start benchmark's machinery, opened to the shaded-jar integration test: dynalite with a real site,
 * moto_server (EventBridge; SQS when a test creates a queue there), and one fresh JVM per call that runs a real handler
 * from a shaded jar under the deployed flags ({@link FlagSet#DEPLOY}) and returns its answer ({@code authorized=…},
 * {@code status=…}, {@code queued=…} or {@code failures=…}).
 */
public final class ShadedJarRunner implements AutoCloseable {
    private final Jars jars;
    private final Path child;
    private final Path work;
    private final LocalStore store;
    private final EventBus bus;
    private final BenchSite site;
    private final Map<String, String> env;
    private final Map<String, Case> cases = new HashMap<>();

    private ShadedJarRunner(Jars jars, Path child, Path work, LocalStore store, EventBus bus) {
        this.jars = jars;
        this.child = child;
        this.work = work;
        this.store = store;
        this.bus = bus;
        this.site = store.createSite("shadedjars");
        this.env = ColdStartRun.environment(store, site, bus);
    }

    /**
     * Copies the shaded jars from {@code lambdasTarget} and the child jar into {@code work}, starts dynalite and
     * moto_server, and creates a site. Fails when moto_server is missing: the accepted ingest path needs it.
     */
    public static ShadedJarRunner start(Path lambdasTarget, Path childJar, Path work) throws IOException {
        Files.createDirectories(work);
        Path child = ColdStartRun.copy(childJar, work);
        Jars jars = Jars.find(lambdasTarget, work);
        LocalStore store = LocalStore.start(work);
        EventBus bus;
        try {
            bus = EventBus.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (bus.environment().containsKey(EventBus.BAD_SIGNATURE_ENV)) {
            bus.close();
            store.close();
            throw new IllegalStateException("moto_server is not available (see the message above), but the shaded-jar"
                    + " test needs it for the accepted ingest path (EventBridge): install it with"
                    + " pip install 'moto[server]'");
        }
        try {
            return new ShadedJarRunner(jars, child, work, store, bus);
        } catch (RuntimeException e) {
            bus.close();
            store.close();
            throw e;
        }
    }

    /** The shaded jar made for one function: {@code authorizer}, {@code ingest}, {@code router}, {@code connector}. */
    public Path jar(String classifier) {
        return switch (classifier) {
            case "authorizer" -> jars.authorizer();
            case "ingest" -> jars.ingest();
            case "router" -> jars.router();
            case "connector" -> jars.connector();
            default -> throw new IllegalArgumentException(classifier);
        };
    }

    /** The local table the children use, with the site's tenant in it. */
    public Storage storage() {
        return store.storage();
    }

    /** The secrets' cipher the children use (the local key file). */
    public SecretCipher cipher() {
        return store.cipher();
    }

    /** The tenant and site of {@link #siteKey()}. */
    public BenchSite site() {
        return site;
    }

    /** moto_server, which the children reach for EventBridge (and SQS when a test points them there). */
    public MotoServer moto() {
        return bus.moto();
    }

    /** The real site's key. */
    public String siteKey() {
        return site.siteKey();
    }

    /** The local DynamoDB-compatible server the children use. */
    public String dynamoEndpoint() {
        return env.get(DynamoClients.ENDPOINT_ENV);
    }

    /**
     * Runs {@code function} from {@code jar} once in a fresh JVM with the deployed flags and returns its answer; the
     * overrides replace or add environment variables ({@code BENCH_SITE_KEY}, {@link #BAD_SIGNATURE}).
     */
    public String answer(String function, Path jar, Map<String, String> overrides) {
        return run(function, jar, overrides).answer();
    }

    /** What one run answered, and what its JVM printed (its log lines, and Log4j's own status messages if any). */
    public record Run(String answer, List<String> output) {}

    /** The same run, with everything the child printed. */
    public Run run(String function, Path jar, Map<String, String> overrides) {
        // one Case per function and jar, so that each ingest run gets a fresh webhook-id
        Case c = cases.computeIfAbsent(
                function + " " + jar,
                k -> new Case(
                        function,
                        jar.getFileName().toString(),
                        jar + File.pathSeparator + child,
                        FlagSet.DEPLOY,
                        work));
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.putAll(overrides);
        ChildJvm.Sample sample = c.runOnce(runEnv, site);
        return new Run(sample.answer(), sample.output());
    }

    /**
     * The same run with {@code function} loaded as Lambda loads it: its jar extracted into a task directory and loaded
     * by a class loader of its own, the thread's context loader ({@code TaskLoader}).
     */
    public Run runAsLambdaLoads(String function, Map<String, String> overrides) throws IOException {
        Path jar = jar(function);
        Path task = TaskDirectory.extract(work.resolve(function + "-task"), jar, child);
        Case c = cases.computeIfAbsent(
                function + " task " + jar,
                k -> Case.asLambdaLoads(function, jar.getFileName().toString(), child, task, FlagSet.DEPLOY, work));
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.putAll(overrides);
        ChildJvm.Sample sample = c.runOnce(runEnv, site);
        return new Run(sample.answer(), sample.output());
    }

    /** Set (to anything) in the overrides, ingest gets an event with a signature that does not match its body. */
    public static final String BAD_SIGNATURE = EventBus.BAD_SIGNATURE_ENV;

    @Override
    public void close() {
        bus.close();
        store.close();
    }
}
