package dev.formbridge.portal.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The signed-in user as the services see it: a stable id (the OIDC subject), the e-mail, and whether the user is
 * support staff. Always read from the security context, never from anything the browser sends.
 */
@Component
public class CurrentUser {
    public static final String SUPPORT_ROLE = "SUPPORT";

    private final AuthenticationContext authentication;

    public CurrentUser(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    /** The signed-in user; fails if nobody is (services are never called anonymously). */
    public User get() {
        OidcUser oidc = authentication
                .getAuthenticatedUser(OidcUser.class)
                .orElseThrow(() -> new IllegalStateException("no signed-in user"));
        String email = oidc.getEmail() != null ? oidc.getEmail() : oidc.getSubject();
        return new User(oidc.getSubject(), email, authentication.hasRole(SUPPORT_ROLE));
    }

    public void logout() {
        authentication.logout();
    }

    /** A signed-in user. */
    public record User(String id, String email, boolean support) {}
}
