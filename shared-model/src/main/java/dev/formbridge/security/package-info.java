/**
 * Security events kept for the tenant's audit log: sampled rejections of bad signatures and rate-limit hits.
 */
package dev.formbridge.security;
