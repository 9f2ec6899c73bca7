package dev.formbridge.team;

import dev.formbridge.tenant.Tenant;

/** One tenant a user belongs to, with their role there: what the portal's organisation switcher shows. */
public record Membership(Tenant tenant, Role role) {}
