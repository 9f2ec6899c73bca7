package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.storage.TableDefinition.Index;
import dev.formbridge.tenant.TenantId;
import java.time.LocalDate;
import java.util.List;

/** One index partition listed newest first: a tenant's events by time (gsi1), or one day of every tenant's (gsi2). */
record AuditListing(Index index, String partition) {
    static AuditListing ofTenant(TenantId tenant) {
        return new AuditListing(TableDefinition.GSI1, Keys.auditByTimePk(tenant));
    }

    static AuditListing ofDay(LocalDate day) {
        return new AuditListing(TableDefinition.GSI2, Keys.platformAuditDayPk(day));
    }

    /** The attributes of a position in this listing (DynamoDB's LastEvaluatedKey for an index query). */
    List<String> keyNames() {
        return List.of(TableDefinition.PK, TableDefinition.SK, index.partitionKey(), index.sortKey());
    }
}
