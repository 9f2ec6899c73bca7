/**
 * Delivering submissions: the router (filters → one delivery per match), the delivery queue port and its SQS adapter,
 * the worker with its senders, retries, circuit breakers and dead letters, replay, and the mailers.
 */
package dev.formbridge.delivery;
