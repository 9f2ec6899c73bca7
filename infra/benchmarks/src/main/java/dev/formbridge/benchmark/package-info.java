/**
 * Benchmarks of the foundation: JMH for the hot paths, a simulated Lambda cold start in fresh JVMs, and the local
 * ingest throughput over HTTP. Each compares with a baseline measured in the same run (a bare HMAC, a bare JVM, raw
 * PutItem), because absolute numbers on a small shared machine move from run to run while ratios hold. Run them with
 * {@code scripts/benchmark}; they write their section of {@code docs/benchmarks.md}.
 */
package dev.formbridge.benchmark;
