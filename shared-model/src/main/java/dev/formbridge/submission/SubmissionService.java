package dev.formbridge.submission;

import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * What the portal does with a tenant's submissions: list them a page at a time, show one, export a selection as CSV,
 * and erase one on a personal-data request. Every method takes the caller's tenant; other tenants' submissions and
 * cursors are never found.
 */
public final class SubmissionService {
    /** Submissions read per page of an export: few, since each carries its payload (up to the body limit). */
    static final int EXPORT_PAGE_SIZE = 25;

    private final SubmissionRepository submissions;
    private final DeliveryRecords deliveries;

    /** {@code deliveries} is the delivery feature's repository: {@code new DeliveryRepository(storage)}. */
    public SubmissionService(Storage storage, DeliveryRecords deliveries) {
        this.submissions = new SubmissionRepository(storage);
        this.deliveries = deliveries;
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

    /**
     * Erases a submission on a personal-data request: its deliveries with their dead letters, then the submission
     * (the only copy of the payload: events and queued jobs carry ids, never payloads). Without transactions each step
     * is a plain delete, safe to repeat, and the submission goes last, so a call that fails part-way is finished by
     * the next one. A second call removes nothing and says so; it also removes a delivery a router created from an
     * event that was in flight during the first call.
     */
    public SubmissionErasure erase(TenantId tenantId, SubmissionId id) {
        DeliveryRecords.Removed removed = deliveries.eraseOf(tenantId, id);
        boolean submission =
                submissions.findById(tenantId, id).map(submissions::delete).orElse(false);
        return new SubmissionErasure(id, submission, removed.deliveries(), removed.deadLetters());
    }

    /**
     * Writes the tenant's submissions matching {@code query} as CSV (newest first, header row first), reading and
     * writing one small page at a time so an export of any size holds one page in memory; flushes after each page.
     * Columns: {@code submissionId, receivedAt, siteId, formId, status, fields} (the form fields as one JSON object).
     *
     * @return the number of submission rows written (the header not counted)
     */
    public long exportCsv(TenantId tenantId, SubmissionQuery query, Writer out) throws IOException {
        SubmissionCsv csv = new SubmissionCsv(out);
        csv.header();
        long rows = 0;
        String cursor = null;
        do {
            Page<Submission> page = submissions.pageWithPayloads(tenantId, query, cursor, EXPORT_PAGE_SIZE);
            for (Submission submission : page.items()) {
                csv.row(submission);
                rows++;
            }
            out.flush();
            cursor = page.nextCursor();
        } while (cursor != null);
        return rows;
    }
}
