package dev.formbridge.portal.security;

import dev.formbridge.team.Member;
import dev.formbridge.team.PermissionDeniedException;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The organisation the signed-in user works in. The choice is kept per browser tab on the server (a switch in one tab
 * never redirects the pages open in another); every check re-reads the membership from storage, so nothing the
 * browser sends (a route parameter, a stale session) grants access.
 */
@Component
public class TenantContext {
    private final CurrentUser currentUser;
    private final TeamService team;
    private final TenantSelection selection;

    public TenantContext(CurrentUser currentUser, TeamService team, TenantSelection selection) {
        this.currentUser = currentUser;
        this.team = team;
        this.selection = selection;
    }

    /**
     * The organisation of this tab; a tab without one starts in the organisation chosen last, or the user's first one.
     * Empty if the user belongs to none.
     */
    public Optional<TenantId> selected() {
        return selectedMembership(currentUser.get()).map(Member::tenantId);
    }

    /** Switches to {@code tenant}; the user must be a member. */
    public void select(TenantId tenant) {
        membership(tenant, currentUser.get()).orElseThrow(() -> new NotFoundException("The organisation"));
        selection.set(tenant);
    }

    /** Access to the selected organisation for reading. */
    public Access read() {
        return access(false);
    }

    /** Access to the selected organisation for a change: viewers are refused. */
    public Access change() {
        return access(true);
    }

    /** The role of the signed-in user in the selected organisation, if any. */
    public Optional<Role> role() {
        return selectedMembership(currentUser.get()).map(Member::role);
    }

    private Access access(boolean change) {
        CurrentUser.User user = currentUser.get();
        Member member = selectedMembership(user).orElseThrow(() -> new NotFoundException("The organisation"));
        if (change && !member.role().canChange()) {
            throw new PermissionDeniedException("Viewers cannot change anything in this organisation.");
        }
        return new Access(member.tenantId(), user, member.role());
    }

    /**
     * The user's membership of this tab's organisation, read from storage (one read). Once a tab works in an
     * organisation it stays there: if the membership is gone, the call is refused, never moved to another organisation
     * (its page still shows the old one). Only a tab without an organisation starts in the latest choice, or, if that
     * is gone too, in the user's first organisation.
     */
    private Optional<Member> selectedMembership(CurrentUser.User user) {
        Optional<TenantId> shown = selection.get();
        if (shown.isPresent()) {
            return Optional.of(membership(shown.get(), user).orElseThrow(StalePageException::new));
        }
        Optional<Member> start = selection
                .latest()
                .flatMap(tenant -> membership(tenant, user))
                .or(() -> team.memberships(user.id()).stream()
                        .findFirst()
                        .flatMap(m -> membership(m.tenant().id(), user)));
        start.ifPresent(member -> selection.set(member.tenantId()));
        return start;
    }

    private Optional<Member> membership(TenantId tenant, CurrentUser.User user) {
        return team.membership(tenant, user.id());
    }
}
