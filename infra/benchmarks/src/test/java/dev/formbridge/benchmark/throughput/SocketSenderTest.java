package dev.formbridge.benchmark.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark's hand-written client against the JDK's HTTP server, which the local runtime serves ingest
 * with: a sender that misread a response would desynchronise its connection and the benchmark would count garbage.
 */
class SocketSenderTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newSingleThreadExecutor();
        server.setExecutor(executor);
        server.createContext("/v1/submissions", exchange -> answer(exchange, 202, "{\"id\":\"sub_1\"}", Map.of()));
        server.createContext("/closing", exchange -> answer(exchange, 200, "", Map.of("Connection", "close")));
        server.createContext("/chunked", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0); // length 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("chunk".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void posts_requests_one_after_another_on_one_kept_alive_connection_and_reads_each_status() throws IOException {
        try (SocketSender sender = new SocketSender(url("/v1/submissions"))) {
            for (int i = 0; i < 3; i++) {
                int status = sender.post(
                        Map.of("Content-Type", "application/json", "webhook-id", "msg_" + i),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));

                assertThat(status).isEqualTo(202);
            }
        }

        assertThat(bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        assertThat(headers).extracting(h -> h.get("Webhook-id")).containsExactly("msg_0", "msg_1", "msg_2");
        assertThat(headers).extracting(h -> h.get("Content-type")).containsOnly("application/json");
        assertThat(connections).hasSize(1);
    }

    @Test
    void opens_a_new_connection_after_the_server_said_it_closes_this_one() throws IOException {
        try (SocketSender sender = new SocketSender(url("/closing"))) {
            assertThat(sender.post(Map.of(), new byte[] {'a'})).isEqualTo(200);
            assertThat(sender.post(Map.of(), new byte[] {'b'})).isEqualTo(200);
        }

        assertThat(bodies).containsExactly("a", "b");
        assertThat(connections).hasSize(2);
    }

    @Test
    void refuses_a_response_it_cannot_frame_and_reconnects_for_the_next_request() throws IOException {
        try (SocketSender sender = new SocketSender(url("/chunked"))) {
            assertThatThrownBy(() -> sender.post(Map.of(), new byte[] {'a'}))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Transfer-Encoding");
            assertThatThrownBy(() -> sender.post(Map.of(), new byte[] {'b'})).isInstanceOf(IOException.class);
        }

        assertThat(bodies).containsExactly("a", "b");
        assertThat(connections).hasSize(2);
    }

    @Test
    void refuses_a_response_whose_body_runs_until_the_connection_closes() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket connection = raw.accept()) {
                    connection.getInputStream().read(new byte[4096]);
                    connection
                            .getOutputStream()
                            .write("HTTP/1.1 200 OK\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test fails on the sender's side if the answer never arrives
                }
            });
            try (SocketSender sender = new SocketSender(URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/"))) {
                assertThatThrownBy(() -> sender.post(Map.of(), new byte[] {'a'}))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("without Content-Length");
            }
        }
    }

    @Test
    void needs_a_url_with_a_port() {
        assertThatThrownBy(() -> new SocketSender(URI.create("http://127.0.0.1/v1/submissions")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void answer(HttpExchange exchange, int status, String body, Map<String, String> extra) throws IOException {
        record(exchange);
        extra.forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        headers.add(Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getFirst()))));
        connections.add(exchange.getRemoteAddress());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
