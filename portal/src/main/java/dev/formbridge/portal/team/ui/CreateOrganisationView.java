package dev.formbridge.portal.team.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.team.TeamAdminService;
import dev.formbridge.team.TeamService;
import jakarta.annotation.security.PermitAll;

/** Creates an organisation with the signed-in user as its owner. */
@Route("organisations/new")
@PageTitle("New organisation · Form-Bridge")
@PermitAll
class CreateOrganisationView extends VerticalLayout {

    CreateOrganisationView(TeamAdminService team) {
        TextField name = new TextField("Organisation name");
        name.setRequired(true);
        name.setMaxLength(TeamService.MAX_NAME_LENGTH);
        name.setHelperText("Your company or project, as your team knows it.");
        name.setWidth("24rem");
        var create = Ui.primary("Create organisation", () -> {
            team.createOrganisation(name.getValue());
            // a full reload so the header's organisation switcher shows the new organisation
            getUI().ifPresent(ui -> ui.getPage().setLocation("sites"));
        });
        create.addClickShortcut(Key.ENTER);
        add(Ui.page("Create an organisation", name, create));
    }
}
