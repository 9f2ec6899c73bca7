/**
 * Connectors (webhook, Slack, e-mail): their filters in the EventBridge pattern language and the filter builder's model,
 * templates, retry policy, encrypted signing secrets and write-only headers, the service that checks what an admin
 * types before storing it, each connector's version history with restore, and its circuit state as the workers
 * recorded it.
 */
package dev.formbridge.connector;
