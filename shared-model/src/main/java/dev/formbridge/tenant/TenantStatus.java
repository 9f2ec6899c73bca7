package dev.formbridge.tenant;

/** Whether a tenant's sites may send submissions. */
public enum TenantStatus {
    ACTIVE,
    DISABLED
}
