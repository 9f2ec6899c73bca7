/**
 * Simulated Lambda cold starts: the driver starts fresh JVMs on the shaded jars with several flag sets and archives,
 * next to a bare-JVM hello world, and reports medians, p90 and ratios. What runs inside those JVMs is in
 * {@code child}.
 */
package dev.formbridge.benchmark.coldstart;
