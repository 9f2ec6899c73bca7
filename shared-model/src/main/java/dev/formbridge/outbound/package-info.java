/**
 * Outbound HTTP for deliveries, refusing non-public addresses when it connects (SSRF, DNS rebinding).
 */
package dev.formbridge.outbound;
