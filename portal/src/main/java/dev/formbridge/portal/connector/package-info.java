/**
 * Connectors of the selected organisation: create and edit webhook, Slack and e-mail connectors with their filter (a
 * builder for sites and forms, or the EventBridge pattern as JSON) and template, enable and disable, the webhook
 * signing secret shown once and rotatable, credentials write-only, test-send, a dry run over real recent submissions
 * that sends nothing, the circuit state, and the version history with restore. Every change is audited.
 */
package dev.formbridge.portal.connector;
