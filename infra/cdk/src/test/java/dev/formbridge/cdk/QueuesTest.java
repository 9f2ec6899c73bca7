package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Nothing that fails is dropped: every queue, every bus target and every asynchronous invocation has a DLQ. */
class QueuesTest {
    private final Template template = Synthesized.defaults().template();
    private final Map<String, Map<String, Object>> queues = properties(template, "AWS::SQS::Queue");

    @Test
    void every_queue_is_a_dead_letter_queue_or_has_one() {
        Set<String> deadLetterQueues = deadLetterQueues();
        assertThat(deadLetterQueues).isNotEmpty();
        assertThat(queues).allSatisfy((id, queue) -> {
            if (!deadLetterQueues.contains(id)) {
                assertThat(at(queue, "RedrivePolicy", "deadLetterTargetArn"))
                        .as(id + " has a DLQ")
                        .isNotNull();
            }
        });
    }

    @Test
    void the_router_rule_and_the_routers_failed_invocations_end_in_the_same_dlq() {
        Map<String, Object> rule =
                properties(template, "AWS::Events::Rule").values().iterator().next();
        Object target = ((List<?>) rule.get("Targets")).getFirst();
        Object ruleDlq = at(target, "DeadLetterConfig", "Arn", "Fn::GetAtt");
        assertThat(ruleDlq).isNotNull();
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Match.objectLike(Map.of(
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt", ruleDlq))))));
    }

    @Test
    void every_queue_is_encrypted_and_refuses_plain_http() {
        assertThat(queues)
                .allSatisfy((id, queue) ->
                        assertThat(queue.get("SqsManagedSseEnabled")).as(id).isEqualTo(true));
        template.allResourcesProperties(
                "AWS::SQS::QueuePolicy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void the_connector_reports_partial_batch_failures_and_is_capped_by_maximum_concurrency() {
        template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Match.objectLike(Map.of(
                        "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                        "ScalingConfig", Map.of("MaximumConcurrency", Match.anyValue()))));
        template.allResourcesProperties(
                "AWS::Lambda::Function", Match.objectLike(Map.of("ReservedConcurrentExecutions", Match.absent())));
    }

    @Test
    void the_connector_timeout_fits_in_the_visibility_timeout() {
        assertThat(DeliveryQueues.connectorTimeout(dev.formbridge.delivery.QueueSettings.DELIVERY))
                .isLessThanOrEqualTo(dev.formbridge.delivery.QueueSettings.DELIVERY.visibilityTimeout());
    }

    private Set<String> deadLetterQueues() {
        Set<String> found = new HashSet<>();
        queues.values().forEach(q -> addGetAtt(found, at(q, "RedrivePolicy", "deadLetterTargetArn", "Fn::GetAtt")));
        properties(template, "AWS::Events::Rule")
                .values()
                .forEach(rule -> ((List<?>) rule.get("Targets"))
                        .forEach(t -> addGetAtt(found, at(t, "DeadLetterConfig", "Arn", "Fn::GetAtt"))));
        properties(template, "AWS::Lambda::EventInvokeConfig")
                .values()
                .forEach(c -> addGetAtt(found, at(c, "DestinationConfig", "OnFailure", "Destination", "Fn::GetAtt")));
        return found;
    }

    private static void addGetAtt(Set<String> ids, Object getAtt) {
        if (getAtt instanceof List<?> list) {
            ids.add((String) list.getFirst());
        }
    }
}
