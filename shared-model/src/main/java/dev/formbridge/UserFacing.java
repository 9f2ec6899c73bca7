package dev.formbridge;

/**
 * Marks an exception whose message is written for the person whose action was refused (a refusal they can act on),
 * so the portal shows it as it is; any other exception's message stays in the logs. Such a message never holds a
 * secret, another tenant's data or an internal detail.
 */
public interface UserFacing {}
