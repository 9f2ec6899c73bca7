/**
 * The cost model of {@code docs/deploy.md}: what one submission costs along the whole path, with the counts read from
 * the code, the prices shown, and each function's memory and architecture read from the synthesized template, so the
 * model cannot drift from what is deployed ({@code CostModelTest} compares the document with a fresh synth).
 */
package dev.formbridge.cdk.cost;
