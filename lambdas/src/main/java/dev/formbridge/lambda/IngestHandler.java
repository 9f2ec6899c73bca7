package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestResult;
import dev.formbridge.ingest.IngestService;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.Rejection;
import dev.formbridge.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@code POST /v1/submissions} behind the HTTP API and its authorizer: takes the tenant and site from the authorizer
 * context, the raw body (base64-decoded when the gateway encoded it) and the headers, and answers per the contract.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IngestService ingest;
    private final Metrics metrics;
    private final int maxBodyBytes;
    /** Held so the CRaC context, which holds resources weakly, keeps it; null where nothing is snapshotted. */
    private final Priming priming;

    /**
     * Used by the Lambda runtime: builds everything from the environment, once per container, and primes the accepted
     * path's reads and checks before a SnapStart snapshot.
     */
    public IngestHandler() {
        this(ingestFromEnvironment(), Environment.metrics(), true);
    }

    public IngestHandler(IngestService ingest, Metrics metrics) {
        this(ingest, metrics, false);
    }

    private IngestHandler(IngestService ingest, Metrics metrics, boolean primed) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.maxBodyBytes = IngestSettings.MAX_BODY_BYTES;
        this.priming = primed ? Priming.register("ingest", ingest::warmUp) : null;
    }

    private static IngestService ingestFromEnvironment() {
        IngestSettings settings = IngestSettings.fromEnvironment();
        Storage storage = Environment.storage();
        return new IngestService(
                Environment.siteDirectory(storage, settings),
                storage,
                Environment.secretCipher(),
                Environment.eventPublisher(),
                Clock.systemUTC(),
                settings);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                return handle(event, Duration.ofMillis(context.getRemainingTimeInMillis()));
            } finally {
                metrics.flush();
            }
        });
    }

    /** {@code timeLeft}: before the function is stopped; ingest stores and publishes only with enough of it. */
    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Duration timeLeft) {
        Map<String, String> authorizer = authorizerContext(event);
        String denied = authorizer.get(AuthorizerHandler.DENIED);
        if (denied != null) {
            // the authorizer refused the site key (ADR 0010): the contract's 401, nothing read, nothing stored
            Rejection rejection = deniedBy(denied);
            count("Rejected", rejection);
            return HttpAnswers.error(rejection, rejection.message(), 0);
        }
        byte[] body = bodyOf(event);
        if (body == null) {
            count("Rejected", Rejection.PAYLOAD_TOO_LARGE);
            return HttpAnswers.error(Rejection.PAYLOAD_TOO_LARGE, Rejection.PAYLOAD_TOO_LARGE.message(), 0);
        }
        IngestRequest request = new IngestRequest(
                authorizer.get("tenantId"),
                authorizer.get("siteId"),
                event.getHeaders() == null ? Map.of() : event.getHeaders(),
                body);
        IngestResult result = ingest.ingest(request, timeLeft);
        switch (result) {
            case IngestResult.Refused refused -> count("Rejected", refused.rejection());
            case IngestResult.Accepted accepted -> metrics.addMetric("Accepted", 1, MetricUnit.COUNT);
            case IngestResult.Duplicate duplicate -> metrics.addMetric("Duplicate", 1, MetricUnit.COUNT);
        }
        return HttpAnswers.of(result);
    }

    /** The raw body bytes; null when it is larger than the contract allows (checked before decoding it all). */
    private byte[] bodyOf(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            if ((long) body.length() * 3 / 4 > maxBodyBytes + 3) {
                return null;
            }
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        if (body.length() > maxBodyBytes) {
            return null;
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The authorizer's reason; any value that is not an authentication failure still refuses as an unknown site. */
    static Rejection deniedBy(String reason) {
        for (Rejection rejection : Rejection.values()) {
            if (rejection.reason().equals(reason) && rejection.status() == 401) {
                return rejection;
            }
        }
        return Rejection.UNKNOWN_SITE;
    }

    private static Map<String, String> authorizerContext(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getLambda() == null) {
            return Map.of();
        }
        Map<String, String> context = new java.util.HashMap<>();
        event.getRequestContext().getAuthorizer().getLambda().forEach((k, v) -> context.put(k, String.valueOf(v)));
        return context;
    }

    private void count(String metric, Rejection rejection) {
        metrics.flushSingleMetric(
                metric,
                1,
                MetricUnit.COUNT,
                Environment.METRICS_NAMESPACE,
                DimensionSet.of("Reason", rejection.reason()));
    }
}
