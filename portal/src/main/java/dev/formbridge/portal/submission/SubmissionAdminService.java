package dev.formbridge.portal.submission;

import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.audit.Audited;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.storage.Page;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionErasure;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionService;
import dev.formbridge.submission.SubmissionSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Submissions as the portal offers them, always of the organisation in the security context. Reading a list or a
 * detail is not audited (the audit log records changes and exports); erasure and CSV exports are.
 */
@Service
public class SubmissionAdminService {
    public static final int PAGE_SIZE = 25;

    private final SubmissionService submissions;
    private final DeliveryRepository deliveries;
    private final TenantContext tenants;
    private final AuditTrail audit;

    public SubmissionAdminService(
            SubmissionService submissions, DeliveryRepository deliveries, TenantContext tenants, AuditTrail audit) {
        this.submissions = submissions;
        this.deliveries = deliveries;
        this.tenants = tenants;
        this.audit = audit;
    }

    public Page<SubmissionSummary> page(SubmissionQuery query, String cursor) {
        return submissions.page(tenants.read().tenant(), query, cursor, PAGE_SIZE);
    }

    /** A submission with its deliveries. */
    public record Detail(Submission submission, List<Delivery> deliveries) {}

    public Detail get(SubmissionId id) {
        Access access = tenants.read();
        Submission submission = find(access, id);
        return new Detail(submission, deliveries.ofSubmission(access.tenant(), id));
    }

    /**
     * Erases a submission, its deliveries and dead letters (a personal-data request). The erasure cannot be undone,
     * so it is reported done even if the audit event could not be written.
     */
    public Audited<SubmissionErasure> erase(SubmissionId id) {
        Access access = tenants.change();
        Submission submission = find(access, id);
        SubmissionErasure erased = submissions.erase(access.tenant(), id);
        return audit.recordDone(
                erased,
                access.tenant(),
                access.actor(),
                "submission.erased",
                id.value(),
                Map.of("site", submission.siteId().value(), "form", submission.formId()),
                Map.of("deliveries", erased.deliveries(), "deadLetters", erased.deadLetters()));
    }

    /**
     * A CSV export of the submissions matching {@code query}, with everything it takes from the session read now
     * (the organisation, the user, the request's origin): call this under the session lock, then stream it with
     * {@link Export#writeTo} without the lock, as Vaadin runs downloads.
     */
    public Export export(SubmissionQuery query) {
        return new Export(tenants.read(), query, audit.origin());
    }

    /** A prepared export; streaming it reads nothing from the session. */
    public final class Export {
        private final Access access;
        private final SubmissionQuery query;
        private final AuditTrail.Origin origin;

        private Export(Access access, SubmissionQuery query, AuditTrail.Origin origin) {
            this.access = access;
            this.query = query;
            this.origin = origin;
        }

        /** Streams the matching submissions as CSV into {@code out} and audits the export; returns the row count. */
        public long writeTo(Writer out) throws IOException {
            long rows = submissions.exportCsv(access.tenant(), query, out);
            audit.record(
                    origin,
                    access.tenant(),
                    access.actor(),
                    "submission.exported",
                    "csv",
                    null,
                    Map.of("rows", rows, "filter", String.valueOf(query)));
            return rows;
        }
    }

    /** A submission id from a route parameter, if it is well-formed (else: not found). */
    public static SubmissionId parseId(String value) {
        return NotFoundException.idFrom(value, SubmissionId::new, "The submission");
    }

    private Submission find(Access access, SubmissionId id) {
        return submissions.get(access.tenant(), id).orElseThrow(() -> new NotFoundException("The submission"));
    }
}
