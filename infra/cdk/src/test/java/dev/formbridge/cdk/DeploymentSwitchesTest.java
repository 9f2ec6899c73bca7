package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The context switches: provisioned concurrency for the synchronous functions, and SnapStart off for comparison. */
class DeploymentSwitchesTest {
    private final Synthesized synthesized = Synthesized.with(Map.of(
            "formbridge:provisionedConcurrency", "2",
            "formbridge:snapStart", "false",
            "formbridge:portalImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/formbridge-portal:1.0"));
    private final Template template = synthesized.template();

    @Test
    void provisioned_concurrency_goes_to_the_authorizer_and_ingest_aliases_only() {
        Map<String, Map<String, Object>> aliases = properties(template, "AWS::Lambda::Alias");
        assertThat(aliases)
                .allSatisfy((id, alias) -> assertThat(
                                at(alias, "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"))
                        .as(id)
                        .isEqualTo(id.startsWith("Ingest") ? 2 : null));
    }

    @Test
    void without_snapstart_the_functions_run_c1_with_the_serial_collector() {
        assertThat(properties(template, "AWS::Lambda::Function")).allSatisfy((id, function) -> {
            assertThat(function.get("SnapStart")).as(id).isNull();
            assertThat(at(function, "Environment", "Variables", "JAVA_TOOL_OPTIONS"))
                    .as(id)
                    .isEqualTo(JavaFunction.C1_FLAGS);
        });
    }

    @Test
    void a_portal_image_in_ecr_is_pulled_with_a_grant_for_its_repository() throws Exception {
        String policies = dev.formbridge.Json.MAPPER.writeValueAsString(properties(template, "AWS::IAM::Policy"));
        assertThat(policies).contains("ecr:BatchGetImage").contains(":repository/formbridge-portal");
    }

    @Test
    void settings_left_at_their_placeholders_warn_before_a_deploy() {
        Annotations annotations = Annotations.fromStack(synthesized.stack());
        annotations.hasWarning("*", Match.stringLikeRegexp(".*formbridge:portalDomain is a placeholder.*"));
        assertThat(synthesized.stack().getNode().tryGetContext("formbridge:portalImage"))
                .isNotNull();
        annotations.hasNoWarning("*", Match.stringLikeRegexp(".*formbridge:portalImage is a placeholder.*"));
    }
}
