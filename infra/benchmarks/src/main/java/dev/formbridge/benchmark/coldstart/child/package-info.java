/**
 * What runs inside the fresh JVM of a simulated cold start, on the classpath next to a shaded Lambda jar: only these
 * classes, packaged alone as {@code benchmarks-coldstart.jar}, so the JVM loads nothing a Lambda would not.
 */
package dev.formbridge.benchmark.coldstart.child;
