/**
 * Signing secrets and the one Standard Webhooks signature implementation everybody uses, plus envelope encryption of
 * secrets at rest (a local key file, or KMS). A secret is shown to its owner once and never appears in a log line.
 */
package dev.formbridge.secret;
