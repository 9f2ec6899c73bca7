package dev.formbridge.storage;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.team.InvitationId;
import dev.formbridge.tenant.TenantId;

/**
 * The key design of the single table, in one place. Every partition key starts with {@code TENANT#<id>#}, with one
 * exception: index keys starting with {@code PLATFORM#}. Those are platform-wide index entries that only the portal
 * reads (a user's memberships across tenants, the tenant directory, every tenant's audit events and day metric
 * buckets by day for support staff, and the submissions whose event was never published, which its sweep routes). No table key (pk) starts with it, the items they point at live under their
 * tenant's partition key, and nothing on the ingest or delivery path reads them.
 *
 * <pre>
 * item              pk                                   sk                  gsi1pk / gsi1sk                  gsi2pk / gsi2sk
 * tenant            TENANT#t#TENANT                      TENANT              PLATFORM#TENANTS / name#t
 * site              TENANT#t#SITE                        SITE#s
 * secret usage      TENANT#t#SITE                        USAGE#s#v&lt;n&gt;
 * submission        TENANT#t#SITE#s#MSG#&lt;webhook-id&gt;    SUBMISSION          TENANT#t#SUBMISSIONS / time#id   PLATFORM#PUBLISH_PENDING / marked (while unpublished)
 * metric bucket     TENANT#t#METRICS#&lt;H|D&gt;               &lt;start&gt;#SITE#s                                       PLATFORM#METRICS#&lt;day&gt; / t#SITE#s (D only)
 *                                                        &lt;start&gt;#CON#c                                        PLATFORM#METRICS#&lt;day&gt; / t#CON#c (D only)
 * connector         TENANT#t#CONNECTOR                   CON#c
 * delivery          TENANT#t#DLV#&lt;submission&gt;          CON#c                                                TENANT#t#CON#c#DLV / time#id
 * dead letter       TENANT#t#DEADLETTER                  c#delivery
 * audit event       TENANT#t#AUDIT                       SEQ#&lt;seq, 20 digits&gt; TENANT#t#AUDIT#TIME / time#seq   PLATFORM#AUDIT#&lt;day&gt; / time#t#seq
 * member            TENANT#t#MEMBER                      USER#&lt;user&gt;         PLATFORM#USER#&lt;user&gt; / TENANT#t
 * invitation        TENANT#t#INVITE                      INV#inv
 * connector version TENANT#t#CONNECTOR#c                 VERSION#&lt;n, 10 digits&gt;
 * circuit state     TENANT#t#CONNECTOR#c                 CIRCUIT
 * dead-letter count TENANT#t#CONNECTOR#c                 DEADLETTERS
 * notified          TENANT#t#CONNECTOR#c                 NOTIFIED#&lt;reason&gt;
 * </pre>
 *
 * gsi1 copies the submission listing's columns, gsi2 keys only ({@link TableDefinition}, ADR 0018): items updated
 * after they are written (deliveries, metric buckets) are in gsi2 alone, so their updates write no index entry. A
 * submission is in gsi1 alone: its id carries its received time, so its time-index key is also its lookup by id
 * (ADR 0023).
 *
 * <p>A submission is keyed by its webhook-id so that one conditional put is both the store and the idempotency check.
 * Metric buckets of one tenant and granularity (hour, day) share a partition and sort by bucket start, so one
 * {@code sk BETWEEN} query reads a time range for every site and connector; &lt;start&gt; is fixed-width UTC
 * ({@code 2026-11-26T10}, {@code 2026-11-26}). An hour bucket holds its minutes as attributes (ADR 0019); the minute
 * partition ({@code METRICS#M}) of ADR 0015 is no longer written.
 *
 * <p>The items about one connector that are not the connector itself (its immutable versions, its circuit-breaker state,
 * its dead-letter count, when its admins were last notified) share a partition of their own, so the router's query of
 * a tenant's connectors never reads them.
 */
public final class Keys {
    private Keys() {}

    /** How every tenant's partition key starts (IAM's {@code dynamodb:LeadingKeys} condition in AWS matches it). */
    public static final String TENANT_PREFIX = "TENANT#";

    public static String tenantPrefix(TenantId tenant) {
        return TENANT_PREFIX + tenant.value() + "#";
    }

    public static String tenantPk(TenantId tenant) {
        return tenantPrefix(tenant) + "TENANT";
    }

    public static String sitesPk(TenantId tenant) {
        return tenantPrefix(tenant) + "SITE";
    }

    /** The sort-key prefix of site items (secret-use items under the same key start with {@code USAGE#}). */
    public static final String SITE_SK_PREFIX = "SITE#";

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

    /**
     * A submission's place in its tenant's time index (gsi1): its received time, then its id. Both come from the id
     * (which carries the received time), so a lookup by id is one exact key in the index (ADR 0023).
     */
    public static String submissionsByTimeSk(SubmissionId id) {
        return sortableTime(id.receivedAt()) + "#" + id.value();
    }

    /** Every metric bucket of one granularity ({@code H} or {@code D}) of a tenant, in time order. */
    public static String metricsPk(TenantId tenant, String granularity) {
        return tenantPrefix(tenant) + "METRICS#" + granularity;
    }

    /**
     * A metric bucket: its fixed-width start, then its dimension ({@code SITE#s}, {@code CON#c}). Bucket strings hold
     * no {@code #}, so the first one separates the two.
     */
    public static String metricSk(String bucketStart, String dimension) {
        return bucketStart + "#" + dimension;
    }

    /** The sort key just after every dimension of a bucket ({@code ~} sorts after {@code SITE#…} and {@code CON#…}). */
    public static String metricSkAfter(String bucketStart) {
        return metricSk(bucketStart, "~");
    }

    /** Every tenant's day metric buckets of one UTC day (gsi2), for support staff; a platform-wide key only the portal reads. */
    public static String platformMetricsDayPk(java.time.LocalDate day) {
        return PLATFORM_PREFIX + "METRICS#" + day;
    }

    public static String platformMetricsSk(TenantId tenant, String dimension) {
        return tenant.value() + "#" + dimension;
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

    /** The start of platform-wide index keys, the only keys not starting with the tenant (see the class comment). */
    public static final String PLATFORM_PREFIX = "PLATFORM#";

    /** The tenant directory (gsi1): every tenant, in order of name, for support staff. */
    public static final String TENANT_DIRECTORY_PK = PLATFORM_PREFIX + "TENANTS";

    /** The index partition of submissions stored but never published (ADR 0004), across tenants: the sweep's. */
    public static final String PUBLISH_PENDING_PK = PLATFORM_PREFIX + "PUBLISH_PENDING";

    /** When the submission was marked, as zero-padded epoch millis: sorts by time, so a sweep reads the oldest first. */
    public static String publishPendingSk(java.time.Instant markedAt) {
        return String.format("%015d", markedAt.toEpochMilli());
    }

    /** A tenant's place in the directory: its lower-case name, then its id so equal names stay distinct. */
    public static String tenantDirectorySk(String name, TenantId tenant) {
        return name.toLowerCase(java.util.Locale.ROOT) + "#" + tenant.value();
    }

    public static String membersPk(TenantId tenant) {
        return tenantPrefix(tenant) + "MEMBER";
    }

    /** A member's sort key; {@code userId} is the user's OIDC subject. */
    public static String memberSk(String userId) {
        return "USER#" + userId;
    }

    /** A user's memberships in all tenants (gsi1), so the portal lists them in one query. */
    public static String userMembershipsPk(String userId) {
        return PLATFORM_PREFIX + "USER#" + userId;
    }

    public static String userMembershipSk(TenantId tenant) {
        return "TENANT#" + tenant.value();
    }

    public static String invitationsPk(TenantId tenant) {
        return tenantPrefix(tenant) + "INVITE";
    }

    public static String invitationSk(InvitationId invitation) {
        return "INV#" + invitation.value();
    }

    /** The partition of one connector's own items: versions, circuit state, dead-letter count, notifications. */
    public static String connectorPk(TenantId tenant, ConnectorId connector) {
        return tenantPrefix(tenant) + "CONNECTOR#" + connector.value();
    }

    /** The sort-key prefix of a connector's versions. */
    public static final String CONNECTOR_VERSION_SK_PREFIX = "VERSION#";

    /** One immutable version of a connector's settings; the zero-padded number sorts as text. */
    public static String connectorVersionSk(int number) {
        return CONNECTOR_VERSION_SK_PREFIX + String.format(java.util.Locale.ROOT, "%010d", number);
    }

    /** A connector's circuit-breaker state, written when the circuit opens or closes. */
    public static final String CIRCUIT_SK = "CIRCUIT";

    /** The number of a connector's dead letters (an atomic counter beside the dead-letter list). */
    public static final String DEAD_LETTER_COUNT_SK = "DEADLETTERS";

    /** When a connector's admins were last notified for {@code reason} (one notification per reason and hour). */
    public static String notifiedSk(String reason) {
        return "NOTIFIED#" + reason;
    }
}
