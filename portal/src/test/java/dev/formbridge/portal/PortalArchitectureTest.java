package dev.formbridge.portal;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The portal's boundaries, checked rather than reviewed (STYLE.md rules 2 and 5). */
class PortalArchitectureTest {
    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.formbridge.portal", "dev.formbridge.idp");

    @Test
    void views_never_touch_repositories_or_storage_beyond_a_page_of_results() {
        noClasses()
                .that()
                .resideInAPackage("dev.formbridge.portal..ui..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat(
                        resideInAPackage("dev.formbridge.storage..").and(not(simpleName("Page"))))
                .check(PORTAL);
    }

    @Test
    void views_call_the_portal_services_not_shared_model_services_directly() {
        noClasses()
                .that()
                .resideInAPackage("dev.formbridge.portal..ui..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.formbridge.site.SiteService")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.formbridge.submission.SubmissionService")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.formbridge.audit.AuditRepository")
                .check(PORTAL);
    }

    @Test
    void the_portal_does_not_depend_on_the_local_identity_provider() {
        noClasses()
                .that()
                .resideInAPackage("dev.formbridge.portal..")
                .and()
                .doNotHaveSimpleName("PortalApplication")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.formbridge.idp..")
                .check(PORTAL);
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching("dev.formbridge.portal.(*)..")
                .should()
                .beFreeOfCycles()
                .check(PORTAL);
    }
}
