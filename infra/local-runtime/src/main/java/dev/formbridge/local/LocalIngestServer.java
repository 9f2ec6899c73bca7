package dev.formbridge.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.lambda.AuthorizerHandler;
import dev.formbridge.lambda.IngestHandler;
import dev.formbridge.lambda.LocalContext;
import dev.formbridge.submission.SubmissionPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /v1/submissions} on loopback the way the HTTP API does in AWS: it builds a payload-2.0 authorizer
 * event from the request, calls the authorizer handler, and on "authorized" builds the API Gateway v2 HTTP event with
 * the authorizer's context and calls the ingest handler. Denials get the contract's single 401 body.
 */
public final class LocalIngestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalIngestServer.class);
    static final String PATH = "/v1/submissions";
    /** Requests handled at once; more wait in the executor's queue. */
    static final int WORKERS = 32;

    private static final String UNAUTHORIZED =
            "{\"error\":\"unauthorized\",\"message\":\"The request could not be authenticated.\"}";

    private final HttpServer server;
    private final ExecutorService workers;
    private final AuthorizerHandler authorizer;
    private final IngestHandler ingest;

    private LocalIngestServer(
            HttpServer server, ExecutorService workers, AuthorizerHandler authorizer, IngestHandler ingest) {
        this.server = server;
        this.workers = workers;
        this.authorizer = authorizer;
        this.ingest = ingest;
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port). */
    public static LocalIngestServer start(int port, AuthorizerHandler authorizer, IngestHandler ingest) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            // Platform threads, reused like a Lambda container's: the handlers' thread-local caches (Log4j's event and
            // encoder, Jackson's buffers) would start empty on a virtual thread per request.
            ExecutorService workers = Executors.newFixedThreadPool(
                    WORKERS,
                    Thread.ofPlatform().name("local-ingest-", 0).daemon(true).factory());
            LocalIngestServer local = new LocalIngestServer(server, workers, authorizer, ingest);
            server.createContext("/", local::handle);
            server.setExecutor(workers);
            server.start();
            return local;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(
                        exchange,
                        404,
                        "{\"error\":\"not_found\",\"message\":\"Only POST " + PATH + " exists.\"}",
                        Map.of());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(
                        exchange,
                        405,
                        "{\"error\":\"method_not_allowed\",\"message\":\"Use POST.\"}",
                        Map.of("Allow", "POST"));
                return;
            }
            Map<String, String> headers = headersOf(exchange);
            SimpleIAMPolicyResponse decision;
            try {
                decision = authorizer.handleRequest(authorizerEvent(headers), new LocalContext("authorizer"));
            } catch (AuthorizerHandler.StorageUnavailable e) {
                send(
                        exchange,
                        503,
                        "{\"error\":\"unavailable\",\"message\":\"Temporarily unavailable; retry with the "
                                + "same webhook-id after Retry-After.\"}",
                        Map.of("Retry-After", "5"));
                return;
            }
            if (!decision.getIsAuthorized()) {
                exchange.getRequestBody().close();
                send(exchange, 401, UNAUTHORIZED, Map.of());
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), IngestSettings.MAX_BODY_BYTES + 1);
            APIGatewayV2HTTPResponse response = ingest.handleRequest(
                    httpEvent(exchange, headers, body, decision.getContext()), new LocalContext("ingest"));
            send(exchange, response.getStatusCode(), response.getBody(), response.getHeaders());
        } catch (RuntimeException e) {
            log.error("local ingest failed: {}", e.getClass().getName());
            send(exchange, 500, "{\"error\":\"internal\",\"message\":\"Internal error.\"}", Map.of());
        }
    }

    /** Headers as API Gateway passes them in payload 2.0: lower-case names, repeated values joined by commas. */
    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
        }
        return headers;
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent(Map<String, String> headers) {
        String siteKey = headers.get(IngestRequest.SITE_HEADER);
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteKey("POST " + PATH)
                .withRawPath(PATH)
                .withIdentitySource(siteKey == null ? List.of() : List.of(siteKey))
                .withHeaders(headers)
                .build();
    }

    private static APIGatewayV2HTTPEvent httpEvent(
            HttpExchange exchange, Map<String, String> headers, byte[] body, Map<String, String> authorizerContext) {
        String text = SubmissionPayload.utf8(body).orElse(null);
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean asText =
                text != null && (contentType.startsWith("application/json") || contentType.startsWith("text/"));
        Map<String, Object> lambdaContext = new HashMap<>(authorizerContext);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST " + PATH)
                .withRawPath(PATH)
                .withHeaders(headers)
                .withBody(asText ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!asText)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(lambdaContext)
                                .build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(PATH)
                                .withSourceIp(
                                        exchange.getRemoteAddress().getAddress().getHostAddress())
                                .build())
                        .build())
                .build();
    }

    /** Reads up to {@code limit} bytes; a larger body is cut there (ingest then answers 413 from the length). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit);
        in.skip(Long.MAX_VALUE);
        return body;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (headers != null) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // let requests under way finish (the runtime closes the store next), then stop whatever still runs
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
