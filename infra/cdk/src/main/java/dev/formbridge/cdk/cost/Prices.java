package dev.formbridge.cdk.cost;

/**
 * AWS list prices in US dollars, us-east-1, on-demand, without free tiers, as published when this model was written
 * (November 2026). Other regions cost up to ~30 % more; check the AWS pricing pages before relying on a figure.
 */
public record Prices(
        double httpApiPerMillion,
        double lambdaRequestsPerMillion,
        double lambdaArmPerGbSecond,
        double lambdaX86PerGbSecond,
        double eventBridgePerMillion,
        double eventArchivePerGb,
        double sqsPerMillion,
        double dynamoWritePerMillion,
        double dynamoReadPerMillion,
        double dynamoStoragePerGbMonth,
        double dynamoPitrPerGbMonth,
        double kmsPer10k,
        double logsIngestionPerGb,
        double logsStoragePerGbMonth) {

    public static final Prices US_EAST_1 = new Prices(
            1.00, // HTTP API, first 300 M requests a month, per 512 KB
            0.20, // Lambda requests
            0.0000133334, // Lambda duration, arm64, first 7.5 G GB-s a month
            0.0000166667, // Lambda duration, x86_64
            1.00, // EventBridge custom events, per 64 KB chunk
            0.10, // EventBridge archive, per GB archived
            0.40, // SQS standard requests, per 64 KB chunk
            0.625, // DynamoDB on-demand write request units
            0.125, // DynamoDB on-demand read request units
            0.25, // DynamoDB standard table class storage
            0.20, // DynamoDB continuous backups (PITR)
            0.03, // KMS requests
            0.50, // CloudWatch Logs standard ingestion
            0.03); // CloudWatch Logs storage
}
