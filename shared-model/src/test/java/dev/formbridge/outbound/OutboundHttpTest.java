package dev.formbridge.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(UTF_8);

    private final FakeDns dns = new FakeDns();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private Tripwire tripwire;

    @BeforeEach
    void start_a_receiver_and_a_tripwire() throws IOException {
        receiverThreads = Executors.newVirtualThreadPerTaskExecutor();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", this::receive);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        tripwire = new Tripwire();
    }

    @AfterEach
    void stop_them() throws IOException {
        release.countDown();
        receiver.stop(0);
        receiverThreads.shutdownNow();
        tripwire.close();
    }

    // --- refused by the production policy, before any connection ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://127.0.0.1:PORT/                  | 127.0.0.1 is a loopback address                     |",
                "https://localhost:PORT/                  | localhost resolves to .*, a loopback address        | localhost",
                "http://example.com/                      | https is required                                   |",
                "https://[::1]:PORT/                      | 0:0:0:0:0:0:0:1 is a loopback address               |",
                "https://[::ffff:127.0.0.1]:PORT/         | 127.0.0.1 is a loopback address                     |",
                "https://169.254.169.254/latest/meta-data | 169.254.169.254 is a link-local address             |",
                "https://10.1.2.3/                        | 10.1.2.3 is a private address                       |",
                "https://user:pass@example.com:PORT/      | must not contain a user name or password            |",
            })
    void a_url_the_production_policy_forbids_is_refused_and_nothing_is_connected_to(
            String url, String reason, String lookedUp) throws IOException {
        try (var http = new OutboundHttp(OutboundPolicy.production(), dns)) {
            assertThatThrownBy(() -> http.post(tripwire.url(url), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageMatching(".*" + reason + ".*")
                    .message()
                    .doesNotContain("user:pass");
        }
        assertThat(tripwire.connections()).isZero();
        assertThat(dns.lookups).isEqualTo(lookedUp == null ? List.of() : List.of(lookedUp));
    }

    @Test
    void a_host_name_that_resolves_to_a_private_address_is_refused_when_posting() throws IOException {
        dns.answer("internal.example", "10.0.0.5");
        try (var http = new OutboundHttp(OutboundPolicy.production(), dns)) {
            assertThatThrownBy(() -> http.post(tripwire.url("https://internal.example:PORT/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessage("internal.example resolves to 10.0.0.5, a private address");
        }
        assertThat(dns.lookups).containsExactly("internal.example");
        assertThat(tripwire.connections()).isZero();
    }

    @Test
    void one_private_address_among_public_ones_refuses_the_host() throws IOException {
        dns.answer("mixed.example", "93.184.215.14,127.0.0.1");
        try (var http = new OutboundHttp(OutboundPolicy.production(), dns)) {
            assertThatThrownBy(() -> http.post(tripwire.url("https://mixed.example:PORT/"), Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessage("mixed.example resolves to 127.0.0.1, a loopback address");
        }
        assertThat(tripwire.connections()).isZero();
    }

    @Test
    void a_host_that_rebinds_to_loopback_after_the_url_was_checked_is_refused_when_posting() throws IOException {
        // GIVEN a name that resolves to a public address first and to loopback afterwards
        dns.answer("rebind.example", "93.184.215.14");
        dns.answer("rebind.example", "127.0.0.1");
        URI url = tripwire.url("https://rebind.example:PORT/hook");

        // WHEN the connector is saved, the URL passes
        assertThatCode(() -> OutboundHttp.checkUrl(url, OutboundPolicy.production(), dns))
                .doesNotThrowAnyException();

        // THEN sending checks the address it connects to, not the one checked when saving
        try (var http = new OutboundHttp(OutboundPolicy.production(), dns)) {
            assertThatThrownBy(() -> http.post(url, Map.of(), BODY, TIMEOUT))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessage("rebind.example resolves to 127.0.0.1, a loopback address");
        }
        assertThat(dns.lookups).containsExactly("rebind.example", "rebind.example");
        assertThat(tripwire.connections()).isZero();
    }

    @Test
    void refused_posts_do_not_use_up_the_connection_pool() throws IOException {
        dns.answer("internal.example", "10.0.0.5");
        try (var http = new OutboundHttp(OutboundPolicy.production(), dns)) {
            for (int i = 0; i < 30; i++) {
                assertThatThrownBy(() -> http.post(
                                URI.create("https://internal.example/"), Map.of(), BODY, Duration.ofMillis(500)))
                        .isInstanceOf(OutboundRefusedException.class);
            }
        }
    }

    // --- checking a URL when a connector is saved ---

    @Test
    void checking_a_url_refuses_with_words_a_tenant_admin_understands() {
        dns.answer("internal.example", "10.0.0.5");
        dns.answer("nowhere.example");
        var production = OutboundPolicy.production();

        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("http://example.com/"), production, dns))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("https is required; the URL uses http");
        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("https://internal.example/"), production, dns))
                .hasMessage("internal.example resolves to 10.0.0.5, a private address");
        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("https://nowhere.example/"), production, dns))
                .hasMessage("nowhere.example could not be found; check the host name");
        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("ftp://example.com/"), production, dns))
                .hasMessage("the URL must start with https://");
        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("https:/no-host"), production, dns))
                .hasMessage("the URL must include a host name");
        assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create("https://localhost/"), production))
                .hasMessageMatching("localhost resolves to .*, a loopback address");
    }

    @Test
    void a_port_outside_1_to_65535_is_refused_when_checking_and_when_posting_and_nothing_is_connected_to()
            throws IOException {
        // java.net.URI takes these; HttpClient would throw an IllegalArgumentException for them
        for (String url : List.of("https://93.184.215.14:70000/hook", "https://93.184.215.14:0/hook")) {
            assertThatThrownBy(() -> OutboundHttp.checkUrl(URI.create(url), OutboundPolicy.production(), dns))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessage("the URL's port must be between 1 and 65535");
            try (var http = new OutboundHttp(OutboundPolicy.allowLocal(), dns)) {
                assertThatThrownBy(() -> http.post(URI.create(url), Map.of(), BODY, TIMEOUT))
                        .isInstanceOf(OutboundRefusedException.class)
                        .hasMessage("the URL's port must be between 1 and 65535");
            }
        }
        assertThat(dns.lookups).isEmpty();
    }

    @Test
    void a_refusal_never_repeats_the_credentials_in_the_url() {
        assertThatThrownBy(() -> OutboundHttp.checkUrl(
                        URI.create("https://alice:s3cret@example.com/"), OutboundPolicy.production(), dns))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("user name or password")
                .message()
                .doesNotContain("alice", "s3cret");
        assertThat(dns.lookups).isEmpty();
    }

    @Test
    void checking_a_url_accepts_https_to_a_public_address_and_the_local_policy_accepts_http_to_loopback() {
        dns.answer("public.example", "93.184.215.14");

        assertThatCode(() -> OutboundHttp.checkUrl(
                        URI.create("https://public.example/hook"), OutboundPolicy.production(), dns))
                .doesNotThrowAnyException();
        assertThatCode(() -> OutboundHttp.checkUrl(URI.create("http://127.0.0.1:8080/"), OutboundPolicy.allowLocal()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OutboundHttp.checkUrl(
                        URI.create("http://user:pass@127.0.0.1:8080/"), OutboundPolicy.allowLocal()))
                .isInstanceOf(OutboundRefusedException.class);
    }

    // --- delivering with the local policy ---

    @Test
    void a_post_sends_the_headers_and_the_exact_body_bytes_and_returns_status_and_headers() throws IOException {
        byte[] body = concat("{\"name\":\"Zoë\"}".getBytes(UTF_8), new byte[] {0, (byte) 0xFF, '\n'});
        Map<String, String> headers =
                Map.of("Content-Type", "application/json", "X-FormBridge-Signature", "v1,c2lnbmF0dXJl");

        OutboundHttp.Response response;
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal())) {
            response = http.post(receiverUrl("/hook"), headers, body, TIMEOUT);
        }

        assertThat(received).hasSize(1);
        Received request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("X-FormBridge-Signature")).isEqualTo("v1,c2lnbmF0dXJl");
        assertThat(request.body()).isEqualTo(body);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().get("Retry-After")).isEqualTo("120");
        assertThat(response.headers().get("retry-after")).isEqualTo("120");
        assertThat(response.bodyExcerpt()).isEqualTo("accepted");
        assertThat(response.duration()).isPositive().isLessThan(TIMEOUT);
    }

    @Test
    void a_redirect_is_returned_as_it_is_and_not_followed() throws IOException {
        OutboundHttp.Response response;
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal())) {
            response = http.post(receiverUrl("/moved"), Map.of(), BODY, TIMEOUT);
        }

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().get("location")).isEqualTo("/elsewhere");
        assertThat(received).extracting(Received::path).containsExactly("/moved");
    }

    @Test
    void only_the_first_kilobyte_of_a_long_response_body_is_kept() throws IOException {
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal())) {
            var response = http.post(receiverUrl("/long"), Map.of(), BODY, TIMEOUT);

            assertThat(response.bodyExcerpt())
                    .hasSize(1024)
                    .containsOnlyOnce("x")
                    .startsWith("x");
        }
    }

    @Test
    void a_proxy_from_the_system_properties_is_not_used() throws IOException {
        dns.answer("receiver.test", "127.0.0.1");
        var saved = Map.of(
                "http.proxyHost", String.valueOf(System.getProperty("http.proxyHost", "")),
                "http.proxyPort", String.valueOf(System.getProperty("http.proxyPort", "")));
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(tripwire.port()));
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal(), dns)) {
            var url = URI.create("http://receiver.test:" + receiver.getAddress().getPort() + "/hook");

            assertThat(http.post(url, Map.of(), BODY, TIMEOUT).status()).isEqualTo(202);
        } finally {
            saved.forEach((key, value) -> {
                if (value.isEmpty()) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        assertThat(tripwire.connections()).isZero();
        assertThat(received).hasSize(1);
    }

    // --- timeouts ---

    @Test
    void a_server_that_never_answers_fails_the_post_with_an_io_exception_within_about_the_timeout() throws IOException {
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal())) {
            long started = System.nanoTime();

            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(
                                    () -> http.post(receiverUrl("/silent"), Map.of(), BODY, Duration.ofMillis(500)))
                            .isInstanceOf(IOException.class));

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(450))
                    .isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void a_server_that_trickles_its_body_cannot_hold_the_caller_past_the_timeout() throws IOException {
        try (var http = new OutboundHttp(OutboundPolicy.allowLocal())) {
            long started = System.nanoTime();

            var response = assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> http.post(receiverUrl("/trickle"), Map.of(), BODY, Duration.ofMillis(500)));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyExcerpt())
                    .isNotEmpty()
                    .hasSizeLessThan(1024)
                    .containsOnlyOnce(".");
        }
    }

    // --- which addresses are public ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "::1", // loopback
                "0.0.0.0",
                "::",
                "0.1.2.3", // any-local, 0/8
                "169.254.169.254",
                "169.254.0.1",
                "fe80::1",
                "febf:ffff::1", // link-local, cloud metadata
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1", // private
                "100.64.0.1",
                "100.127.255.255", // carrier-grade NAT
                "fc00::1",
                "fd12:3456:789a::1", // unique-local
                "224.0.0.1",
                "239.255.255.250",
                "ff02::1", // multicast
                "192.0.0.8",
                "192.0.2.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "240.0.0.1",
                "255.255.255.255", // reserved, documentation, benchmarking, broadcast
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254", // IPv4-mapped
                "::127.0.0.1",
                "::10.0.0.1", // IPv4-compatible
                "64:ff9b::10.0.0.1",
                "64:ff9b::127.0.0.1",
                "64:ff9b::169.254.169.254", // NAT64
                "2002:a00:1::1",
                "2002:7f00:1::",
                "2002:a9fe:a9fe::1", // 6to4
                "2001:db8::1",
                "2001::1",
                "100::1",
                "::ffff:0:8.8.8.8" // documentation, Teredo, discard, unassigned
            })
    void addresses_off_the_public_internet_are_not_public(String address) {
        assertThat(AddressRules.isPublic(InetAddress.ofLiteral(address))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.215.14",
                "2606:4700::1111",
                "2a00:1450:4001::200e",
                "11.0.0.1",
                "100.128.0.1",
                "172.32.0.1",
                "169.255.0.1",
                "192.169.0.1",
                "223.255.255.254",
                "::ffff:8.8.8.8",
                "64:ff9b::8.8.8.8",
                "2002:808:808::1"
            })
    void public_addresses_are_public(String address) {
        assertThat(AddressRules.isPublic(InetAddress.ofLiteral(address))).isTrue();
    }

    @Test
    void ipv4_mapped_addresses_held_as_ipv6_are_judged_by_their_ipv4_part() throws UnknownHostException {
        assertThat(AddressRules.isPublic(mappedIpv6(127, 0, 0, 1))).isFalse();
        assertThat(AddressRules.isPublic(mappedIpv6(10, 0, 0, 1))).isFalse();
        assertThat(AddressRules.isPublic(mappedIpv6(169, 254, 169, 254))).isFalse();
        assertThat(AddressRules.isPublic(mappedIpv6(8, 8, 8, 8))).isTrue();
    }

    // --- fixtures ---

    private URI receiverUrl(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestHeaders(),
                exchange.getRequestBody().readAllBytes()));
        try (exchange) {
            switch (path) {
                case "/hook" -> {
                    exchange.getResponseHeaders().add("Retry-After", "120");
                    respond(exchange, 202, "accepted");
                }
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    respond(exchange, 302, "");
                }
                case "/long" -> respond(exchange, 200, "x" + "-".repeat(4999));
                case "/silent" -> awaitRelease();
                case "/trickle" -> trickle(exchange);
                default -> respond(exchange, 200, "ok");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One dot, then a dash every 50 ms: each read is quick, the whole body never ends. */
    private void trickle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write('.');
        while (!awaitRelease(50)) {
            out.write('-');
            out.flush();
        }
    }

    private void awaitRelease() {
        awaitRelease(10_000);
    }

    private boolean awaitRelease(long millis) {
        try {
            return release.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static InetAddress mappedIpv6(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private record Received(String method, String path, Headers headers, byte[] body) {}

    /** Scripted answers per name, in order (the last one repeats); other names go to the system resolver. */
    private static final class FakeDns implements DnsResolver {
        final List<String> lookups = new CopyOnWriteArrayList<>();
        private final Map<String, Deque<InetAddress[]>> answers = new ConcurrentHashMap<>();

        void answer(String host, String... commaSeparatedAddresses) {
            InetAddress[] addresses = Arrays.stream(commaSeparatedAddresses)
                    .flatMap(list -> Arrays.stream(list.split(",")))
                    .map(InetAddress::ofLiteral)
                    .toArray(InetAddress[]::new);
            answers.computeIfAbsent(host, h -> new ArrayDeque<>()).add(addresses);
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.add(host);
            Deque<InetAddress[]> script = answers.get(host);
            if (script == null) {
                return SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }
            InetAddress[] answer = script.size() > 1 ? script.poll() : script.peek();
            if (answer.length == 0) {
                throw new UnknownHostException(host);
            }
            return answer;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A listening port that counts every TCP connection made to it and serves nothing. */
    private static final class Tripwire implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        Tripwire() throws IOException {
            Thread.ofVirtual().start(this::acceptAll);
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        URI url(String template) {
            return URI.create(template.replace("PORT", String.valueOf(port())));
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
