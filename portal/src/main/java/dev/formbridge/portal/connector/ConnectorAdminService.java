package dev.formbridge.portal.connector;

import dev.formbridge.connector.CircuitState;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorVersion;
import dev.formbridge.delivery.DeliveryRequest;
import dev.formbridge.delivery.DryRun;
import dev.formbridge.delivery.TestSend;
import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.audit.Audited;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.site.SiteService;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;

/**
 * Connectors as the portal offers them, always of the organisation in the security context; another organisation's
 * connector ids are "not found". Changes are audited with the connector's settings, never its credentials or secret.
 */
@Service
public class ConnectorAdminService {
    public static final int DRY_RUN_SUBMISSIONS = 5;

    private final ConnectorService connectors;
    private final DryRun dryRun;
    private final TestSend testSend;
    private final TenantContext tenants;
    private final AuditTrail audit;
    private final SiteService sites;

    public ConnectorAdminService(
            ConnectorService connectors,
            DryRun dryRun,
            TestSend testSend,
            TenantContext tenants,
            AuditTrail audit,
            SiteService sites) {
        this.connectors = connectors;
        this.sites = sites;
        this.dryRun = dryRun;
        this.testSend = testSend;
        this.tenants = tenants;
        this.audit = audit;
    }

    public List<Connector> list() {
        return connectors.list(tenants.read().tenant());
    }

    public Connector get(ConnectorId id) {
        Access access = tenants.read();
        return find(access, id);
    }

    /**
     * Creates a connector; a webhook's signing secret is in the result, to be shown once (even if the audit event
     * could not be written: creating it again would deliver twice).
     */
    public Audited<ConnectorService.NewConnector> create(ConnectorService.Spec spec) {
        Access access = tenants.change();
        ConnectorService.NewConnector created = connectors.create(access.tenant(), spec, access.actor());
        return audit.recordDone(
                created,
                access.tenant(),
                access.actor(),
                "connector.created",
                created.connector().id().value(),
                null,
                describe(created.connector()));
    }

    /**
     * Saves an edit of the connector as it was loaded ({@code loadedVersion}: its {@link Connector#version()} then);
     * if anyone changed it since, nothing is saved ({@link dev.formbridge.storage.ConcurrentModificationException}).
     * Without new credentials the stored ones stay.
     */
    public Connector update(ConnectorId id, long loadedVersion, ConnectorService.Spec spec) {
        Access access = tenants.change();
        Connector before = find(access, id);
        Connector after = connectors.update(access.tenant(), id, loadedVersion, spec, access.actor());
        audit.record(
                access.tenant(), access.actor(), "connector.updated", id.value(), describe(before), describe(after));
        return after;
    }

    public Connector setEnabled(ConnectorId id, boolean enabled) {
        Access access = tenants.change();
        Connector before = find(access, id);
        Connector after = connectors.setEnabled(access.tenant(), id, enabled);
        audit.record(
                access.tenant(),
                access.actor(),
                enabled ? "connector.enabled" : "connector.disabled",
                id.value(),
                Map.of("enabled", before.enabled()),
                Map.of("enabled", after.enabled()));
        return after;
    }

    /**
     * A new signing secret (shown once, even if the audit event could not be written: rotating again would drop the
     * secret the receiver uses); the current one stays valid for {@code grace}.
     */
    public Audited<ConnectorService.NewConnector> rotateSigningSecret(ConnectorId id, Duration grace) {
        Access access = tenants.change();
        find(access, id);
        ConnectorService.NewConnector rotated = connectors.rotateSigningSecret(access.tenant(), id, grace);
        return audit.recordDone(
                rotated,
                access.tenant(),
                access.actor(),
                "connector.secret_rotated",
                id.value(),
                null,
                Map.of("graceHours", grace.toHours()));
    }

    public List<ConnectorVersion> versions(ConnectorId id) {
        Access access = tenants.read();
        find(access, id);
        return connectors.versions(access.tenant(), id);
    }

    public Connector restore(ConnectorId id, int version) {
        Access access = tenants.change();
        Connector before = find(access, id);
        Connector after = connectors.restore(access.tenant(), id, version, access.actor());
        audit.record(
                access.tenant(), access.actor(), "connector.restored", id.value(), describe(before), describe(after));
        return after;
    }

    public CircuitState circuit(ConnectorId id) {
        Access access = tenants.read();
        find(access, id);
        return connectors.circuit(access.tenant(), id);
    }

    /** What the connector would send for the last few real submissions; sends nothing. */
    public List<DryRun.Preview> dryRun(ConnectorId id) {
        Access access = tenants.read();
        find(access, id);
        return dryRun.run(access.tenant(), id, DRY_RUN_SUBMISSIONS);
    }

    /** The organisation's sites by id, for the filter builder. */
    public Map<String, String> siteChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        sites.list(tenants.read().tenant())
                .forEach(site -> choices.put(site.id().value(), site.name()));
        return choices;
    }

    /** The dry run of unsaved edits ({@code spec}) over the last few real submissions; saves and sends nothing. */
    public List<DryRun.Preview> preview(ConnectorId id, ConnectorService.Spec spec) {
        Access access = tenants.read();
        find(access, id);
        return dryRun.run(connectors.draft(access.tenant(), id, spec), DRY_RUN_SUBMISSIONS);
    }

    /** Sends one made-up submission through the real sender (SSRF rules apply); records nothing but the audit. */
    public TestSend.Result testSend(ConnectorId id) {
        Access access = tenants.change();
        find(access, id);
        TestSend.Result result = testSend.send(access.tenant(), id);
        audit.record(
                access.tenant(),
                access.actor(),
                "connector.test_sent",
                id.value(),
                null,
                Map.of("delivered", result.delivered(), "status", result.status()));
        return result;
    }

    private static String shownTarget(Connector connector) {
        return switch (connector.type()) {
            case SLACK -> "(Slack URL)";
            case EMAIL -> connector.target();
            case WEBHOOK -> {
                try {
                    yield DeliveryRequest.maskedUrl(URI.create(connector.target()), false);
                } catch (IllegalArgumentException e) {
                    yield "(URL)"; // stored targets passed the same parse; never show one that does not
                }
            }
        };
    }

    /** A connector id from a route parameter, if well-formed (else: not found). */
    public static ConnectorId parseId(String value) {
        return NotFoundException.idFrom(value, ConnectorId::new, "The connector");
    }

    private Connector find(Access access, ConnectorId id) {
        try {
            return connectors.get(access.tenant(), id);
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The connector");
        }
    }

    /**
     * Settings only: never credentials, header values or signing secrets. Support staff and viewers read the audit
     * log, so a URL's query values (often a token) are masked as in the dry run, and a Slack URL (its path is the
     * credential) is not shown at all.
     */
    private static Map<String, Object> describe(Connector connector) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", connector.name());
        values.put("type", connector.type().name());
        values.put("target", shownTarget(connector));
        values.put("filter", connector.filter());
        values.put("enabled", connector.enabled());
        return values;
    }
}
