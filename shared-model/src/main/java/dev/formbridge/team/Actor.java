package dev.formbridge.team;

import java.util.Locale;

/**
 * The signed-in user acting on a tenant, as the portal takes it from the security context: the OIDC subject and the
 * e-mail address. It says who acts, not what they may do: the service reads their role from storage each time.
 */
public record Actor(String userId, String email) {
    /** OIDC allows subjects of up to 255 ASCII characters. */
    static final int MAX_USER_ID = 255;

    static final int MAX_EMAIL = 254;

    public Actor {
        userId = requireUserId(userId);
        email = requireEmail(email);
    }

    static String requireUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a user id (the OIDC subject) is required");
        }
        if (userId.length() > MAX_USER_ID) {
            throw new IllegalArgumentException("a user id has at most " + MAX_USER_ID + " characters");
        }
        return userId;
    }

    /** The address stripped; case is kept for display, comparisons ignore it. */
    static String requireEmail(String email) {
        String value = email == null ? "" : email.strip();
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.length() > MAX_EMAIL) {
            throw new IllegalArgumentException("not a valid e-mail address: " + abbreviate(value));
        }
        return value;
    }

    static boolean sameEmail(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? "'" + value + "'" : "'" + value.substring(0, 64) + "…'";
    }
}
