package dev.formbridge.team;

import dev.formbridge.Ids;

/** Identifies an invitation within its tenant. Not a secret: the token that accepts it is. */
public record InvitationId(String value) {
    public static final String PREFIX = "inv_";

    public InvitationId {
        Ids.require(PREFIX, value);
    }

    public static InvitationId next() {
        return new InvitationId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
