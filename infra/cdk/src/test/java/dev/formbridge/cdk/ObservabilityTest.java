package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.logicalId;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** An operator hears about errors, throttles, dead letters and slow ingest; logs do not pile up forever. */
class ObservabilityTest {
    private final Template template = Synthesized.defaults().template();
    private final Collection<Map<String, Object>> alarms =
            properties(template, "AWS::CloudWatch::Alarm").values();

    @Test
    void every_function_alias_has_an_error_alarm_and_a_throttle_alarm() {
        for (String function : properties(template, "AWS::Lambda::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarms).as(function + " " + metric).anySatisfy(alarm -> {
                    assertThat(alarm.get("MetricName")).isEqualTo(metric);
                    assertThat(alarm.get("Namespace")).isEqualTo("AWS/Lambda");
                    assertThat(dev.formbridge.Json.MAPPER
                                    .valueToTree(alarm.get("Dimensions"))
                                    .toString())
                            .contains("{\"Ref\":\"" + function + "\"}")
                            .contains(":" + JavaFunction.ALIAS);
                });
            }
        }
    }

    @Test
    void a_single_message_in_any_dead_letter_queue_alarms() {
        for (String queue : List.of("DeliveryDeadLetters", "EventsRouterDeadLetters")) {
            String id = logicalId(template, "AWS::SQS::Queue", queue);
            assertThat(alarms).as(queue).anySatisfy(alarm -> {
                assertThat(alarm.get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
                assertThat(alarm.get("Threshold")).isEqualTo(1);
                assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
                assertThat(alarm.get("Dimensions"))
                        .isEqualTo(List.of(
                                Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(id, "QueueName")))));
            });
        }
    }

    @Test
    void ingest_latency_p99_as_senders_see_it_alarms() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "Namespace", "AWS/ApiGateway",
                        "MetricName", "Latency",
                        "ExtendedStatistic", "p99",
                        "Threshold", 1000)));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "5xx")));
    }

    @Test
    void every_alarm_notifies_the_alarm_topic() {
        String topic = logicalId(template, "AWS::SNS::Topic", "ObservabilityAlarms");
        assertThat(alarms)
                .isNotEmpty()
                .allSatisfy(alarm -> assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", topic))));
    }

    @Test
    void every_log_group_has_a_retention() {
        assertThat(properties(template, "AWS::Logs::LogGroup"))
                .isNotEmpty()
                .allSatisfy((id, group) ->
                        assertThat(group.get("RetentionInDays")).as(id).isNotNull());
    }

    @Test
    void the_dashboard_shows_the_form_bridge_metrics() {
        Map<String, Object> dashboard = properties(template, "AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next();
        assertThat(dev.formbridge.Json.MAPPER
                        .valueToTree(at(dashboard, "DashboardBody"))
                        .toString())
                .contains("FormBridge")
                .contains("Accepted")
                .contains("Delivered")
                .contains("ApproximateNumberOfMessagesVisible");
    }
}
