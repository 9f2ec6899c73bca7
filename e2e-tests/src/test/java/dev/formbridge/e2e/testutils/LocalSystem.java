package dev.formbridge.e2e.testutils;

import dev.formbridge.secret.SigningSecret;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole system as {@code scripts/run-local} starts it — the local runtime's jar (dynalite, ingest, bus,
 * deliveries) and the portal's jar (the local OpenID Connect provider, then the portal) — on free loopback ports with
 * a fresh {@code FORMBRIDGE_HOME} under {@code target/e2e/}. Logs stay there after {@link #close()}.
 *
 * <p>Start one per test class in {@code @BeforeAll}; starting takes 10–30 s.
 */
public final class LocalSystem implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern SITE_KEY = Pattern.compile("(?m)^\\s*site key:\\s*(\\S+)");
    private static final Pattern SECRET = Pattern.compile("(?m)^\\s*secret:\\s*(whsec_\\S+)");
    private static final String LOOPBACK = "http://127.0.0.1:";

    private final Path dir;
    private final int idpPort;
    private final int portalPort;
    private final JarProcess runtime;
    private final JarProcess portal;
    private final Thread shutdownHook = new Thread(this::stopProcesses, "local-system-stop");
    private String ingestUrl;

    private LocalSystem(Path dir, int idpPort, int portalPort, JarProcess runtime, JarProcess portal) {
        this.dir = dir;
        this.idpPort = idpPort;
        this.portalPort = portalPort;
        this.runtime = runtime;
        this.portal = portal;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts both jars at once (the portal waits for the runtime) and returns when all of it answers. */
    public static LocalSystem start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with more environment for both processes (e.g. FORMBRIDGE_ALLOW_PRIVATE_TARGETS). */
    public static LocalSystem start(Map<String, String> extraEnv) {
        Path dir = createRunDirectory();
        int idpPort = freePort();
        int portalPort = freePort();
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putAll(Map.of(
                "FORMBRIDGE_HOME",
                dir.resolve("home").toString(),
                // 0: the runtime takes a free port and writes its URL into runtime.properties
                "FORMBRIDGE_PORT",
                "0",
                "FORMBRIDGE_IDP_PORT",
                Integer.toString(idpPort),
                "FORMBRIDGE_PORTAL_PORT",
                Integer.toString(portalPort),
                "FORMBRIDGE_TOOLS_DIR",
                requiredProperty("formbridge.tools.dir"),
                "POWERTOOLS_SERVICE_NAME",
                "formbridge-e2e",
                "AWS_EMF_ENVIRONMENT",
                "Local",
                "AWS_REGION",
                "eu-west-1"));
        JarProcess runtime = JarProcess.start(
                "local runtime",
                Path.of(requiredProperty("formbridge.local-runtime.jar")),
                List.of("run"),
                env,
                dir.resolve("runtime.log"));
        JarProcess portal = JarProcess.start(
                "portal",
                Path.of(requiredProperty("formbridge.portal.jar")),
                List.of(),
                env,
                dir.resolve("portal.log"));
        LocalSystem system = new LocalSystem(dir, idpPort, portalPort, runtime, portal);
        try {
            system.awaitReady();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The portal's base URL, {@code http://127.0.0.1:<port>}. */
    public String portalUrl() {
        return LOOPBACK + portalPort;
    }

    /** The full ingest URL, {@code http://127.0.0.1:<port>/v1/submissions}. */
    public String ingestUrl() {
        return ingestUrl;
    }

    /** The local OpenID Connect provider's base URL (its issuer). */
    public String idpUrl() {
        return LOOPBACK + idpPort;
    }

    /** The password of a seeded demo user (admin@, viewer@ or support@demo.formbridge.dev). */
    public String demoPassword(String email) {
        String password = load(home().resolve("idp/demo-logins.properties")).getProperty(email);
        if (password == null) {
            throw new IllegalArgumentException(email + " is not a demo user");
        }
        return password;
    }

    /** The demo site the runtime created at its first start, with the secret it printed once. */
    public DemoSite demoSite() {
        String output = runtime.logText();
        Matcher key = SITE_KEY.matcher(output);
        Matcher secret = SECRET.matcher(output);
        if (!key.find() || !secret.find()) {
            throw new IllegalStateException("the runtime did not print a demo site; see " + runtime.log());
        }
        return new DemoSite(key.group(1), SigningSecret.parse(secret.group(1)));
    }

    /** This system's {@code FORMBRIDGE_HOME}. */
    public Path home() {
        return dir.resolve("home");
    }

    /** Stops the portal, then the runtime; keeps the logs and deletes the data. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: it stops the processes
        }
        stopProcesses();
        deleteRecursively(home());
    }

    /** The site {@code LocalRuntime} creates on a fresh home, and its signing secret. */
    public record DemoSite(String siteKey, SigningSecret secret) {}

    private void stopProcesses() {
        portal.stop();
        runtime.stop();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        await(
                runtime,
                deadline,
                "write runtime.properties and print the demo site",
                () -> readIngestUrl() && SECRET.matcher(runtime.logText()).find());
        await(runtime, deadline, "answer on " + ingestUrl, () -> Http.status(ingestUrl) > 0);
        String discovery = idpUrl() + "/.well-known/openid-configuration";
        await(portal, deadline, "answer 200 on " + discovery, () -> Http.status(discovery) == 200);
        String styles = portalUrl() + "/styles.css";
        await(portal, deadline, "answer 200 on " + styles, () -> Http.status(styles) == 200);
    }

    private boolean readIngestUrl() {
        Path file = home().resolve("runtime.properties");
        if (Files.exists(file)) {
            ingestUrl = load(file).getProperty("ingest.url");
        }
        return ingestUrl != null;
    }

    private void await(JarProcess process, Instant deadline, String what, BooleanSupplier ready) {
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw notReady(process, "exited with code " + process.exitValue() + " before it could " + what);
            }
            if (Instant.now().isAfter(deadline)) {
                throw notReady(process, "did not " + what + " within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static IllegalStateException notReady(JarProcess process, String problem) {
        return new IllegalStateException("The " + process.name() + " " + problem + ". Last lines of " + process.log()
                + ":\n" + process.logTail(40));
    }

    private static Path createRunDirectory() {
        try {
            Path parent = Path.of(System.getProperty("basedir", "."), "target", "e2e");
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "system-");
            Files.createDirectories(dir.resolve("home"));
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the system under test", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the end-to-end tests "
                    + "through Maven (failsafe sets it): ./mvnw verify -pl e2e-tests");
        }
        return value;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the system to start", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // only test data under target/: a leftover does no harm
        }
    }
}
