/**
 * The organisation's numbers: accepted, rejected by reason, delivered, failed, retried and delivery latency over the
 * last hour, day or 30 days, per site and per connector, as charts and tables that refresh themselves. Read from the
 * metric buckets by range queries, never by scanning submissions.
 */
package dev.formbridge.portal.metrics;
