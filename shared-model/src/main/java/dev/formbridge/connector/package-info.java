/**
 * Connectors (webhook, Slack, e-mail): their filters in the EventBridge pattern language, templates, retry policy,
 * encrypted signing secrets and headers, and the service that checks what an admin types before storing it.
 */
package dev.formbridge.connector;
