package dev.formbridge.cdk;

import dev.formbridge.event.EventContract;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.secret.KmsSecretCipher;
import dev.formbridge.storage.TableDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * {@code POST /v1/submissions} on an HTTP API: the site-key authorizer (simple responses, cached per site key for
 * {@link #AUTHORIZER_CACHE}), the ingest function behind it, stage-wide throttling as the hard ceiling above the
 * in-memory per-site limits (ADR 0005), and JSON access logs. The authorizer hands refusals to ingest as context so
 * that senders get the contract's 401, not API Gateway's 403 (ADR 0010).
 */
public final class IngestApi extends Construct {
    public static final String PATH = "/v1/submissions";
    /** The identity source: the site-key header of the contract (HTTP APIs see headers in lower case). */
    public static final String IDENTITY_SOURCE = "$request.header." + IngestRequest.SITE_HEADER;
    /** How long API Gateway reuses an authorizer answer per site key (ingest re-checks status within seconds). */
    public static final Duration AUTHORIZER_CACHE = Duration.ofMinutes(5);
    /** The authorizer answers refusals as context for ingest instead of denying (ADR 0010). */
    public static final String DENIALS_ENV = IngestSettings.AUTHORIZER_DENIALS_ENV;

    private final JavaFunction authorizer;
    private final JavaFunction ingest;
    private final HttpApi api;
    private final HttpStage stage;
    private final LogGroup accessLogs;

    public IngestApi(Construct scope, String id, IngestApiProps props) {
        super(scope, id);
        this.authorizer = createAuthorizer(props);
        this.ingest = createIngest(props);
        this.api = HttpApi.Builder.create(this, "Api")
                .apiName("formbridge-ingest")
                .description("Signed form submissions (docs/protocol.md)")
                .createDefaultStage(false)
                .build();
        this.accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(JavaFunction.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.stage = createStage(props.settings());
        api.addRoutes(AddRoutesOptions.builder()
                .path(PATH)
                .methods(List.of(HttpMethod.POST))
                .integration(new HttpLambdaIntegration("Ingest", ingest.alias()))
                .authorizer(new HttpLambdaAuthorizer(
                        "SiteKey",
                        authorizer.alias(),
                        HttpLambdaAuthorizerProps.builder()
                                .authorizerName("site-key")
                                .identitySource(List.of(IDENTITY_SOURCE))
                                .resultsCacheTtl(software.amazon.awscdk.Duration.seconds(AUTHORIZER_CACHE.toSeconds()))
                                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                                .build()))
                .build());
    }

    private JavaFunction createAuthorizer(IngestApiProps props) {
        JavaFunction function = new JavaFunction(
                this,
                "Authorizer",
                new JavaFunctionProps(
                        "authorizer",
                        props.jars().authorizer(),
                        LambdaJars.AUTHORIZER_HANDLER,
                        JavaFunctionProps.DEFAULT_MEMORY_MB,
                        Duration.ofSeconds(10),
                        Map.of(
                                TableDefinition.TABLE_ENV,
                                props.data().table().getTableName(),
                                DENIALS_ENV,
                                IngestSettings.DENIALS_BY_INGEST),
                        JavaFunctionProps.LogLevel.INFO,
                        props.settings().snapStart(),
                        props.settings().provisionedConcurrency()));
        // site and tenant reads; counters and security events (audit chain: newest event, then the next)
        props.access()
                .grantTenantItems(
                        function.function(),
                        List.of(TableAccess.GET, TableAccess.PUT, TableAccess.UPDATE, TableAccess.QUERY));
        return function;
    }

    private JavaFunction createIngest(IngestApiProps props) {
        JavaFunction function = new JavaFunction(
                this,
                "Ingest",
                new JavaFunctionProps(
                        "ingest",
                        props.jars().ingest(),
                        LambdaJars.INGEST_HANDLER,
                        JavaFunctionProps.DEFAULT_MEMORY_MB,
                        Duration.ofSeconds(15),
                        Map.of(
                                TableDefinition.TABLE_ENV,
                                props.data().table().getTableName(),
                                EventContract.BUS_ENV,
                                props.events().bus().getEventBusName(),
                                KmsSecretCipher.KEY_ID_ENV,
                                props.data().secretsKey().getKeyArn()),
                        JavaFunctionProps.LogLevel.INFO,
                        props.settings().snapStart(),
                        props.settings().provisionedConcurrency()));
        props.access()
                .grantTenantItems(
                        function.function(),
                        List.of(TableAccess.GET, TableAccess.PUT, TableAccess.UPDATE, TableAccess.QUERY));
        props.access().grantSecrets(function.function(), false);
        function.function()
                .addToRolePolicy(PolicyStatement.Builder.create()
                        .sid("PublishSubmissionEvents")
                        .actions(List.of("events:PutEvents"))
                        .resources(List.of(props.events().bus().getEventBusArn()))
                        .conditions(Map.of("StringEquals", Map.of("events:source", EventContract.SOURCE_INGEST)))
                        .build());
        return function;
    }

    private HttpStage createStage(DeploymentSettings settings) {
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
        return HttpStage.Builder.create(this, "Stage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.apiRateLimit())
                        .burstLimit(settings.apiBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
    }

    /** One short JSON line per request: ids, status, latencies and the authorizer's outcome; no headers, no body. */
    static final String ACCESS_LOG_FORMAT =
            "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                    + "\"time\":\"$context.requestTimeEpoch\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
                    + "\"length\":\"$context.responseLength\",\"latency\":\"$context.responseLatency\","
                    + "\"integrationLatency\":\"$context.integrationLatency\","
                    + "\"authorizerError\":\"$context.authorizer.error\",\"site\":\"$context.authorizer.siteId\"}";

    public JavaFunction authorizer() {
        return authorizer;
    }

    public JavaFunction ingest() {
        return ingest;
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    /** The URL senders post to. */
    public String submissionsUrl() {
        return api.getApiEndpoint() + PATH;
    }
}
