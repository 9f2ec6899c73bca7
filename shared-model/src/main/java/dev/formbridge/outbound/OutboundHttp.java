package dev.formbridge.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.Closer;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way deliveries reach tenant-configured URLs. Those URLs are attacker-controlled, so every connection goes
 * through a resolver that refuses non-public addresses when the connection is made: the address checked is the address
 * connected to, which also defeats DNS rebinding. Redirects are not followed, no proxy is used, and each call has a hard
 * deadline. One instance (one connection pool) per runtime; thread-safe.
 */
public final class OutboundHttp implements AutoCloseable {

    static final int EXCERPT_BYTES = 1024;
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "Form-Bridge";

    private final OutboundPolicy policy;
    private final GuardedResolver resolver;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    public OutboundHttp(OutboundPolicy policy) {
        this(policy, DEFAULT_CONNECT_TIMEOUT, SystemDefaultDnsResolver.INSTANCE);
    }

    /** {@code connectTimeout} bounds the TCP connect on its own; each call's timeout still bounds the whole call. */
    public OutboundHttp(OutboundPolicy policy, Duration connectTimeout) {
        this(policy, connectTimeout, SystemDefaultDnsResolver.INSTANCE);
    }

    /** For tests: {@code dns} answers the lookups; the policy is still applied to its answers. */
    OutboundHttp(OutboundPolicy policy, DnsResolver dns) {
        this(policy, DEFAULT_CONNECT_TIMEOUT, dns);
    }

    private OutboundHttp(OutboundPolicy policy, Duration connectTimeout, DnsResolver dns) {
        this.policy = Objects.requireNonNull(policy);
        this.resolver = new GuardedResolver(policy, dns);
        this.client = createClient(resolver, connectTimeout);
        this.deadlines = createDeadlineTimer();
    }

    /**
     * POSTs {@code body} with {@code headers}. The status decides the outcome; a 3xx is returned, not followed.
     *
     * @throws OutboundRefusedException the URL or the address its host resolves to now is not allowed
     * @throws IOException the network failed: no connection, or no response within {@code timeout}
     */
    public Response post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        String host = checkWithoutNetwork(url, policy);
        if (GuardedResolver.literal(host) != null) {
            resolver.resolve(host); // defence in depth: HttpClient could connect to a literal without asking
        }
        HttpPost request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, null));
        request.setConfig(requestConfig(timeout));
        long started = System.nanoTime(); // a duration, not a point in time: no Clock needed
        ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            return read(response, request, started);
        } catch (IOException | RuntimeException e) {
            OutboundRefusedException refusal = refusalIn(e);
            if (refusal != null) {
                throw refusal;
            }
            if (deadline.isDone() && !deadline.isCancelled()) {
                throw timedOut(host, timeout, e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Checks a URL when a connector is saved: scheme, no credentials, a host, and (unless private addresses are allowed)
     * one lookup for an early, friendly error. {@link #post} checks again at send time, because DNS can change.
     *
     * @throws OutboundRefusedException with a message for the tenant admin
     */
    public static void checkUrl(URI url, OutboundPolicy policy) {
        checkUrl(url, policy, SystemDefaultDnsResolver.INSTANCE);
    }

    static void checkUrl(URI url, OutboundPolicy policy, DnsResolver dns) {
        String host = checkWithoutNetwork(url, policy);
        if (policy.allowPrivateAddresses()) {
            return; // local receivers may only resolve inside the runtime's network
        }
        try {
            new GuardedResolver(policy, dns).resolve(host);
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException(host + " could not be found; check the host name");
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** What came back. {@code headers} are looked up case-insensitively; {@code bodyExcerpt} is at most 1 KB. */
    public record Response(int status, Map<String, String> headers, String bodyExcerpt, Duration duration) {
        public Response {
            TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            caseInsensitive.putAll(headers);
            headers = Collections.unmodifiableMap(caseInsensitive);
        }
    }

    /** Checks what can be checked without the network; returns the host. */
    private static String checkWithoutNetwork(URI url, OutboundPolicy policy) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !policy.allowHttp()) {
            throw new OutboundRefusedException("https is required; the URL uses http");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new OutboundRefusedException("the URL must start with https://");
        }
        if (url.getRawUserInfo() != null) {
            // never echo the credentials: the message is stored and shown
            throw new OutboundRefusedException(
                    "the URL must not contain a user name or password; send credentials in a header instead");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new OutboundRefusedException("the URL must include a host name");
        }
        // java.net.URI takes any number as a port; HttpClient throws for one it cannot use, after the URL was saved
        if (url.getPort() != -1 && (url.getPort() < 1 || url.getPort() > 65_535)) {
            throw new OutboundRefusedException("the URL's port must be between 1 and 65535");
        }
        return url.getHost();
    }

    static final int MAX_CONNECTIONS_PER_DESTINATION = 32;
    static final int MAX_CONNECTIONS = 256;

    private static CloseableHttpClient createClient(DnsResolver resolver, Duration connectTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                // enough for the delivery workers' concurrency: waiting for a pooled connection would count against
                // a connector's timeout and turn a busy destination into retries (the defaults are 5 and 25)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_DESTINATION)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1)) // a frozen Lambda leaves stale connections
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                // a fixed planner: never a proxy, not even one from system properties or the environment
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                // a redirect to an internal address would only be checked by the resolver; a 3xx is a failed attempt
                .disableRedirectHandling()
                .disableAutomaticRetries() // retries are the caller's attempts, with their own backoff
                .disableCookieManagement() // one client serves every tenant
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    private static ScheduledThreadPoolExecutor createDeadlineTimer() {
        var timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("outbound-http-deadline").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static RequestConfig requestConfig(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .setResponseTimeout(Timeout.of(timeout))
                .setRedirectsEnabled(false)
                .build();
    }

    /** From here on the status is final: nothing that fails while reading or closing the body changes the outcome. */
    private static Response read(ClassicHttpResponse response, HttpPost request, long started) {
        try {
            String excerpt = readExcerpt(response.getEntity(), request);
            return new Response(
                    response.getCode(), headersOf(response), excerpt, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Closer.closeQuietly(response);
        }
    }

    /**
     * Reads at most {@link #EXCERPT_BYTES}. The status is already final, so a body that fails or stalls midway keeps
     * what arrived; a longer body is abandoned with its connection rather than drained.
     */
    private static String readExcerpt(HttpEntity entity, HttpPost request) {
        if (entity == null) {
            return "";
        }
        byte[] buffer = new byte[EXCERPT_BYTES];
        int length = 0;
        try {
            InputStream in = entity.getContent();
            int read = 0;
            while (length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) != -1) {
                length += read;
            }
            if (read != -1 && in.read() != -1) {
                request.cancel();
            }
        } catch (IOException | RuntimeException e) {
            request.cancel(); // the excerpt is best effort
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headersOf(ClassicHttpResponse response) {
        TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.merge(header.getName(), header.getValue(), (first, next) -> first + ", " + next);
        }
        return headers;
    }

    private static OutboundRefusedException refusalIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundRefusedException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private static SocketTimeoutException timedOut(String host, Duration timeout, Exception cause) {
        var timedOut = new SocketTimeoutException(host + " did not respond within " + timeout.toMillis() + " ms");
        timedOut.initCause(cause);
        return timedOut;
    }

    /**
     * The connection pool's resolver: the policy is applied to every address HttpClient is about to connect to, at the
     * moment it connects. IP literals are checked without a lookup.
     */
    private record GuardedResolver(OutboundPolicy policy, DnsResolver delegate) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress literal = literal(host);
            InetAddress[] addresses = literal != null ? new InetAddress[] {literal} : delegate.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            if (!policy.allowPrivateAddresses()) {
                for (InetAddress address : addresses) {
                    refuseIfNotPublic(host, address);
                }
            }
            return addresses;
        }

        /** Overridden so that no path returns an unresolved address for the socket to look up by itself. */
        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host))
                    .map(address -> new InetSocketAddress(address, port))
                    .toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return delegate.resolveCanonicalHostname(host);
        }

        static InetAddress literal(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                return InetAddress.ofLiteral(bare);
            } catch (IllegalArgumentException notALiteral) {
                return null;
            }
        }

        private static void refuseIfNotPublic(String host, InetAddress address) {
            AddressRules.Kind kind = AddressRules.kindOf(address);
            if (kind == AddressRules.Kind.PUBLIC) {
                return;
            }
            String ip = address.getHostAddress();
            throw new OutboundRefusedException(
                    literal(host) != null
                            ? ip + " is " + kind.words()
                            : host + " resolves to " + ip + ", " + kind.words());
        }
    }
}
