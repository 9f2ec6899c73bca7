package dev.formbridge.benchmark.coldstart.child;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.formbridge.lambda.AuthorizerHandler;
import dev.formbridge.lambda.IngestHandler;
import dev.formbridge.lambda.LocalContext;
import java.util.List;
import java.util.Map;

/**
 * A Lambda cold start without Lambda: builds the real handler with its public no-arg constructor (from the environment
 * the parent set, as the CDK app would), answers one realistic event, and prints how long that took since the JVM
 * started. Usage: {@code FirstInvocation authorizer|ingest}; the event's values come from {@code BENCH_*} variables.
 */
public final class FirstInvocation {
    private static final String PATH = "/v1/submissions";

    private FirstInvocation() {}

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        String answer;
        long constructed;
        if ("authorizer".equals(args[0])) {
            AuthorizerHandler handler = new AuthorizerHandler();
            constructed = System.nanoTime();
            SimpleIAMPolicyResponse response =
                    handler.handleRequest(authorizerEvent(), new LocalContext("formbridge-authorizer"));
            answer = "authorized=" + response.getIsAuthorized();
        } else {
            IngestHandler handler = new IngestHandler();
            constructed = System.nanoTime();
            APIGatewayV2HTTPResponse response =
                    handler.handleRequest(ingestEvent(), new LocalContext("formbridge-ingest"));
            answer = "status=" + response.getStatusCode();
        }
        Answer.print(mainAt, start, constructed, answer);
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent() {
        String siteKey = Answer.env("BENCH_SITE_KEY");
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteKey("POST " + PATH)
                .withRawPath(PATH)
                .withIdentitySource(List.of(siteKey))
                .withHeaders(Map.of(
                        "content-type", "application/json",
                        "x-formbridge-site", siteKey,
                        "user-agent", "WordPress/6.9; https://bench.example"))
                .build();
    }

    private static APIGatewayV2HTTPEvent ingestEvent() {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST " + PATH)
                .withRawPath(PATH)
                .withHeaders(Map.of(
                        "content-type", "application/json",
                        "x-formbridge-site", Answer.env("BENCH_SITE_KEY"),
                        "webhook-id", Answer.env("BENCH_WEBHOOK_ID"),
                        "webhook-timestamp", Answer.env("BENCH_TIMESTAMP"),
                        "webhook-signature", Answer.env("BENCH_SIGNATURE"),
                        "user-agent", "WordPress/6.9; https://bench.example"))
                .withBody(Answer.env("BENCH_BODY"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of(
                                        "tenantId",
                                        Answer.env("BENCH_TENANT_ID"),
                                        "siteId",
                                        Answer.env("BENCH_SITE_ID")))
                                .build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(PATH)
                                .withSourceIp("203.0.113.7")
                                .build())
                        .build())
                .build();
    }
}
