package dev.formbridge.portal.security;

import dev.formbridge.tenant.TenantId;
import java.util.Optional;

/**
 * Where the signed-in user's choice of organisation is kept: per browser tab, so that a page acts on the organisation
 * it shows, plus the latest choice, where a new tab starts. A choice, never a permission.
 */
public interface TenantSelection {
    /** The organisation this tab works in, once it has one. */
    Optional<TenantId> get();

    /** The organisation chosen last in any tab of the user's session: where a new tab starts. */
    Optional<TenantId> latest();

    /** This tab works in {@code tenant} from now on, and so do tabs opened or reloaded later. */
    void set(TenantId tenant);
}
