package dev.formbridge.portal.security;

import dev.formbridge.team.Member;
import dev.formbridge.team.PermissionDeniedException;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The organisation the signed-in user works in. The choice is kept in the user's session; every check re-reads the
 * membership from storage, so nothing the browser sends (a route parameter, a stale session) grants access.
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

    /** The selected organisation, or the user's first one, or empty if the user belongs to none. */
    public Optional<TenantId> selected() {
        Optional<TenantId> selected = selection.get();
        if (selected.isPresent() && membership(selected.get()).isPresent()) {
            return selected;
        }
        Optional<TenantId> first = team.memberships(currentUser.get().id()).stream()
                .findFirst()
                .map(m -> m.tenant().id());
        first.ifPresent(selection::set);
        return first;
    }

    /** Switches to {@code tenant}; the user must be a member. */
    public void select(TenantId tenant) {
        membership(tenant).orElseThrow(() -> new NotFoundException("The organisation"));
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

    private Access access(boolean change) {
        CurrentUser.User user = currentUser.get();
        TenantId tenant = selected().orElseThrow(() -> new NotFoundException("The organisation"));
        Member member = membership(tenant).orElseThrow(() -> new NotFoundException("The organisation"));
        if (change && !member.role().canChange()) {
            throw new PermissionDeniedException("Viewers cannot change anything in this organisation.");
        }
        return new Access(tenant, user, member.role());
    }

    private Optional<Member> membership(TenantId tenant) {
        return team.membership(tenant, currentUser.get().id());
    }

    /** The role of the signed-in user in the selected organisation, if any. */
    public Optional<Role> role() {
        return selected().flatMap(this::membership).map(Member::role);
    }
}
