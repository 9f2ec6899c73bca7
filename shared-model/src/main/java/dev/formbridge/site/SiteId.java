package dev.formbridge.site;

import dev.formbridge.Ids;

/** Identifies a site (one sender of submissions) within its tenant. */
public record SiteId(String value) {
    public static final String PREFIX = "site_";

    public SiteId {
        Ids.require(PREFIX, value);
    }

    public static SiteId next() {
        return new SiteId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
