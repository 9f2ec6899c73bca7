/**
 * Deliveries of the selected organisation: per connector and per submission, every attempt, the dead-letter list, and
 * repairs — replay one delivery, every failed one of a connector since a time (after a confirmation with the count),
 * or a submission to all its connectors. Replays keep the delivery id, so receivers can de-duplicate.
 */
package dev.formbridge.portal.delivery;
