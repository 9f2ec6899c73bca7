/**
 * The local runtime: the whole system on one machine with the production handler classes. It starts dynalite, creates
 * the table from the shared definition, serves the ingest endpoint by building API Gateway events and calling the
 * authorizer and ingest handlers, and runs an event bus on AWS event-ruler with the same rule patterns as the CDK app.
 */
package dev.formbridge.local;
