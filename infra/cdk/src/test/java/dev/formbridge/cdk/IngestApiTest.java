package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.logicalId;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The HTTP API in front of ingest: the cached site-key authorizer, the route, throttling and access logs. */
class IngestApiTest {
    private final Template template = Synthesized.defaults().template();

    @Test
    void the_authorizer_is_cached_per_site_key_header_with_simple_responses() {
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Match.objectLike(Map.of(
                        "AuthorizerType",
                        "REQUEST",
                        "IdentitySource",
                        List.of("$request.header.x-formbridge-site"),
                        "AuthorizerResultTtlInSeconds",
                        300,
                        "EnableSimpleResponses",
                        true,
                        "AuthorizerPayloadFormatVersion",
                        "2.0")));
    }

    @Test
    void the_authorizer_and_the_integration_invoke_the_live_aliases() {
        String authorizerAlias = logicalId(template, "AWS::Lambda::Alias", "IngestAuthorizerLive");
        String ingestAlias = logicalId(template, "AWS::Lambda::Alias", "IngestLive");
        assertThat(at(
                        properties(template, "AWS::ApiGatewayV2::Authorizer")
                                .values()
                                .iterator()
                                .next(),
                        "AuthorizerUri"))
                .asString()
                .contains(authorizerAlias);
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Integration",
                Match.objectLike(Map.of(
                        "IntegrationType", "AWS_PROXY",
                        "IntegrationUri", Map.of("Ref", ingestAlias),
                        "PayloadFormatVersion", "2.0")));
    }

    @Test
    void only_post_to_the_submissions_path_exists_and_it_needs_the_authorizer() {
        template.allResourcesProperties(
                "AWS::ApiGatewayV2::Route",
                Match.objectLike(Map.of("RouteKey", "POST " + IngestApi.PATH, "AuthorizationType", "CUSTOM")));
    }

    @Test
    void the_stage_throttles_and_writes_access_logs() {
        String accessLogs = logicalId(template, "AWS::Logs::LogGroup", "IngestAccessLogs");
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Match.objectLike(Map.of(
                        "StageName", "$default",
                        "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000),
                        "AccessLogSettings",
                                Match.objectLike(
                                        Map.of("DestinationArn", Map.of("Fn::GetAtt", List.of(accessLogs, "Arn")))))));
        assertThat(properties(template, "AWS::Logs::LogGroup").get(accessLogs).get("RetentionInDays"))
                .isEqualTo(30);
    }

    @Test
    void the_authorizer_hands_refusals_to_ingest_so_senders_get_the_contracts_401() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Handler",
                        LambdaJars.AUTHORIZER_HANDLER + "::handleRequest",
                        "Environment",
                        Map.of("Variables", Match.objectLike(Map.of(IngestApi.DENIALS_ENV, "ingest"))))));
    }

    @Test
    void ingest_publishes_to_the_bus_as_its_source_only() {
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Action",
                                        "events:PutEvents",
                                        "Condition",
                                        Map.of("StringEquals", Map.of("events:source", "formbridge.ingest"))))))))));
    }
}
