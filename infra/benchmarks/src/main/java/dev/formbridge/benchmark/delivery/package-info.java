/**
 * Accepted → delivered: the local runtime in this JVM with one tenant, eight webhook connectors and a local receiver
 * behind each, fed signed submissions over HTTP at a steady rate and then as fast as a few senders can; every delivery
 * is matched to its submission, so duplicates and misses are counted, not assumed away.
 */
package dev.formbridge.benchmark.delivery;
