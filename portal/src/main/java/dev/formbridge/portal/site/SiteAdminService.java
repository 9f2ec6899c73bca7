package dev.formbridge.portal.site;

import dev.formbridge.ingest.SignatureTroubleshooter;
import dev.formbridge.ingest.SignatureTroubleshooter.Diagnosis;
import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.audit.Audited;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteId;
import dev.formbridge.site.SiteKey;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Sites of the selected organisation as the portal offers them. Every call takes the organisation from the security
 * context; a site id of another organisation is "not found". Every change is audited; secrets are returned only from
 * {@link #register} and {@link #rotate}, to be shown once.
 */
@Service
public class SiteAdminService {
    public static final Duration MAX_GRACE = Duration.ofDays(30);

    private final SiteService sites;
    private final TenantContext tenants;
    private final AuditTrail audit;
    private final SecretCipher cipher;
    private final TestSubmissions testSubmissions;
    private final Clock clock;
    private final SignatureTroubleshooter troubleshooter = new SignatureTroubleshooter(Duration.ofSeconds(300));

    public SiteAdminService(
            SiteService sites,
            TenantContext tenants,
            AuditTrail audit,
            SecretCipher cipher,
            TestSubmissions testSubmissions,
            Clock clock) {
        this.sites = sites;
        this.tenants = tenants;
        this.audit = audit;
        this.cipher = cipher;
        this.testSubmissions = testSubmissions;
        this.clock = clock;
    }

    public List<Site> list() {
        return sites.list(tenants.read().tenant());
    }

    public Site get(SiteId id) {
        return find(tenants.read(), id);
    }

    /** The site id from a route parameter, if it is well-formed (else: not found). */
    public static SiteId parseId(String value) {
        return NotFoundException.idFrom(value, SiteId::new, "The site");
    }

    /** Registers a site; its secret is in the result, to be shown once (even if the audit event could not be written). */
    public Audited<SiteService.NewSecret> register(String name, String url) {
        Access access = tenants.change();
        SiteService.NewSecret created = sites.register(access.tenant(), name, url);
        Site site = created.site();
        return audit.recordDone(
                created,
                access.tenant(),
                access.actor(),
                "site.registered",
                site.id().value(),
                null,
                describe(site));
    }

    /**
     * A new primary secret; the current one stays valid for {@code grace} (at most {@link #MAX_GRACE}). Only if the
     * site is still as the user saw it ({@code shownVersion}: its {@link Site#version()} then); a rotation made
     * meanwhile is not pushed out ({@link dev.formbridge.storage.ConcurrentModificationException}).
     */
    public Audited<SiteService.NewSecret> rotate(SiteId id, long shownVersion, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("The grace period must be between 0 hours and 30 days.");
        }
        Access access = tenants.change();
        Site before = find(access, id);
        SiteService.NewSecret rotated = sites.rotateSecret(access.tenant(), id, shownVersion, grace);
        return audit.recordDone(
                rotated,
                access.tenant(),
                access.actor(),
                "site.secret_rotated",
                id.value(),
                secrets(before),
                secrets(rotated.site()));
    }

    /**
     * Ends the previous secret's grace period, only if the site is still as the user saw it ({@code shownVersion}):
     * after a rotation made meanwhile, "previous" would be another secret, possibly the one in use.
     */
    public Site retirePrevious(SiteId id, long shownVersion) {
        Access access = tenants.change();
        Site before = find(access, id);
        Site after = sites.retirePreviousSecret(access.tenant(), id, shownVersion);
        audit.record(
                access.tenant(),
                access.actor(),
                "site.previous_secret_retired",
                id.value(),
                secrets(before),
                secrets(after));
        return after;
    }

    public Site setStatus(SiteId id, SiteStatus status) {
        Access access = tenants.change();
        Site before = find(access, id);
        Site after = sites.setStatus(access.tenant(), id, status);
        audit.record(
                access.tenant(),
                access.actor(),
                status == SiteStatus.ACTIVE ? "site.enabled" : "site.disabled",
                id.value(),
                Map.of("status", before.status().name()),
                Map.of("status", after.status().name()));
        return after;
    }

    public void delete(SiteId id) {
        Access access = tenants.change();
        Site before = find(access, id);
        sites.delete(access.tenant(), id);
        audit.record(access.tenant(), access.actor(), "site.deleted", id.value(), describe(before), null);
    }

    /** When each secret version last verified a request. */
    public Map<Integer, Instant> secretLastUsed(SiteId id) {
        Access access = tenants.read();
        find(access, id);
        return sites.secretLastUsed(access.tenant(), id);
    }

    /** Signs a sample submission with the site's primary secret here and sends it through the real ingest endpoint. */
    public TestSubmissions.Result sendTestSubmission(SiteId id) {
        Access access = tenants.change();
        Site site = find(access, id);
        SigningSecret secret = decrypt(site, site.primary());
        TestSubmissions.Result result = testSubmissions.send(site, secret, access.actor());
        audit.record(
                access.tenant(),
                access.actor(),
                "site.test_submission_sent",
                id.value(),
                null,
                Map.of("status", result.status()));
        return result;
    }

    /** Which check a request a site sent would fail. Only this organisation's active sites are known to it. */
    public Diagnosis troubleshoot(SignatureTroubleshooter.Request request) {
        Access access = tenants.read();
        return troubleshooter.diagnose(request, key -> secretsOf(access, key), clock.instant());
    }

    private Optional<List<SigningSecret>> secretsOf(Access access, String siteKey) {
        return SiteKey.parse(siteKey)
                .filter(key -> key.tenantId().equals(access.tenant()))
                .flatMap(key -> sites.find(access.tenant(), key.siteId()))
                .filter(Site::isActive)
                .map(site -> site.validSecrets(clock.instant()).stream()
                        .map(version -> decrypt(site, version))
                        .toList());
    }

    private SigningSecret decrypt(Site site, SecretVersion version) {
        return SigningSecret.fromKey(cipher.decrypt(version.secret(), site.key().secretContext(version.version())));
    }

    private Site find(Access access, SiteId id) {
        try {
            return sites.get(access.tenant(), id);
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The site");
        }
    }

    private static Map<String, Object> describe(Site site) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", site.name());
        values.put("url", site.url());
        values.put("siteKey", site.key().value());
        values.put("status", site.status().name());
        return values;
    }

    /** Secret versions and deadlines only: never a secret. */
    private static Map<String, Object> secrets(Site site) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SecretVersion version : site.secrets()) {
            values.put(
                    "v" + version.version(),
                    version.validUntil() == null ? "primary" : "valid until " + version.validUntil());
        }
        return values;
    }
}
