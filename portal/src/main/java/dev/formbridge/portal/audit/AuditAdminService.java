package dev.formbridge.portal.audit;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.audit.ChainVerification;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.storage.Page;
import org.springframework.stereotype.Service;

/** The selected organisation's audit log: filtered pages, newest first, and the hash-chain verification. */
@Service
public class AuditAdminService {
    public static final int PAGE_SIZE = 25;

    private final AuditRepository audit;
    private final TenantContext tenants;

    public AuditAdminService(AuditRepository audit, TenantContext tenants) {
        this.audit = audit;
        this.tenants = tenants;
    }

    public Page<AuditEvent> page(AuditQuery query, String cursor) {
        return audit.page(tenants.read().tenant(), query, cursor, PAGE_SIZE);
    }

    /** Recomputes every hash of the organisation's chain and reports the first event that does not fit. */
    public ChainVerification verifyChain() {
        return audit.verifyChain(tenants.read().tenant());
    }
}
