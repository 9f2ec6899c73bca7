package dev.formbridge.portal;

import dev.formbridge.idp.LocalIdentityProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the portal. In the {@code local} profile (the default) it first starts the local OpenID Connect provider on
 * its own port, as a separate Spring application, so the portal's security setup is the same as in AWS and only the
 * issuer differs.
 */
@SpringBootApplication
public class PortalApplication {

    public static void main(String[] args) {
        LocalIdentityProvider.startIfLocal(args);
        SpringApplication.run(PortalApplication.class, args);
    }
}
