/**
 * What every feature shares: the wiring of shared-model's services to the storage of the active profile (the local
 * runtime's dynalite or DynamoDB in AWS), errors shown to users, and the layout in {@code base.ui}.
 */
package dev.formbridge.portal.base;
