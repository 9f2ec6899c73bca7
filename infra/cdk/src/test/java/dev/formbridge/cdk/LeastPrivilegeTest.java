package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.at;
import static dev.formbridge.cdk.testutils.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.cdk.testutils.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** No identity policy of the stack grants wildcards on data; the functions stay inside tenant partitions. */
class LeastPrivilegeTest {
    /** Services that hold or carry tenant data, or the keys to it. */
    private static final List<String> DATA_SERVICES =
            List.of("dynamodb:", "kms:", "sqs:", "events:", "ses:", "secretsmanager:");

    private final Template template = Synthesized.defaults().template();
    private final List<Map<String, Object>> statements = statements();

    @Test
    void no_statement_grants_a_wildcard_action_on_a_data_service() {
        assertThat(statements)
                .allSatisfy(statement -> assertThat(actions(statement))
                        .noneMatch(action -> action.equals("*") || action.endsWith(":*"))
                        .noneMatch(action -> action.equals("dynamodb:*")));
    }

    @Test
    void no_statement_on_a_data_service_applies_to_every_resource() {
        assertThat(statements)
                .filteredOn(statement -> actions(statement).stream().anyMatch(LeastPrivilegeTest::isData))
                .allSatisfy(statement -> assertThat(resources(statement))
                        .as(statement.toString())
                        .isNotEmpty()
                        .noneMatch("*"::equals));
    }

    @Test
    void nobody_may_scan_batch_write_or_transact_on_the_table() {
        assertThat(statements)
                .allSatisfy(statement -> assertThat(actions(statement))
                        .noneMatch(action -> action.startsWith("dynamodb:Scan")
                                || action.startsWith("dynamodb:BatchWrite")
                                || action.startsWith("dynamodb:Transact")));
    }

    @Test
    void only_the_portal_reads_items_by_key_in_batches_for_its_listings() {
        Map<String, Map<String, Object>> policies = properties(template, "AWS::IAM::Policy");
        List<String> batchReaders = new ArrayList<>();
        policies.forEach((id, policy) -> statementsOf(policy).stream()
                .filter(s -> actions(s).contains(TableAccess.BATCH_GET))
                .forEach(s -> batchReaders.add(id)));
        // the indexes copy keys (and gsi1 the submission columns): the portal's other listings read items by key
        assertThat(batchReaders).singleElement().satisfies(id -> assertThat(id).startsWith("Portal"));
    }

    @Test
    void every_lambda_statement_on_the_table_is_limited_to_tenant_partitions() {
        Map<String, Map<String, Object>> policies = properties(template, "AWS::IAM::Policy");
        List<Map<String, Object>> lambdaTableStatements = new ArrayList<>();
        policies.forEach((id, policy) -> {
            if (!id.startsWith("Portal")) {
                statementsOf(policy).stream()
                        .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                        .forEach(lambdaTableStatements::add);
            }
        });
        assertThat(lambdaTableStatements).hasSize(4).allSatisfy(statement -> {
            assertThat(at(statement, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys"))
                    .isEqualTo(List.of("TENANT#*"));
            assertThat(at(statement, "Condition", "Null", "dynamodb:LeadingKeys"))
                    .isEqualTo("false");
            assertThat(resources(statement)).allSatisfy(r -> assertThat(r).doesNotContain("/index/"));
        });
    }

    @Test
    void the_table_key_is_usable_through_dynamodb_only() {
        String tableKey = dev.formbridge.cdk.testutils.Resources.logicalId(template, "AWS::KMS::Key", "DataTableKey");
        assertThat(statements)
                .filteredOn(s -> resources(s).stream().anyMatch(r -> r.contains(tableKey)))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(at(s, "Condition", "StringEquals", "kms:ViaService"))
                        .isNotNull());
    }

    private static boolean isData(String action) {
        return DATA_SERVICES.stream().anyMatch(action::startsWith);
    }

    private List<Map<String, Object>> statements() {
        List<Map<String, Object>> all = new ArrayList<>();
        properties(template, "AWS::IAM::Policy").values().forEach(p -> all.addAll(statementsOf(p)));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(Map<String, Object> policy) {
        return (List<Map<String, Object>>) at(policy, "PolicyDocument", "Statement");
    }

    private static List<String> actions(Map<String, Object> statement) {
        return strings(statement.get("Action"));
    }

    /** Resources as text: literal ARNs as they are, intrinsic functions as their JSON. */
    private static List<String> resources(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        List<?> list = resource instanceof List<?> l ? l : resource == null ? List.of() : List.of(resource);
        return list.stream()
                .map(r -> r instanceof String s
                        ? s
                        : dev.formbridge.Json.MAPPER.valueToTree(r).toString())
                .toList();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String.class::cast).toList();
        }
        return value == null ? List.of() : List.of((String) value);
    }
}
