/**
 * The single DynamoDB table: its one definition, the key design, client construction, and the local dynalite server.
 */
package dev.formbridge.storage;
