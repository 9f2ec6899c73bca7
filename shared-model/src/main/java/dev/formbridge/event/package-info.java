/**
 * Platform events (claim checks, never payloads), their names and rule patterns in one place, and the publishers:
 * EventBridge in AWS, an in-process bus locally.
 */
package dev.formbridge.event;
