/**
 * Security events of ingest (sampled rejections of bad signatures and rate-limit hits), recorded in the tenant's
 * hash-chained audit log.
 */
package dev.formbridge.security;
