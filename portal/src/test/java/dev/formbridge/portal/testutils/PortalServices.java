package dev.formbridge.portal.testutils;

import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.DryRun;
import dev.formbridge.delivery.FolderDeliveryQueue;
import dev.formbridge.delivery.ReplayService;
import dev.formbridge.delivery.RequestSender;
import dev.formbridge.delivery.Router;
import dev.formbridge.delivery.TestSend;
import dev.formbridge.delivery.WebhookSender;
import dev.formbridge.metrics.MetricsService;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.portal.audit.AuditAdminService;
import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.base.RuntimeSettings;
import dev.formbridge.portal.connector.ConnectorAdminService;
import dev.formbridge.portal.delivery.DeliveryAdminService;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.portal.security.TenantSelection;
import dev.formbridge.portal.site.SiteAdminService;
import dev.formbridge.portal.site.TestSubmissions;
import dev.formbridge.portal.submission.SubmissionAdminService;
import dev.formbridge.portal.support.SupportService;
import dev.formbridge.portal.team.TeamAdminService;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteService;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.SubmissionService;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.InterceptedDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The portal's services wired as Spring wires them, on a fresh dynalite table, with a sign-in switch: tests act as
 * one user after another through the same security context the portal reads. The organisation each user chose is
 * kept per user, as one browser tab would keep it, unless a test passes its own {@link TenantSelection}.
 */
public final class PortalServices {
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    /** While true, every write of an audit event fails as if the store were unreachable; everything else works. */
    public final AtomicBoolean auditWritesFail = new AtomicBoolean();

    public final Storage storage = failingAuditWritesWhile(LocalDynamo.newStorage(), auditWritesFail);
    public final SecretCipher cipher;
    public final TeamService team = new TeamService(storage, clock);
    public final SiteService sites;
    public final SubmissionService submissions;
    public final AuditRepository auditLog = new AuditRepository(storage);
    public final CurrentUser currentUser = new CurrentUser(new AuthenticationContext());
    public final TenantContext tenants;
    public final AuditTrail auditTrail = new AuditTrail(auditLog, clock);
    public final TeamAdminService teamAdmin;
    public final SiteAdminService siteAdmin;
    public final SubmissionAdminService submissionAdmin;
    public final AuditAdminService auditAdmin;
    public final SupportService support;
    public final ConnectorService connectors;
    public final DeliveryRepository deliveries;
    public final DeliveryAdminService deliveryAdmin;
    public final ConnectorAdminService connectorAdmin;
    private final Map<String, TenantId> selections = new HashMap<>();

    public PortalServices(Path keyDir) {
        this(keyDir, null);
    }

    /**
     * With {@code selection} keeping each user's organisation (null: per user, as if each user had one browser tab).
     */
    public PortalServices(Path keyDir, TenantSelection selection) {
        cipher = LocalKeyFileCipher.fromKeyFile(keyDir.resolve("master.key"));
        sites = new SiteService(storage, cipher, clock);
        deliveries = new DeliveryRepository(storage);
        submissions = new SubmissionService(storage, deliveries);
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        DeliveryQueue queue = new FolderDeliveryQueue(keyDir.resolve("queue"));
        ReplayService replay =
                new ReplayService(storage, new Router(storage, queue, clock, Duration.ZERO), queue, clock);
        tenants = new TenantContext(currentUser, team, selection == null ? new PerUserSelection() : selection);
        teamAdmin = new TeamAdminService(team, tenants, currentUser, auditTrail);
        RuntimeSettings settings = new RuntimeSettings(null, storage.tableName(), null, null, "http://127.0.0.1:9/v1");
        siteAdmin =
                new SiteAdminService(sites, tenants, auditTrail, cipher, new TestSubmissions(settings, clock), clock);
        submissionAdmin = new SubmissionAdminService(submissions, deliveries, tenants, auditTrail);
        auditAdmin = new AuditAdminService(auditLog, tenants);
        deliveryAdmin = new DeliveryAdminService(deliveries, replay, connectors, tenants);
        Map<ConnectorType, RequestSender> senders = Map.of(
                ConnectorType.WEBHOOK, new WebhookSender(new OutboundHttp(OutboundPolicy.allowLocal()), cipher, clock));
        connectorAdmin = new ConnectorAdminService(
                connectors,
                new DryRun(storage, senders),
                new TestSend(storage, senders, clock),
                tenants,
                auditTrail,
                sites);
        support = new SupportService(
                currentUser,
                new TenantService(storage, clock),
                sites,
                submissions,
                auditLog,
                auditTrail,
                new MetricsService(
                        storage, clock, tenant -> deliveries.deadLetters(tenant).size()));
    }

    /** Acts as the user with this e-mail (the e-mail is also the subject, as with the local provider). */
    public void signIn(String email) {
        signIn(email, false);
    }

    public void signIn(String email, boolean support) {
        OidcIdToken token = new OidcIdToken(
                "token",
                Instant.now(),
                Instant.now().plusSeconds(3600),
                Map.of("sub", email, "email", email, "groups", support ? List.of("support") : List.of()));
        var authorities = new java.util.ArrayList<org.springframework.security.core.GrantedAuthority>(
                List.of(new OidcUserAuthority(token)));
        if (support) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + CurrentUser.SUPPORT_ROLE));
        }
        DefaultOidcUser user = new DefaultOidcUser(authorities, token);
        SecurityContextHolder.getContext()
                .setAuthentication(new OAuth2AuthenticationToken(user, authorities, "formbridge"));
    }

    public void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static Storage failingAuditWritesWhile(Storage real, AtomicBoolean fail) {
        return new Storage(
                InterceptedDynamo.wrap(real.dynamo(), (request, call) -> {
                    if (fail.get()
                            && request instanceof PutItemRequest put
                            && put.item().get("pk").s().endsWith("#AUDIT")) {
                        throw SdkClientException.create("connection reset (test: audit writes fail)");
                    }
                    return call.proceed();
                }),
                real.definition());
    }

    private final class PerUserSelection implements TenantSelection {
        @Override
        public Optional<TenantId> get() {
            return Optional.ofNullable(selections.get(currentUser.get().id()));
        }

        @Override
        public Optional<TenantId> latest() {
            return get();
        }

        @Override
        public void set(TenantId tenant) {
            selections.put(currentUser.get().id(), tenant);
        }
    }
}
