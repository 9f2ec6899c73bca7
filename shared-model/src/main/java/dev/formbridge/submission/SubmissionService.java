package dev.formbridge.submission;

import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;

/**
 * What the portal does with a tenant's submissions: list them a page at a time, show one. Every method takes the
 * caller's tenant; other tenants' submissions and cursors are never found.
 */
public final class SubmissionService {
    private final SubmissionRepository submissions;

    public SubmissionService(Storage storage) {
        this.submissions = new SubmissionRepository(storage);
    }

    /**
     * One page of the list, newest first; see {@link SubmissionRepository#page}.
     *
     * @throws IllegalArgumentException for a bad limit, or a cursor that is malformed or not this tenant's
     */
    public Page<SubmissionSummary> page(TenantId tenantId, SubmissionQuery query, String cursor, int limit) {
        return submissions.page(tenantId, query, cursor, limit);
    }

    /** One submission with its payload, if the tenant has it. */
    public Optional<Submission> get(TenantId tenantId, SubmissionId id) {
        return submissions.findById(tenantId, id);
    }
}
