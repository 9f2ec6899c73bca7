package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.Rejection;
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
 * answer per site key.
 *
 * <p>API Gateway answers a denial with 403 and an authorizer failure with 500, where the contract promises 401 and
 * 503. With {@value IngestSettings#AUTHORIZER_DENIALS_ENV}={@value IngestSettings#DENIALS_BY_INGEST} (set by the CDK
 * app, ADR 0010) the authorizer therefore never denies: a refused key is allowed with {@value #DENIED} = the reason,
 * and ingest answers the contract's 401 without reading anything; when storage is unavailable it is allowed without a
 * site, and ingest resolves the site-key header itself (its own checks, its own 503). Otherwise (the local runtime,
 * which answers 401 and 503 itself) it denies, and throws when storage is unavailable so no deny is cached.
 */
public final class AuthorizerHandler
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
    /** The context key of a refusal handed to ingest; its value is the {@link Rejection#reason()}. */
    public static final String DENIED = "denied";

    private final SiteAuthorizer authorizer;
    private final Metrics metrics;
    private final boolean refusalsToIngest;
    /** Held so the CRaC context, which holds resources weakly, keeps it; null where nothing is snapshotted. */
    private final Priming priming;

    /** What the runtime calls: built from the environment, primed before a SnapStart snapshot. */
    public AuthorizerHandler() {
        this(
                authorizerFromEnvironment(),
                Environment.metrics(),
                IngestSettings.DENIALS_BY_INGEST.equals(System.getenv(IngestSettings.AUTHORIZER_DENIALS_ENV)),
                true);
    }

    public AuthorizerHandler(SiteAuthorizer authorizer, Metrics metrics) {
        this(authorizer, metrics, false);
    }

    /** {@code refusalsToIngest}: allow refused keys with a {@value #DENIED} context instead of denying them. */
    public AuthorizerHandler(SiteAuthorizer authorizer, Metrics metrics, boolean refusalsToIngest) {
        this(authorizer, metrics, refusalsToIngest, false);
    }

    private AuthorizerHandler(SiteAuthorizer authorizer, Metrics metrics, boolean refusalsToIngest, boolean primed) {
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.refusalsToIngest = refusalsToIngest;
        this.priming = primed ? Priming.register("authorizer", authorizer::warmUp) : null;
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
            if (refusalsToIngest) {
                // cached like any answer; ingest checks the site itself meanwhile, so nothing is let through
                return SimpleIAMPolicyResponse.builder()
                        .withIsAuthorized(true)
                        .withContext(Map.of("authorizer", "unavailable"))
                        .build();
            }
            throw new StorageUnavailable();
        }
        if (!decision.allowed()) {
            metrics.flushSingleMetric(
                    "AuthorizerDenied",
                    1,
                    MetricUnit.COUNT,
                    Environment.METRICS_NAMESPACE,
                    DimensionSet.of("Reason", decision.reason().reason()));
            if (refusalsToIngest) {
                return SimpleIAMPolicyResponse.builder()
                        .withIsAuthorized(true)
                        .withContext(Map.of(DENIED, decision.reason().reason()))
                        .build();
            }
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
