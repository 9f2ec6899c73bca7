package dev.formbridge.storage;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;

/**
 * The key design of the single table, in one place. Every partition key starts with {@code TENANT#<id>#}.
 *
 * <pre>
 * item              pk                                   sk                  gsi1pk / gsi1sk                  gsi2pk / gsi2sk
 * tenant            TENANT#t#TENANT                      TENANT
 * site              TENANT#t#SITE                        SITE#s
 * secret usage      TENANT#t#SITE                        USAGE#s#v&lt;n&gt;
 * submission        TENANT#t#SITE#s#MSG#&lt;webhook-id&gt;    SUBMISSION          TENANT#t#SUBMISSIONS / time#id   TENANT#t#SUB#id / SUBMISSION
 * security event    TENANT#t#SECURITY                    time#site#reason
 * metric bucket     TENANT#t#METRIC#&lt;minute&gt;              SITE#s
 * connector         TENANT#t#CONNECTOR                   CON#c
 * delivery          TENANT#t#DLV#&lt;submission&gt;          CON#c               TENANT#t#CON#c#DLV / time#id     TENANT#t#DLVID#id / DELIVERY
 * dead letter       TENANT#t#DEADLETTER                  c#delivery
 * audit event       TENANT#t#AUDIT                       time#aud
 * </pre>
 *
 * A submission is keyed by its webhook-id so that one conditional put is both the store and the idempotency check.
 */
public final class Keys {
    private Keys() {}

    public static String tenantPrefix(TenantId tenant) {
        return "TENANT#" + tenant.value() + "#";
    }

    public static String tenantPk(TenantId tenant) {
        return tenantPrefix(tenant) + "TENANT";
    }

    public static String sitesPk(TenantId tenant) {
        return tenantPrefix(tenant) + "SITE";
    }

    public static String siteSk(SiteId site) {
        return "SITE#" + site.value();
    }

    public static String secretUsageSk(SiteId site, int version) {
        return "USAGE#" + site.value() + "#v" + version;
    }

    public static String submissionPk(TenantId tenant, SiteId site, String webhookId) {
        return tenantPrefix(tenant) + "SITE#" + site.value() + "#MSG#" + webhookId;
    }

    public static String submissionsByTimePk(TenantId tenant) {
        return tenantPrefix(tenant) + "SUBMISSIONS";
    }

    public static String submissionByIdPk(TenantId tenant, SubmissionId id) {
        return tenantPrefix(tenant) + "SUB#" + id.value();
    }

    public static String securityEventsPk(TenantId tenant) {
        return tenantPrefix(tenant) + "SECURITY";
    }

    public static String metricPk(TenantId tenant, String minuteBucket) {
        return tenantPrefix(tenant) + "METRIC#" + minuteBucket;
    }

    public static String connectorsPk(TenantId tenant) {
        return tenantPrefix(tenant) + "CONNECTOR";
    }

    public static String connectorSk(ConnectorId connector) {
        return "CON#" + connector.value();
    }

    /** The deliveries of one submission, one item per connector. */
    public static String deliveriesPk(TenantId tenant, SubmissionId submission) {
        return tenantPrefix(tenant) + "DLV#" + submission.value();
    }

    public static String deliverySk(ConnectorId connector) {
        return "CON#" + connector.value();
    }

    public static String deliveriesByConnectorPk(TenantId tenant, ConnectorId connector) {
        return tenantPrefix(tenant) + "CON#" + connector.value() + "#DLV";
    }

    public static String deliveryByIdPk(TenantId tenant, String deliveryId) {
        return tenantPrefix(tenant) + "DLVID#" + deliveryId;
    }

    public static String auditPk(TenantId tenant) {
        return tenantPrefix(tenant) + "AUDIT";
    }

    public static String deadLettersPk(TenantId tenant) {
        return tenantPrefix(tenant) + "DEADLETTER";
    }

    /** A dead letter, by connector then delivery: found from its delivery (replay, erasure) without a listing. */
    public static String deadLetterSk(ConnectorId connector, String deliveryId) {
        return connector.value() + "#" + deliveryId;
    }

    private static final java.time.format.DateTimeFormatter SORTABLE = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** A time as a fixed-width UTC string, so sort keys order by time (Instant.toString varies in width). */
    public static String sortableTime(java.time.Instant at) {
        return SORTABLE.format(at);
    }

    public static final String TENANT_SK = "TENANT";
    public static final String SUBMISSION_SK = "SUBMISSION";
}
