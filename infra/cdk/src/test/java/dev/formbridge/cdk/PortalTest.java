package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The portal runs on ARM64 Fargate and signs in through Cognito with exactly the settings its aws profile reads. */
class PortalTest {
    private final Template template = Synthesized.defaults().template();
    private final Map<String, Object> task =
            properties(template, "AWS::ECS::TaskDefinition").values().iterator().next();

    @Test
    void the_portal_runs_on_arm64_linux() {
        assertThat(task.get("RuntimePlatform"))
                .isEqualTo(Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"));
        assertThat(task.get("RequiresCompatibilities")).isEqualTo(List.of("FARGATE"));
    }

    @Test
    void the_container_gets_every_variable_of_the_portals_aws_profile() {
        Map<Object, Object> env = environment();
        assertThat(env)
                .containsKeys(
                        "FORMBRIDGE_TABLE",
                        "FORMBRIDGE_KMS_KEY_ID",
                        "FORMBRIDGE_INGEST_URL",
                        "FORMBRIDGE_OIDC_ISSUER",
                        "FORMBRIDGE_OIDC_CLIENT_ID",
                        "FORMBRIDGE_DELIVERY_QUEUE_URL")
                .containsEntry("SPRING_PROFILES_ACTIVE", "aws")
                .containsEntry("FORMBRIDGE_OIDC_GROUPS_CLAIM", "cognito:groups")
                .containsEntry("FORMBRIDGE_SUPPORT_GROUP", Portal.SUPPORT_GROUP)
                .containsEntry("FORMBRIDGE_PORTAL_PORT", "8081");
        Object secrets = at(container(), "Secrets");
        assertThat(dev.formbridge.Json.MAPPER.valueToTree(secrets).toString())
                .contains("FORMBRIDGE_OIDC_CLIENT_SECRET")
                .contains("PortalClientSecret");
    }

    @Test
    void the_user_pool_has_the_support_group_and_a_code_flow_client_for_the_portal() {
        template.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", Portal.SUPPORT_GROUP));
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Match.objectLike(Map.of(
                        "GenerateSecret", true,
                        "AllowedOAuthFlows", List.of("code"),
                        "CallbackURLs", List.of("https://portal.formbridge.example/login/oauth2/code/formbridge"))));
        template.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Match.objectLike(
                        Map.of("SecretString", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "ClientSecret")))));
    }

    @Test
    void the_load_balancer_speaks_https_and_keeps_sessions_on_one_task() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of("Protocol", "HTTPS", "Port", 443)));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Match.objectLike(Map.of(
                        "TargetGroupAttributes",
                        Match.arrayWith(List.of(Map.of("Key", "stickiness.enabled", "Value", "true"))))));
    }

    @Test
    void the_stack_adds_no_helper_function_of_its_own() {
        // custom resources (log retention, default security group, client secret) would add Node.js functions on x86
        assertThat(properties(template, "AWS::Lambda::Function").values().stream()
                        .map(f -> f.get("Runtime"))
                        .collect(Collectors.toSet()))
                .containsExactly("java25");
    }

    private Map<String, Object> container() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers = (List<Map<String, Object>>) task.get("ContainerDefinitions");
        return containers.getFirst();
    }

    private Map<Object, Object> environment() {
        List<?> pairs = (List<?>) container().get("Environment");
        return pairs.stream()
                .map(p -> (Map<?, ?>) p)
                .collect(Collectors.toMap(p -> p.get("Name"), p -> p.get("Value")));
    }
}
