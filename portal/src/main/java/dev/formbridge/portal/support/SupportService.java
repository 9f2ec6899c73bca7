package dev.formbridge.portal.support;

import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.metrics.MetricsService;
import dev.formbridge.metrics.TenantHealth;
import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteService;
import dev.formbridge.storage.Page;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionService;
import dev.formbridge.submission.SubmissionSummary;
import dev.formbridge.team.PermissionDeniedException;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * What support staff may see, read-only: organisations, their sites without secrets, submission metadata without
 * field values, and audit logs. Only users in the support group get anything; every look at an organisation's data
 * is recorded in its audit log (once per organisation, kind of look and session, so browsing does not flood it).
 */
@Service
public class SupportService {
    public static final int PAGE_SIZE = 25;

    private final CurrentUser currentUser;
    private final TenantService tenants;
    private final SiteService sites;
    private final SubmissionService submissions;
    private final AuditRepository auditLog;
    private final AuditTrail audit;
    private final MetricsService metrics;

    public SupportService(
            CurrentUser currentUser,
            TenantService tenants,
            SiteService sites,
            SubmissionService submissions,
            AuditRepository auditLog,
            AuditTrail audit,
            MetricsService metrics) {
        this.currentUser = currentUser;
        this.tenants = tenants;
        this.sites = sites;
        this.submissions = submissions;
        this.auditLog = auditLog;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Health across organisations on one UTC day: accepted, rejected signatures, delivered, failed, failure rate and
     * dead-letter depth, worst failure rate first. Aggregates only; opening an organisation is what gets audited.
     */
    public List<TenantHealth> health(LocalDate day) {
        requireSupport();
        return metrics.health(day);
    }

    /** A site as support sees it: no secret, no secret versions. */
    public record SiteSummary(String id, String name, String url, String siteKey, String status) {
        static SiteSummary of(Site site) {
            return new SiteSummary(
                    site.id().value(),
                    site.name(),
                    site.url(),
                    site.key().value(),
                    site.status().name().toLowerCase());
        }
    }

    /** An organisation as support sees it. */
    public record Organisation(Tenant tenant, List<SiteSummary> sites, List<SubmissionSummary> recentSubmissions) {}

    public Page<Tenant> organisations(String cursor) {
        requireSupport();
        return tenants.list(cursor, PAGE_SIZE);
    }

    public Organisation organisation(TenantId id) {
        String support = requireSupport();
        Tenant tenant = find(id);
        recordView(id, support, "support.viewed_organisation");
        return new Organisation(
                tenant,
                sites.list(id).stream().map(SiteSummary::of).toList(),
                submissions.page(id, SubmissionQuery.all(), null, PAGE_SIZE).items());
    }

    public Page<AuditEvent> auditOf(TenantId id, AuditQuery query, String cursor) {
        String support = requireSupport();
        find(id);
        Page<AuditEvent> page = auditLog.page(id, query, cursor, PAGE_SIZE);
        recordView(id, support, "support.viewed_audit_log");
        return page;
    }

    /** Every organisation's audit events of one UTC day, newest first. */
    public Page<AuditEvent> auditAcrossOrganisations(LocalDate day, AuditQuery query, String cursor) {
        String support = requireSupport();
        Page<AuditEvent> page = auditLog.acrossTenants(day, query, cursor, PAGE_SIZE);
        page.items().stream()
                .map(AuditEvent::tenantId)
                .distinct()
                .forEach(tenant -> recordView(tenant, support, "support.viewed_audit_log"));
        return page;
    }

    /** The organisation id from a route parameter, if well-formed (else: not found). */
    public static TenantId parseId(String value) {
        return NotFoundException.idFrom(value, TenantId::new, "The organisation");
    }

    private Tenant find(TenantId id) {
        try {
            return tenants.get(id);
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The organisation");
        }
    }

    private String requireSupport() {
        CurrentUser.User user = currentUser.get();
        if (!user.support()) {
            throw new PermissionDeniedException("Only support staff can use the support console.");
        }
        return user.email();
    }

    @SuppressWarnings("unchecked")
    private void recordView(TenantId tenant, String support, String action) {
        VaadinSession session = VaadinSession.getCurrent();
        String key = SupportService.class.getName() + ".recorded";
        Set<String> recorded = session == null ? new HashSet<>() : (Set<String>) session.getAttribute(key);
        if (recorded == null) {
            recorded = new HashSet<>();
            session.setAttribute(key, recorded);
        }
        if (recorded.add(tenant.value() + "|" + action)) {
            audit.record(tenant, support, action, tenant.value(), null, Map.of("by", "support"));
        }
    }
}
