/**
 * Local ingest throughput: concurrent signed senders against the local runtime over HTTP, between runs of raw
 * PutItem against the same dynalite.
 */
package dev.formbridge.benchmark.throughput;
