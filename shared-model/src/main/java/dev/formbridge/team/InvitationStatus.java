package dev.formbridge.team;

/** Where an invitation stands. It leaves {@code PENDING} once, by a conditional write. */
public enum InvitationStatus {
    PENDING,
    ACCEPTED,
    REVOKED
}
