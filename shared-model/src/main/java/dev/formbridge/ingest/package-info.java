/**
 * The ingest path independent of its transport: the authorizer's decision, the checks and answers of the protocol's
 * contract table, rate limits, rejection counters and sampled security events.
 */
package dev.formbridge.ingest;
