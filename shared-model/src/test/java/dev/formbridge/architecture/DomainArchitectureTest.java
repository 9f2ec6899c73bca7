package dev.formbridge.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** shared-model stays plain: no framework, no Lambda types, no feature cycles. */
class DomainArchitectureTest {
    static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.formbridge");

    @Test
    void the_domain_uses_no_spring_no_vaadin_and_no_lambda_types() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.vaadin..",
                        "com.amazonaws.services.lambda..",
                        "software.amazon.lambda.powertools..")
                .check(DOMAIN);
    }

    @Test
    void feature_packages_have_no_cycles() {
        // the key design (storage.Keys) names the typed ids of the features it keys; that is its only way in
        slices().matching("dev.formbridge.(*)..")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(resideInAPackage("..storage.."), simpleNameEndingWith("Id"))
                .check(DOMAIN);
    }

    @Test
    void only_the_secret_package_reveals_a_secret() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..secret..")
                .should()
                .callMethod(dev.formbridge.secret.SigningSecret.class, "reveal")
                .because("a revealed secret is shown to its owner once (site service, local admin), never elsewhere")
                .check(DOMAIN);
    }
}
