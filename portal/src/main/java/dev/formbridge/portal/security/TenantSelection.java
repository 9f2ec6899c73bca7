package dev.formbridge.portal.security;

import dev.formbridge.tenant.TenantId;
import java.util.Optional;

/** Where the signed-in user's choice of organisation is kept (the user's session). A choice, never a permission. */
public interface TenantSelection {
    Optional<TenantId> get();

    void set(TenantId tenant);
}
