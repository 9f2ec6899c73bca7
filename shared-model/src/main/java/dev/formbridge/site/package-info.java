/**
 * Sites (senders with a public site key) and their signing secret versions: registration, rotation with a grace
 * period, retirement, status; {@link dev.formbridge.site.SiteDirectory} resolves a site key for the authorizer and ingest.
 */
package dev.formbridge.site;
