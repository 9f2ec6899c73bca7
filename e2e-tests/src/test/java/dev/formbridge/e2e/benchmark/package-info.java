/**
 * Benchmarks of the running portal: its cold start to the first sign-in page, the Submissions view of an organisation
 * with 100,000 submissions, and its dashboard with the counters of 100,000 submissions. Main classes, not tests (no
 * {@code *Test} or {@code *IT}, so the test command never runs them): {@code scripts/benchmark portal} and
 * {@code scripts/benchmark dashboard} run {@link dev.formbridge.e2e.benchmark.PortalBenchmark}, which rewrites that
 * section of {@code docs/benchmarks.md}.
 */
package dev.formbridge.e2e.benchmark;
