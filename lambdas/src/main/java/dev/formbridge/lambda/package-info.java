/**
 * Thin AWS Lambda handlers: each maps its AWS event to a call into shared-model and maps the outcome back. Clients are
 * built once per container by the no-arg constructor ({@link dev.formbridge.lambda.Environment}); tests and the local
 * runtime pass their own through the other constructor.
 */
package dev.formbridge.lambda;
