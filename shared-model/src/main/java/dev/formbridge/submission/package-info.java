/**
 * Submissions as stored (the raw body, exactly once per site and webhook-id) and the schema check of their body.
 */
package dev.formbridge.submission;
