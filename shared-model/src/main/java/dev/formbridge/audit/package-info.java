/**
 * Audit events appended per tenant; the Portal issue adds the hash chain and the views.
 */
package dev.formbridge.audit;
