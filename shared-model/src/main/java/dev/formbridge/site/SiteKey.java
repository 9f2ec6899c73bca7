package dev.formbridge.site;

import dev.formbridge.Ids;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;

/**
 * The public identifier a site sends in {@code X-FormBridge-Site}: {@code fbk_<tenant ULID>_<site ULID>}. It names the
 * tenant and the site, so the authorizer reads exactly one item, under that tenant's key, to resolve it. It is not a
 * secret; the signing secret proves the sender.
 */
public record SiteKey(TenantId tenantId, SiteId siteId) {
    public static final String PREFIX = "fbk_";
    private static final int LENGTH = PREFIX.length() + 26 + 1 + 26;

    public static SiteKey of(TenantId tenantId, SiteId siteId) {
        return new SiteKey(tenantId, siteId);
    }

    /** Parses a header value; empty when it is not a well-formed site key (callers treat that as an unknown site). */
    public static Optional<SiteKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.length() != LENGTH || !value.startsWith(PREFIX) || value.charAt(PREFIX.length() + 26) != '_') {
            return Optional.empty();
        }
        String tenant = value.substring(PREFIX.length(), PREFIX.length() + 26);
        String site = value.substring(PREFIX.length() + 27);
        if (!Ids.isUlid(tenant) || !Ids.isUlid(site)) {
            return Optional.empty();
        }
        return Optional.of(new SiteKey(new TenantId(TenantId.PREFIX + tenant), new SiteId(SiteId.PREFIX + site)));
    }

    public String value() {
        return PREFIX + Ids.ulidOf(TenantId.PREFIX, tenantId.value()) + "_" + Ids.ulidOf(SiteId.PREFIX, siteId.value());
    }

    /** The context bound into a secret's ciphertext: it decrypts only for this tenant, site and version. */
    public String secretContext(int version) {
        return value() + "#v" + version;
    }

    @Override
    public String toString() {
        return value();
    }
}
