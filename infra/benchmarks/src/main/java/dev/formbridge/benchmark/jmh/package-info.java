/**
 * JMH benchmarks of the per-request hot paths: the signature check against a bare HMAC, and the authorizer's cached
 * decision. {@link dev.formbridge.benchmark.jmh.JmhRun} runs them briefly and writes their section.
 */
package dev.formbridge.benchmark.jmh;
