/**
 * Per-tenant counters in minute and hour buckets (per site and per connector), aggregated in memory and written with
 * atomic ADDs; what dashboards read.
 */
package dev.formbridge.metrics;
