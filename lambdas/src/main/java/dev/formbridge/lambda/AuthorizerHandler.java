package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.SiteAuthorizer;
import dev.formbridge.ingest.SiteAuthorizer.Decision;
import dev.formbridge.storage.Storage;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses): the site-key header names an active site of an
 * active tenant → authorized, with {@code tenantId} and {@code siteId} as context for ingest. API Gateway caches the
 * answer per site key. When storage is unavailable it throws, so that no "deny" is cached for a good site.
 */
public final class AuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
    private final SiteAuthorizer authorizer;
    private final Metrics metrics;

    public AuthorizerHandler() {
        this(authorizerFromEnvironment(), Environment.metrics());
    }

    public AuthorizerHandler(SiteAuthorizer authorizer, Metrics metrics) {
        this.authorizer = authorizer;
        this.metrics = metrics;
    }

    private static SiteAuthorizer authorizerFromEnvironment() {
        IngestSettings settings = IngestSettings.fromEnvironment();
        Storage storage = Environment.storage();
        return new SiteAuthorizer(Environment.siteDirectory(storage, settings), storage, Clock.systemUTC(), settings);
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> decide(event));
    }

    private SimpleIAMPolicyResponse decide(APIGatewayV2CustomAuthorizerEvent event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        Decision decision = authorizer.decide(headers.get(IngestRequest.SITE_HEADER));
        if (decision.unavailable()) {
            throw new StorageUnavailable();
        }
        if (!decision.allowed()) {
            metrics.flushSingleMetric(
                    "AuthorizerDenied",
                    1,
                    MetricUnit.COUNT,
                    Environment.METRICS_NAMESPACE,
                    DimensionSet.of("Reason", decision.reason().reason()));
            return SimpleIAMPolicyResponse.builder().withIsAuthorized(false).build();
        }
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(true)
                .withContext(Map.of("tenantId", decision.tenantId(), "siteId", decision.siteId()))
                .build();
    }

    /** Storage could not answer: fail the authorization (API Gateway answers 500 and caches nothing). */
    public static final class StorageUnavailable extends RuntimeException {
        StorageUnavailable() {
            super("site directory unavailable", null, false, false);
        }
    }
}
