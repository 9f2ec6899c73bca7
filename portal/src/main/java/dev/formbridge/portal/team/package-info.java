/**
 * Organisations and their people: creating an organisation, members with roles (owner, admin, viewer), invitations
 * by link, leaving and transferring ownership. The start page sends a user without an organisation here.
 */
package dev.formbridge.portal.team;
