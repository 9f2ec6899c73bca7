package dev.formbridge.portal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets the portal shows next to a new secret really work: each one is run with its real interpreter and sends
 * to a local server that verifies the signature exactly as ingest does.
 */
class SnippetsTest {
    private static final String SITE_KEY = "fbk_test_site";

    private final SigningSecret secret = SigningSecret.generate();
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startVerifyingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/submissions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            long timestamp = Long.parseLong(headers.getFirst("webhook-timestamp"));
            boolean ok = SITE_KEY.equals(headers.getFirst("X-FormBridge-Site"))
                    && headers.getFirst("Content-Type").startsWith("application/json")
                    && WebhookSignature.verify(secret, headers.getFirst("webhook-signature"), id, timestamp, body);
            if (ok) {
                verified.add(new String(body, StandardCharsets.UTF_8));
            }
            byte[] answer = (ok ? "{\"status\":\"accepted\"}" : "{\"error\":\"unauthorized\"}").getBytes();
            exchange.sendResponseHeaders(ok ? 202 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/submissions";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void the_curl_and_openssl_snippet_sends_a_verifiable_signature() throws Exception {
        assumeTrue(onPath("curl") && onPath("openssl") && onPath("xxd"), "curl, openssl and xxd are needed");
        run(List.of("bash", "-c", Snippets.curl(url, SITE_KEY, secret.reveal())));
        assertThat(verified).singleElement().asString().contains("\"formId\":\"contact\"");
    }

    @Test
    void the_python_snippet_sends_a_verifiable_signature() throws Exception {
        assumeTrue(onPath("python3"), "python3 is needed");
        run(List.of("python3", "-c", Snippets.python(url, SITE_KEY, secret.reveal())));
        assertThat(verified).hasSize(1);
    }

    @Test
    void the_node_snippet_sends_a_verifiable_signature() throws Exception {
        assumeTrue(onPath("node"), "node is needed");
        run(List.of("node", "--input-type=module", "-e", Snippets.node(url, SITE_KEY, secret.reveal())));
        assertThat(verified).hasSize(1);
    }

    @Test
    void the_wordpress_php_snippet_sends_a_verifiable_signature(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("php"), "php is needed");
        // the few WordPress functions the snippet calls, as WordPress defines their effect
        String wordpress = """
                <?php
                function wp_json_encode($data) { return json_encode($data); }
                function home_url() { return 'https://shop.example'; }
                function wp_generate_uuid4() { return bin2hex(random_bytes(16)); }
                function wp_remote_post($url, $args) {
                    $headers = '';
                    foreach ($args['headers'] as $name => $value) { $headers .= "$name: $value\\r\\n"; }
                    $context = stream_context_create(['http' => ['method' => 'POST', 'header' => $headers,
                        'content' => $args['body'], 'ignore_errors' => true]]);
                    return file_get_contents($url, false, $context);
                }
                ?>
                """;
        Path script = dir.resolve("snippet.php");
        Files.writeString(script, wordpress + Snippets.php(url, SITE_KEY, secret.reveal()));
        run(List.of("php", script.toString()));
        assertThat(verified).singleElement().asString().contains("\"plugin\":\"my-form-plugin\"");
    }

    @Test
    void every_snippet_names_the_site_key_the_secret_and_the_ingest_url() {
        Snippets.forSite(url, SITE_KEY, secret.reveal())
                .values()
                .forEach(code -> assertThat(code).contains(SITE_KEY, secret.reveal(), url));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("snippet finished; output: %s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
