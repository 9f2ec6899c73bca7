package dev.formbridge.cdk;

import dev.formbridge.storage.Keys;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * Least-privilege grants on the table and the keys, written out statement by statement instead of CDK's broad
 * {@code grantReadWriteData} (which includes batch and scan actions nobody here uses). Lambda functions get their few
 * item actions on the table only (they never query an index), limited by {@code dynamodb:LeadingKeys} to tenant
 * partitions: they serve every tenant, so one tenant cannot be named, but they can never touch a platform-wide key
 * (ADR 0012). The portal gets the five item actions on table and indexes (support staff read across tenants), and
 * {@code BatchGetItem} on the table: its listings take keys from an index and read the items by key (ADR 0018).
 */
public final class TableAccess {
    public static final String GET = "dynamodb:GetItem";
    public static final String PUT = "dynamodb:PutItem";
    public static final String UPDATE = "dynamodb:UpdateItem";
    public static final String DELETE = "dynamodb:DeleteItem";
    public static final String QUERY = "dynamodb:Query";
    /** Reading items by key, 100 a request: the portal's listings after an index query (never a batch write). */
    public static final String BATCH_GET = "dynamodb:BatchGetItem";

    /** Every partition key a Lambda function may touch: the tenant prefix of {@link Keys}. */
    static final String TENANT_PARTITIONS = Keys.TENANT_PREFIX + "*";

    private final DataStore data;

    public TableAccess(DataStore data) {
        this.data = data;
    }

    /** Item actions on tenant partitions of the table (not its indexes), and the table key through DynamoDB only. */
    public void grantTenantItems(IGrantable principal, List<String> actions) {
        principal
                .getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("TenantItems")
                        .actions(actions)
                        .resources(List.of(data.table().getTableArn()))
                        .conditions(Map.of(
                                "ForAllValues:StringLike",
                                Map.of("dynamodb:LeadingKeys", List.of(TENANT_PARTITIONS)),
                                "Null",
                                Map.of("dynamodb:LeadingKeys", "false")))
                        .build());
        grantTableKey(principal);
    }

    /** Item actions on the table and its indexes, every partition (the portal). */
    public void grantAllItems(IGrantable principal, List<String> actions) {
        principal
                .getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("TableItems")
                        .actions(actions)
                        .resources(
                                List.of(data.table().getTableArn(), data.table().getTableArn() + "/index/*"))
                        .build());
        grantTableKey(principal);
    }

    /** DynamoDB encrypts and decrypts with the table key on the caller's behalf; only through DynamoDB. */
    private void grantTableKey(IGrantable principal) {
        principal
                .getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("TableKeyViaDynamoDb")
                        .actions(List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*"))
                        .resources(List.of(data.tableKey().getKeyArn()))
                        .conditions(Map.of(
                                "StringEquals", Map.of("kms:ViaService", "dynamodb." + Aws.REGION + ".amazonaws.com")))
                        .build());
    }

    /**
     * Unwrapping (and, with {@code generate}, creating) secret data keys, only with Form-Bridge's encryption context
     * ({@code KmsSecretCipher} always passes one).
     */
    public void grantSecrets(IGrantable principal, boolean generate) {
        List<String> actions = generate ? List.of("kms:Decrypt", "kms:GenerateDataKey") : List.of("kms:Decrypt");
        principal
                .getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("SecretDataKeys")
                        .actions(actions)
                        .resources(List.of(data.secretsKey().getKeyArn()))
                        .conditions(Map.of(
                                "ForAllValues:StringEquals",
                                Map.of("kms:EncryptionContextKeys", List.of("formbridge")),
                                "Null",
                                Map.of("kms:EncryptionContextKeys", "false")))
                        .build());
    }
}
