package dev.formbridge.cdk;

import dev.formbridge.storage.TableDefinition;

/** The data store's props: the shared table definition (its name may differ per deployment). */
public record DataStoreProps(TableDefinition definition) {}
