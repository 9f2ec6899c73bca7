package dev.formbridge.benchmark.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One webhook receiver per connector, each a JDK {@code HttpServer} on its own port of 127.0.0.1, handling requests on
 * virtual threads: it notes the arrival first, answers 200 without a body at once, then records the request. Separate
 * servers rather than paths of one: the delivery HTTP client pools connections per host and port (Apache's defaults:
 * 5 per route, 25 in all), and eight connectors are eight destinations, not one.
 */
final class Receivers implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Arrivals into = new Arrivals();

    private Receivers(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int connector = i;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> receive(connector, exchange));
            server.setExecutor(handlers);
            server.start();
            servers.add(server);
        }
    }

    static Receivers start(int count) throws IOException {
        return new Receivers(count);
    }

    /** From now on, requests are recorded in {@code arrivals}. */
    void recordInto(Arrivals arrivals) {
        into = arrivals;
    }

    String url(int connector) {
        return "http://127.0.0.1:" + servers.get(connector).getAddress().getPort() + "/hooks/c" + connector;
    }

    private void receive(int connector, HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        Instant at = Instant.now();
        byte[] body;
        String webhookId;
        try (exchange) {
            body = exchange.getRequestBody().readAllBytes();
            webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            exchange.sendResponseHeaders(200, -1);
        }
        into.record(connector, webhookId, body, nanos, at);
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        handlers.shutdownNow();
    }
}
