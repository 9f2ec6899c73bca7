package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An audit event as a stored item: keyed by its place in the chain, indexed by time per tenant (gsi1) and by day across
 * tenants (gsi2). A null field is an absent attribute. Reading is lenient (a missing attribute reads as null) so that
 * a tampered item still reaches the chain check instead of failing the read.
 */
final class AuditItems {
    private AuditItems() {}

    static Map<String, AttributeValue> toItem(AuditEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(Keys.auditPk(e.tenantId())));
        item.put(TableDefinition.SK, s(Keys.auditSk(e.seq())));
        item.put(TableDefinition.GSI1.partitionKey(), s(Keys.auditByTimePk(e.tenantId())));
        item.put(TableDefinition.GSI1.sortKey(), s(Keys.auditByTimeSk(e.at(), e.seq())));
        item.put(TableDefinition.GSI2.partitionKey(), s(Keys.platformAuditDayPk(dayOf(e.at()))));
        item.put(TableDefinition.GSI2.sortKey(), s(Keys.platformAuditSk(e.at(), e.tenantId(), e.seq())));
        item.put("tenantId", s(e.tenantId().value()));
        item.put("seq", AttributeValue.fromN(Long.toString(e.seq())));
        item.put("at", s(e.at().toString()));
        put(item, "actor", e.actor());
        put(item, "action", e.action());
        put(item, "target", e.target());
        put(item, "before", e.before());
        put(item, "after", e.after());
        put(item, "ip", e.ip());
        put(item, "userAgent", e.userAgent());
        put(item, "prevHash", e.prevHash());
        put(item, "hash", e.hash());
        return item;
    }

    static AuditEvent fromItem(Map<String, AttributeValue> item) {
        String tenant = text(item, "tenantId");
        String seq = item.containsKey("seq") ? item.get("seq").n() : null;
        String at = text(item, "at");
        return new AuditEvent(
                tenant == null ? null : new TenantId(tenant),
                seq == null ? 0 : Long.parseLong(seq),
                at == null ? null : Instant.parse(at),
                text(item, "actor"),
                text(item, "action"),
                text(item, "target"),
                text(item, "before"),
                text(item, "after"),
                text(item, "ip"),
                text(item, "userAgent"),
                text(item, "prevHash"),
                text(item, "hash"));
    }

    /** The position an item is stored at (from its sort key, which an update cannot change), or -1 if none. */
    static long positionOf(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(TableDefinition.SK);
        String prefix = "SEQ#"; // as written by Keys.auditSk
        try {
            return sk != null && sk.s().startsWith(prefix)
                    ? Long.parseLong(sk.s().substring(prefix.length()))
                    : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The UTC day an event belongs to in the platform-wide listing. */
    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
