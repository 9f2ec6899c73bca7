package dev.formbridge.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs dynalite, a DynamoDB-compatible server from the npm registry, as a child process bound to 127.0.0.1. Used by the
 * local runtime and by tests. The child exits when this JVM closes its stdin (a normal stop, a crash or kill -9), so
 * it is never orphaned. Installed by the build into {@code tools/dynalite/node_modules}.
 */
public final class DynaliteServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynaliteServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an in-memory server on a free port. */
    public static DynaliteServer startInMemory() {
        return start(0, null);
    }

    /**
     * Starts a server on {@code port} (0: a free one), keeping data under {@code dataDir} (null: in memory), and waits
     * until it answers ListTables.
     */
    public static DynaliteServer start(int port, Path dataDir) {
        Path script = toolsDir().resolve("dynalite/server.js");
        List<String> command = new ArrayList<>(List.of("node", script.toString(), "--port", String.valueOf(port)));
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                command.addAll(List.of("--path", dataDir.toAbsolutePath().toString()));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            int actualPort = readPort(process);
            DynaliteServer server = new DynaliteServer(process, actualPort);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with " + command + ": " + e.getMessage(), e);
        }
    }

    /** Where the build installed the node tools: {@code -Dformbridge.tools.dir}, {@code FORMBRIDGE_TOOLS_DIR}, or found. */
    public static Path toolsDir() {
        String configured = System.getProperty("formbridge.tools.dir", System.getenv("FORMBRIDGE_TOOLS_DIR"));
        if (configured != null && !configured.isBlank()) {
            return requireInstalled(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tools/dynalite"))) {
                return requireInstalled(dir.resolve("tools"));
            }
        }
        throw new IllegalStateException(
                "tools/dynalite not found above " + Path.of("").toAbsolutePath()
                        + "; run the build from the repository root (it installs dynalite) or set FORMBRIDGE_TOOLS_DIR");
    }

    private static Path requireInstalled(Path tools) {
        if (!Files.isRegularFile(tools.resolve("dynalite/node_modules/dynalite/cli.js"))) {
            throw new IllegalStateException("dynalite is not installed under " + tools
                    + "/dynalite; run `npm ci` there (the Maven build does this in its initialize phase)");
        }
        return tools;
    }

    private static int readPort(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("DYNALITE_PORT=")) {
                Thread.ofVirtual().name("dynalite-output").start(() -> drain(out));
                return Integer.parseInt(
                        line.substring("DYNALITE_PORT=".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new IOException("dynalite exited before listening: " + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.debug("dynalite: {}", line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest listTables = HttpRequest.newBuilder(URI.create(endpoint()))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, "
                                + "SignedHeaders=host, Signature=local")
                .header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(listTables, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(20);
        }
        close();
        throw new IllegalStateException("dynalite did not answer ListTables within " + START_TIMEOUT);
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The operating-system process id of the dynalite process. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already in shutdown: the hook runs or ran
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
