package dev.formbridge.tenant;

import java.util.List;

/**
 * One page of the tenant directory, in order of name. {@code nextCursor} asks for the page after this one; it is null
 * on the last page. Treat it as opaque: pass it back unchanged.
 */
public record TenantPage(List<Tenant> tenants, String nextCursor) {
    public TenantPage {
        tenants = List.copyOf(tenants);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
