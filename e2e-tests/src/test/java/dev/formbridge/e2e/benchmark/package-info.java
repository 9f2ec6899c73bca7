/**
 * Benchmarks of the running portal: its cold start to the first sign-in page, and the Submissions view of an
 * organisation with 100,000 submissions. Main classes, not tests (no {@code *Test} or {@code *IT}, so the test command
 * never runs them): {@code scripts/benchmark portal} runs {@link dev.formbridge.e2e.benchmark.PortalBenchmark}, which
 * rewrites its section of {@code docs/benchmarks.md}.
 */
package dev.formbridge.e2e.benchmark;
