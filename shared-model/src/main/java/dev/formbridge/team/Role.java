package dev.formbridge.team;

/** What a member may do in their tenant. A tenant has one owner; ownership moves only by a transfer. */
public enum Role {
    /** Everything an admin may do, and transferring ownership. Cannot be removed, cannot leave, cannot be invited. */
    OWNER,
    /** Changes the tenant's configuration and manages members and invitations (but not the owner). */
    ADMIN,
    /** Reads only. */
    VIEWER;

    /** Whether this role may change the tenant's configuration (sites, connectors, …). */
    public boolean canChange() {
        return this != VIEWER;
    }

    /** Whether this role may invite, remove and change members. */
    public boolean canManageMembers() {
        return this == OWNER || this == ADMIN;
    }
}
