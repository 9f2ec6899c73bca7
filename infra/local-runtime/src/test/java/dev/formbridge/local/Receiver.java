package dev.formbridge.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real local HTTP receiver for webhook tests: records every request and answers from a script (then 200). */
final class Receiver implements AutoCloseable {
    /** One scripted answer: a status, optional headers, an optional delay before answering. */
    record Answer(int status, Map<String, String> headers, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), 0);
        }
    }

    /** What arrived: headers by lower-case name, the body bytes, when. */
    record Request(Map<String, String> headers, byte[] body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = Answer.of(200);

    private Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static Receiver start() throws IOException {
        return new Receiver(0);
    }

    /** A receiver on a given port (to come back "up" where a connector points). */
    static Receiver startOn(int port) throws IOException {
        return new Receiver(port);
    }

    Receiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    Receiver otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            Answer answer = script.poll();
            if (answer == null) {
                answer = otherwise;
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            requests.add(new Request(headers, body, Instant.now()));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
            OutputStream out = exchange.getResponseBody();
            out.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
