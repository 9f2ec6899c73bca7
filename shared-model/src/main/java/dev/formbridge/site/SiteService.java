package dev.formbridge.site;

import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Registers sites and manages their signing secrets. Every method takes the caller's tenant (from the security
 * context, never from the client) and only ever touches that tenant's items. New secrets are returned once, in
 * {@link NewSecret}, and stored only encrypted.
 */
public final class SiteService {
    private final SiteRepository sites;
    private final SecretCipher cipher;
    private final Clock clock;

    public SiteService(Storage storage, SecretCipher cipher, Clock clock) {
        this.sites = new SiteRepository(storage);
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A site with the secret that was just created for it: show {@code secret} to its owner once, then drop it. */
    public record NewSecret(Site site, SigningSecret secret) {}

    /**
     * Registers a site with its first signing secret. {@code name} has 1–80 characters; {@code url} is the site's
     * http(s) address. Refused input throws {@link IllegalArgumentException} with a message for the user.
     */
    public NewSecret register(TenantId tenant, String name, String url) {
        name = checkName(name);
        url = checkUrl(url);
        SiteId id = SiteId.next();
        SigningSecret secret = SigningSecret.generate();
        EncryptedSecret encrypted = encrypt(SiteKey.of(tenant, id), 1, secret);
        Site site = sites.save(Site.create(tenant, id, name, url, encrypted, clock.instant()));
        return new NewSecret(site, secret);
    }

    /** The tenant's sites, oldest first. */
    public List<Site> list(TenantId tenant) {
        return sites.list(tenant);
    }

    /** Deletes the site: its key stops working once the authorizers' site caches expire (seconds). */
    public void delete(TenantId tenant, SiteId id) {
        get(tenant, id);
        sites.delete(tenant, id);
    }

    public Site get(TenantId tenant, SiteId id) {
        return find(tenant, id).orElseThrow(() -> new NoSuchElementException("no site " + id));
    }

    /** The tenant's site with this id, if there is one. */
    public Optional<Site> find(TenantId tenant, SiteId id) {
        return sites.find(tenant, id);
    }

    /** A new primary secret; the current one stays valid for {@code grace}. */
    public NewSecret rotateSecret(TenantId tenant, SiteId id, Duration grace) {
        return rotate(get(tenant, id), grace);
    }

    /**
     * Like {@link #rotateSecret(TenantId, SiteId, Duration)}, but only if the site is still at lock version
     * {@code shownVersion} ({@link Site#version()}), the one the user saw: a rotation made meanwhile by someone else
     * is not pushed out (it would drop the secret the site may still be using).
     *
     * @throws ConcurrentModificationException the site changed since it was shown
     */
    public NewSecret rotateSecret(TenantId tenant, SiteId id, long shownVersion, Duration grace) {
        return rotate(expect(get(tenant, id), shownVersion), grace);
    }

    /** Ends the previous secret's grace period now. */
    public Site retirePreviousSecret(TenantId tenant, SiteId id) {
        return sites.save(get(tenant, id).retirePrevious());
    }

    /**
     * Ends the previous secret's grace period now, only if the site is still at lock version {@code shownVersion}: a
     * rotation made meanwhile would make another secret the previous one, and that one may be in use.
     *
     * @throws ConcurrentModificationException the site changed since it was shown
     */
    public Site retirePreviousSecret(TenantId tenant, SiteId id, long shownVersion) {
        return sites.save(expect(get(tenant, id), shownVersion).retirePrevious());
    }

    public Site setStatus(TenantId tenant, SiteId id, SiteStatus status) {
        return sites.save(get(tenant, id).withStatus(status));
    }

    /** When each secret version last verified a request (sampled, up to a minute behind). */
    public Map<Integer, Instant> secretLastUsed(TenantId tenant, SiteId id) {
        return sites.secretLastUsed(tenant, id);
    }

    static String checkName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new IllegalArgumentException("The site name must have 1 to 80 characters.");
        }
        return trimmed;
    }

    static String checkUrl(String url) {
        String trimmed = url == null ? "" : url.strip();
        try {
            URI uri = new URI(trimmed);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && trimmed.length() <= 2000) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("Enter the site's address, like https://www.example.com.");
    }

    private NewSecret rotate(Site site, Duration grace) {
        SigningSecret secret = SigningSecret.generate();
        EncryptedSecret encrypted = encrypt(site.key(), site.nextSecretVersion(), secret);
        return new NewSecret(sites.save(site.rotate(encrypted, clock.instant(), grace)), secret);
    }

    /** The site, if still at {@code version}; the save that follows is conditional on that same version. */
    private static Site expect(Site site, long version) {
        if (site.version() != version) {
            throw new ConcurrentModificationException("site " + site.id());
        }
        return site;
    }

    private EncryptedSecret encrypt(SiteKey key, int version, SigningSecret secret) {
        return cipher.encrypt(secret.key(), key.secretContext(version));
    }
}
