package dev.formbridge.storage;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;

/**
 * The key design of the single table, in one place. Every partition key starts with {@code TENANT#<id>#}, with one
 * exception: {@code PLATFORM#} index keys. Those are platform-wide index entries (support staff reviewing the audit log
 * of every tenant by day) that only the portal reads; no tenant-scoped reader queries them, and the items they point at
 * still live under their tenant's partition key.
 *
 * <pre>
 * item              pk                                   sk                  gsi1pk / gsi1sk                  gsi2pk / gsi2sk
 * tenant            TENANT#t#TENANT                      TENANT
 * site              TENANT#t#SITE                        SITE#s
 * secret usage      TENANT#t#SITE                        USAGE#s#v&lt;n&gt;
 * submission        TENANT#t#SITE#s#MSG#&lt;webhook-id&gt;    SUBMISSION          TENANT#t#SUBMISSIONS / time#id   TENANT#t#SUB#id / SUBMISSION
 * metric bucket     TENANT#t#METRIC#&lt;minute&gt;              SITE#s
 * connector         TENANT#t#CONNECTOR                   CON#c
 * delivery          TENANT#t#DLV#&lt;submission&gt;          CON#c               TENANT#t#CON#c#DLV / time#id     TENANT#t#DLVID#id / DELIVERY
 * dead letter       TENANT#t#DEADLETTER                  c#time#delivery
 * audit event       TENANT#t#AUDIT                       SEQ#&lt;seq, 20 digits&gt; TENANT#t#AUDIT#TIME / time#seq   PLATFORM#AUDIT#&lt;day&gt; / time#t#seq
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

    /** An audit event's place in its tenant's hash chain; the zero-padded sequence number sorts as text. */
    public static String auditSk(long seq) {
        return "SEQ#" + paddedSeq(seq);
    }

    /** The tenant's audit events by time (gsi1). */
    public static String auditByTimePk(TenantId tenant) {
        return auditPk(tenant) + "#TIME";
    }

    public static String auditByTimeSk(java.time.Instant at, long seq) {
        return sortableTime(at) + "#" + paddedSeq(seq);
    }

    /** Every tenant's audit events of one UTC day (gsi2), for support staff; a platform-wide key only the portal reads. */
    public static String platformAuditDayPk(java.time.LocalDate day) {
        return "PLATFORM#AUDIT#" + day;
    }

    public static String platformAuditSk(java.time.Instant at, TenantId tenant, long seq) {
        return sortableTime(at) + "#" + tenant.value() + "#" + paddedSeq(seq);
    }

    private static String paddedSeq(long seq) {
        return String.format(java.util.Locale.ROOT, "%020d", seq);
    }

    public static String deadLettersPk(TenantId tenant) {
        return tenantPrefix(tenant) + "DEADLETTER";
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
