package dev.formbridge.team;

import dev.formbridge.UserFacing;

/** An invitation could not be accepted; {@link #reason()} tells the portal which message to show. */
public final class InvitationException extends RuntimeException implements UserFacing {
    /** Why an invitation was refused. */
    public enum Reason {
        /** No invitation has this token (unknown, mistyped or tampered with). */
        NOT_FOUND("This invitation link is not valid."),
        /** It was valid once; ask for a new one. */
        EXPIRED("This invitation has expired; ask for a new one."),
        /** It was accepted already; an invitation works once. */
        ALREADY_USED("This invitation has already been used."),
        /** An admin withdrew it. */
        REVOKED("This invitation was withdrawn; ask for a new one."),
        /** It is addressed to another e-mail address than the signed-in user's. */
        WRONG_USER("This invitation is for another e-mail address; sign in with the address it was sent to."),
        /** The signed-in user is a member of the tenant already. */
        ALREADY_MEMBER("You are already a member of this organisation.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public InvitationException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
