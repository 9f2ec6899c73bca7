package dev.formbridge.tenant;

import dev.formbridge.Ids;

/** Identifies a tenant (an organisation); every storage key starts with it. */
public record TenantId(String value) {
    public static final String PREFIX = "ten_";

    public TenantId {
        Ids.require(PREFIX, value);
    }

    public static TenantId next() {
        return new TenantId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
