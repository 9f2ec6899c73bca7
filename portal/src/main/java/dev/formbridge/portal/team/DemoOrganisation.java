package dev.formbridge.portal.team;

import dev.formbridge.team.Actor;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.Tenant;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Local profile only: gives the local provider's demo admin an organisation with the demo viewer as a member, so
 * both demo logins show something at once. The local provider uses the e-mail as the subject (user id).
 */
@Component
@Profile("local")
class DemoOrganisation {
    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);
    static final String ADMIN = "admin@demo.formbridge.dev";
    static final String VIEWER = "viewer@demo.formbridge.dev";

    private final TeamService team;

    DemoOrganisation(TeamService team) {
        this.team = team;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!team.memberships(ADMIN).isEmpty()) {
            return;
        }
        Tenant tenant = team.createOrganisation(ADMIN, ADMIN, "Demo Organisation");
        var invitation = team.invite(tenant.id(), new Actor(ADMIN, ADMIN), VIEWER, Role.VIEWER, Duration.ofHours(1));
        team.accept(invitation.token(), VIEWER, VIEWER);
        log.info("demo organisation {} created: {} is its owner, {} a viewer", tenant.id(), ADMIN, VIEWER);
    }
}
