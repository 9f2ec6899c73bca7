/**
 * Teams: who belongs to which tenant (organisation) with which role, and the invitations that bring new members in.
 * Every change checks the acting user's current role as stored, never one the caller passes in; a user's memberships
 * across tenants are one query of a platform-wide index that only the portal reads.
 */
package dev.formbridge.team;
