package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every Lambda function is deployed the one way ADR 0006 and 0011 decided. */
class LambdaFunctionsTest {
    private final Template template = Synthesized.defaults().template();
    private final Map<String, Map<String, Object>> functions = properties(template, "AWS::Lambda::Function");

    @Test
    void the_stack_has_the_four_functions_of_the_design_and_no_other() {
        assertThat(functions.values().stream().map(f -> f.get("Handler")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        LambdaJars.AUTHORIZER_HANDLER + "::handleRequest",
                        LambdaJars.INGEST_HANDLER + "::handleRequest",
                        LambdaJars.ROUTER_HANDLER + "::handleRequest",
                        LambdaJars.CONNECTOR_HANDLER + "::handleRequest");
    }

    @Test
    void every_function_runs_on_arm64_with_the_java_25_runtime() {
        assertThat(functions).allSatisfy((id, function) -> {
            assertThat(function.get("Architectures")).as(id).isEqualTo(List.of("arm64"));
            assertThat(function.get("Runtime")).as(id).isEqualTo("java25");
        });
    }

    @Test
    void every_function_has_snapstart_on_published_versions_and_no_c1_flags() {
        assertThat(functions).allSatisfy((id, function) -> {
            assertThat(at(function, "SnapStart", "ApplyOn")).as(id).isEqualTo("PublishedVersions");
            assertThat(at(function, "Environment", "Variables", "JAVA_TOOL_OPTIONS"))
                    .as(id + ": with SnapStart the runtime's defaults stay (ADR 0006)")
                    .isNull();
        });
    }

    @Test
    void every_function_has_a_live_alias_on_a_published_version_of_itself() {
        Map<String, Map<String, Object>> aliases = properties(template, "AWS::Lambda::Alias");
        Map<String, Map<String, Object>> versions = properties(template, "AWS::Lambda::Version");
        for (String function : functions.keySet()) {
            assertThat(aliases.values()).as(function).anySatisfy(alias -> {
                assertThat(alias.get("Name")).isEqualTo(JavaFunction.ALIAS);
                assertThat(alias.get("FunctionName")).isEqualTo(Map.of("Ref", function));
                String version = (String) ((List<?>) at(alias, "FunctionVersion", "Fn::GetAtt")).getFirst();
                assertThat(versions.get(version).get("FunctionName")).isEqualTo(Map.of("Ref", function));
            });
        }
    }

    @Test
    void every_function_logs_json_with_system_logs_at_warn_and_lets_its_emf_lines_through() {
        assertThat(functions).allSatisfy((id, function) -> {
            assertThat(at(function, "LoggingConfig", "LogFormat")).as(id).isEqualTo("JSON");
            assertThat(at(function, "LoggingConfig", "SystemLogLevel")).as(id).isEqualTo("WARN");
            // an EMF line has no level, so Lambda files it as INFO: a higher level here would drop the metrics
            assertThat(at(function, "LoggingConfig", "ApplicationLogLevel"))
                    .as(id)
                    .isEqualTo("INFO");
        });
    }

    @Test
    void router_and_connector_log_problems_only_while_the_authorizer_and_ingest_log_every_request() {
        Map<String, Object> levels = functions.values().stream()
                .collect(Collectors.toMap(
                        f -> ((String) f.get("Handler")).replaceFirst("::.*$", ""),
                        f -> at(f, "Environment", "Variables", JavaFunction.LOG_LEVEL_ENV)));
        assertThat(levels)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        LambdaJars.AUTHORIZER_HANDLER, "INFO",
                        LambdaJars.INGEST_HANDLER, "INFO",
                        LambdaJars.ROUTER_HANDLER, "WARN",
                        LambdaJars.CONNECTOR_HANDLER, "WARN"));
    }

    @Test
    void every_function_logs_into_its_own_group_with_a_retention() {
        Map<String, Map<String, Object>> groups = properties(template, "AWS::Logs::LogGroup");
        assertThat(functions).allSatisfy((id, function) -> {
            String group = (String) at(function, "LoggingConfig", "LogGroup", "Ref");
            assertThat(groups.get(group).get("RetentionInDays")).as(id).isEqualTo(30);
        });
        assertThat(functions.values().stream()
                        .map(f -> at(f, "LoggingConfig", "LogGroup", "Ref"))
                        .collect(Collectors.toSet()))
                .hasSize(functions.size());
    }

    @Test
    void every_function_names_its_service_for_powertools_and_its_table() {
        Set<Object> services = functions.values().stream()
                .map(f -> at(f, "Environment", "Variables", "POWERTOOLS_SERVICE_NAME"))
                .collect(Collectors.toSet());
        assertThat(services)
                .containsExactlyInAnyOrder(
                        "formbridge-authorizer", "formbridge-ingest", "formbridge-router", "formbridge-connector");
        template.allResourcesProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        "POWERTOOLS_METRICS_NAMESPACE",
                                        "FormBridge",
                                        "FORMBRIDGE_TABLE",
                                        Match.anyValue()))))));
    }

    @Test
    void memory_is_the_measured_default_and_timeouts_fit_their_callers() {
        assertThat(functions.values())
                .allSatisfy(f -> assertThat(f.get("MemorySize")).isEqualTo(JavaFunctionProps.DEFAULT_MEMORY_MB));
        Map<Object, Object> timeouts =
                functions.values().stream().collect(Collectors.toMap(f -> f.get("Handler"), f -> f.get("Timeout")));
        // API Gateway waits 30 s at most for ingest; the connector's covers a batch of connector timeouts
        assertThat((Integer) timeouts.get(LambdaJars.INGEST_HANDLER + "::handleRequest"))
                .isLessThan(30)
                // with less, ingest answers every request 503: it stores only with time for the insert, the mark
                // and a publish in hand (ADR 0004)
                .isGreaterThan((int) dev.formbridge.ingest.IngestService.LEAST_TIME_TO_ACCEPT.toSeconds() + 1);
        assertThat((Integer) timeouts.get(LambdaJars.CONNECTOR_HANDLER + "::handleRequest"))
                .isEqualTo((int) DeliveryQueues.connectorTimeout(dev.formbridge.delivery.QueueSettings.DELIVERY)
                        .toSeconds());
    }

    @Test
    void no_alias_keeps_provisioned_instances_unless_the_context_asks() {
        template.allResourcesProperties(
                "AWS::Lambda::Alias", Match.objectLike(Map.of("ProvisionedConcurrencyConfig", Match.absent())));
    }
}
