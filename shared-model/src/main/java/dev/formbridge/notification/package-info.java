/**
 * Notifications: e-mails to a tenant's owner and admins when one of its connectors needs them (disabled by a 410, a
 * circuit open for long, a growing dead-letter list), sent through the e-mail connectors' {@code Mailer}, at most one
 * per connector and reason an hour across all workers, and never to a member who turned them off. It implements the
 * delivery feature's {@code DeliveryAlerts} port, so delivery knows nothing of members.
 */
package dev.formbridge.notification;
