/**
 * Tenants (organisations): their status and submission retention. Every storage key starts with the tenant.
 */
package dev.formbridge.tenant;
