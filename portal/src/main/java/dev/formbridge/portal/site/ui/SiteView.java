package dev.formbridge.portal.site.ui;

import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.portal.base.RuntimeSettings;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.portal.site.SiteAdminService;
import dev.formbridge.portal.site.TestSubmissions;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteId;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteStatus;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One site: its key, secret versions with their last use, rotation, retirement, status, deletion and a test send. */
@Route("sites/:siteId")
@PageTitle("Site · Form-Bridge")
@PermitAll
class SiteView extends VerticalLayout implements BeforeEnterObserver {
    private final SiteAdminService sites;
    private final TenantContext tenants;
    private final String ingestUrl;
    private SiteId siteId;

    SiteView(SiteAdminService sites, TenantContext tenants, RuntimeSettings settings) {
        this.sites = sites;
        this.tenants = tenants;
        this.ingestUrl = settings.ingestUrl();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            siteId = SiteAdminService.parseId(
                    event.getRouteParameters().get("siteId").orElse(""));
            render(sites.get(siteId));
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void render(Site site) {
        removeAll();
        boolean canChange = tenants.read().role().canChange();
        VerticalLayout page = Ui.page(
                site.name(),
                new Paragraph("Address: " + site.url()),
                new Paragraph("Site key: " + site.key().value()),
                new Paragraph("Status: " + site.status().name().toLowerCase()),
                createSecretVersions(site),
                createLastUsedNote());
        if (canChange) {
            page.add(createActions(site));
        }
        add(page);
    }

    private Grid<SecretVersion> createSecretVersions(Site site) {
        Map<Integer, Instant> lastUsed = sites.secretLastUsed(site.id());
        Grid<SecretVersion> versions = new Grid<>();
        versions.setAriaLabel("Signing secret versions");
        versions.addColumn(v -> "v" + v.version()).setHeader("Version");
        versions.addColumn(v -> v.isPrimary() ? "primary" : "previous").setHeader("Role");
        versions.addColumn(v -> Ui.time(v.createdAt())).setHeader("Created");
        versions.addColumn(v -> v.isPrimary() ? "until rotated" : Ui.time(v.validUntil()))
                .setHeader("Valid until");
        versions.addColumn(v -> Ui.time(lastUsed.get(v.version()))).setHeader("Last used");
        versions.setItems(site.validSecrets(Instant.now()));
        versions.setAllRowsVisible(true);
        return versions;
    }

    /** How exact "Last used" is: ingest records it sampled, not per request (ADR 0020). */
    private static Paragraph createLastUsedNote() {
        Paragraph note =
                new Paragraph("Last used is recorded at most once a minute for the previous secret and once an "
                        + "hour for the primary; a secret's first use shows at once.");
        note.addClassName("fb-muted");
        return note;
    }

    private HorizontalLayout createActions(Site site) {
        HorizontalLayout actions = new HorizontalLayout(
                Ui.primary("Send test submission", this::sendTest), Ui.button("Rotate secret", () -> openRotate(site)));
        if (site.validSecrets(Instant.now()).size() > 1) {
            actions.add(Ui.button(
                    "Retire previous now",
                    () -> Ui.confirm(
                            "Retire the previous secret now?",
                            "Requests signed with it are refused from now on.",
                            "Retire",
                            () -> render(sites.retirePrevious(siteId, site.version())))));
        }
        actions.add(
                site.status() == SiteStatus.ACTIVE
                        ? Ui.button("Disable", () -> render(sites.setStatus(siteId, SiteStatus.DISABLED)))
                        : Ui.button("Enable", () -> render(sites.setStatus(siteId, SiteStatus.ACTIVE))));
        actions.add(Ui.button(
                "Delete",
                () -> Ui.confirm(
                        "Delete " + site.name() + "?",
                        "Its key stops working and the site is gone. Stored submissions stay until they expire.",
                        "Delete",
                        () -> {
                            sites.delete(siteId);
                            getUI().ifPresent(ui -> ui.navigate(SitesView.class));
                        })));
        actions.setWrap(true);
        return actions;
    }

    private void sendTest() {
        TestSubmissions.Result result = sites.sendTestSubmission(siteId);
        if (result.accepted()) {
            Ui.success("Test submission accepted (" + result.status() + "): " + result.body());
        } else {
            Ui.error("Ingest answered " + result.status() + ": " + result.body());
        }
        render(sites.get(siteId));
    }

    /** Rotates the secret of {@code site} as shown: if someone rotated it meanwhile, this rotation is refused. */
    private void openRotate(Site site) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rotate the signing secret");
        IntegerField graceHours = new IntegerField("Keep the previous secret valid for (hours)");
        graceHours.setValue((int) Site.DEFAULT_GRACE.toHours());
        graceHours.setMin(0);
        graceHours.setMax((int) SiteAdminService.MAX_GRACE.toHours());
        graceHours.setStepButtonsVisible(true);
        dialog.add(new VerticalLayout(
                new Paragraph("A new primary secret is created. The current one keeps working until the deadline, "
                        + "so you can update your site without losing submissions."),
                graceHours));
        dialog.getFooter().add(Ui.button("Cancel", dialog::close), Ui.primary("Rotate", () -> {
            int hours = graceHours.getValue() == null ? 0 : graceHours.getValue();
            var rotation = sites.rotate(siteId, site.version(), Duration.ofHours(hours));
            SiteService.NewSecret rotated = rotation.result();
            dialog.close();
            render(rotated.site());
            new NewSecretDialog(
                            rotated,
                            ingestUrl,
                            "New signing secret for " + rotated.site().name())
                    .open();
            Ui.warnIfNotAudited(rotation.auditWritten());
        }));
        dialog.open();
    }
}
