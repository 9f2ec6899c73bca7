/**
 * Delivering submissions: the router (filters → one delivery per match), the delivery queue port and its SQS adapter,
 * the worker with its senders, retries, circuit breakers and dead letters, replay, and the mailers; dry runs and
 * test-sends built by the same senders; the {@code DeliveryAlerts} port through which the worker reports connectors in
 * trouble. It also erases its own records of a submission (deliveries, dead letters) when the submission feature
 * erases one.
 */
package dev.formbridge.delivery;
