package dev.formbridge.e2e.benchmark;

import dev.formbridge.e2e.testutils.LocalSystem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Times a system that {@link LocalSystem#start()} is starting, from other threads while it starts: when the local
 * runtime answers, and when the portal's {@code GET /} first ends on the provider's sign-in page. LocalSystem picks the
 * home and the ports and returns only once everything is up (polling every 250 ms), so this finds the portal's JVM
 * among this JVM's children and reads both from its environment ({@code /proc}, Linux only).
 */
final class StartObserver implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String SIGN_IN_HEADING = "Sign in to Form-Bridge";
    private static final String SIGN_IN_FORM = "<form method=\"post\" action=\"/login\">";

    private final long spawnedAt;
    private final CompletableFuture<Double> runtimeReady = new CompletableFuture<>();
    private final CompletableFuture<Double> signInPage = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final Thread watcher;
    private volatile double signInRequest = Double.NaN;

    private StartObserver(long spawnedAt) {
        this.spawnedAt = spawnedAt;
        this.watcher = Thread.ofPlatform().daemon().name("start-observer").start(this::watch);
    }

    /** Starts watching; {@code spawnedAt} is the {@link System#nanoTime()} just before {@code LocalSystem.start()}. */
    static StartObserver watch(long spawnedAt) {
        return new StartObserver(spawnedAt);
    }

    /**
     * Milliseconds from the spawn to the runtime's first answer and to the first sign-in page, and how long that first
     * successful {@code GET /} took (its redirects included).
     */
    record Times(double runtimeReady, double signInPage, double signInRequest) {}

    /** Waits for both instants. */
    Times await(Duration timeout) {
        try {
            return new Times(
                    runtimeReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    signInPage.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    signInRequest);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not observe the start: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the system did not show the sign-in page within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        IllegalStateException closed = new IllegalStateException("observer closed");
        runtimeReady.completeExceptionally(closed);
        signInPage.completeExceptionally(closed);
        watcher.interrupt();
        http.shutdownNow();
    }

    private void watch() {
        try {
            Map<String, String> env = environment(awaitPortalProcess());
            Path runtimeFile = Path.of(env.get("FORMBRIDGE_HOME"), "runtime.properties");
            String portal = "http://127.0.0.1:" + env.get("FORMBRIDGE_PORTAL_PORT") + "/";
            Thread.ofVirtual().start(() -> pollUntil(runtimeReady, () -> runtimeAnswers(runtimeFile)));
            pollUntil(signInPage, () -> showsSignInPage(portal));
        } catch (RuntimeException e) {
            runtimeReady.completeExceptionally(e);
            signInPage.completeExceptionally(e);
        }
    }

    private void pollUntil(CompletableFuture<Double> instant, BooleanSupplier condition) {
        while (!instant.isDone()) {
            if (condition.getAsBoolean()) {
                instant.complete((System.nanoTime() - spawnedAt) / 1e6);
            } else if (!sleep()) {
                instant.completeExceptionally(new IllegalStateException("interrupted"));
            }
        }
    }

    private ProcessHandle awaitPortalProcess() {
        Path jar = Path.of(System.getProperty("formbridge.portal.jar", "portal.jar"));
        while (true) {
            Optional<ProcessHandle> portal = ProcessHandle.current()
                    .children()
                    .filter(child -> child.info()
                            .arguments()
                            .map(args -> List.of(args).contains(jar.toString()))
                            .orElse(false))
                    .findFirst();
            if (portal.isPresent()) {
                return portal.get();
            }
            if (!sleep()) {
                throw new IllegalStateException("interrupted before the portal's JVM appeared");
            }
        }
    }

    private static Map<String, String> environment(ProcessHandle process) {
        Map<String, String> env = new HashMap<>();
        try {
            String all = Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ"));
            for (String entry : all.split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    env.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portal's environment (Linux /proc)", e);
        }
        return env;
    }

    /** As LocalSystem decides it: the runtime wrote its ingest URL, and something answers there. */
    private boolean runtimeAnswers(Path runtimeFile) {
        if (!Files.exists(runtimeFile)) {
            return false;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(runtimeFile, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return false;
        }
        String ingest = properties.getProperty("ingest.url");
        return ingest != null && get(ingest).isPresent();
    }

    /** {@code GET /} of the portal, redirects followed: the provider's page with its sign-in form. */
    private boolean showsSignInPage(String portal) {
        long start = System.nanoTime();
        boolean shown = get(portal)
                .filter(response -> response.statusCode() == 200
                        && response.body().contains(SIGN_IN_HEADING)
                        && response.body().contains(SIGN_IN_FORM))
                .isPresent();
        if (shown) {
            signInRequest = (System.nanoTime() - start) / 1e6;
        }
        return shown;
    }

    private Optional<HttpResponse<String>> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
