package dev.formbridge.cdk;

import static dev.formbridge.cdk.testutils.Resources.getAtt;
import static dev.formbridge.cdk.testutils.Resources.logicalId;

import dev.formbridge.cdk.testutils.Synthesized;
import dev.formbridge.storage.TableDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The table keeps the design's promises: encrypted with our own key, recoverable, expiring, hard to delete, and no
 * index copying whole items (each copy is another write of the item, ADR 0018).
 */
class DataStoreTest {
    private final Template template = Synthesized.defaults().template();
    private final String tableKey = logicalId(template, "AWS::KMS::Key", "DataTableKey");

    @Test
    void the_table_is_encrypted_with_the_customer_managed_key() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "SSESpecification",
                        Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", getAtt(tableKey, "Arn")))));
    }

    @Test
    void both_keys_rotate_and_outlive_the_stack() {
        template.allResources(
                "AWS::KMS::Key",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of("EnableKeyRotation", true)),
                        "DeletionPolicy",
                        "Retain")));
    }

    @Test
    void point_in_time_recovery_is_on() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(
                        Map.of("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
    }

    @Test
    void items_expire_by_the_shared_ttl_attribute() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TimeToLiveSpecification", Map.of("AttributeName", TableDefinition.TTL, "Enabled", true))));
    }

    @Test
    void the_listing_index_copies_the_submission_columns_and_the_other_index_keys_only() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "GlobalSecondaryIndexes",
                        List.of(
                                Match.objectLike(Map.of(
                                        "IndexName",
                                        "gsi1",
                                        "Projection",
                                        Map.of(
                                                "ProjectionType",
                                                "INCLUDE",
                                                "NonKeyAttributes",
                                                List.of(
                                                        "submissionId",
                                                        "siteId",
                                                        "formId",
                                                        "status",
                                                        "receivedAt",
                                                        "sizeBytes")))),
                                Match.objectLike(Map.of(
                                        "IndexName", "gsi2", "Projection", Map.of("ProjectionType", "KEYS_ONLY")))))));
    }

    @Test
    void the_table_is_protected_from_deletion_and_retained() {
        template.hasResource(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of("DeletionProtectionEnabled", true, "BillingMode", "PAY_PER_REQUEST")),
                        "DeletionPolicy",
                        "Retain",
                        "UpdateReplacePolicy",
                        "Retain")));
    }

    @Test
    void the_functions_unwrap_secrets_with_the_secrets_key_never_the_table_key() {
        String secretsKey = logicalId(template, "AWS::KMS::Key", "DataSecretsKey");
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of("FORMBRIDGE_KMS_KEY_ID", getAtt(secretsKey, "Arn")))))));
        template.resourcePropertiesCountIs(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of("FORMBRIDGE_KMS_KEY_ID", getAtt(tableKey, "Arn")))))),
                0);
    }
}
