package dev.formbridge.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Handlers stay thin: they depend on shared-model, the Lambda libraries and Powertools, nothing else. */
class HandlerArchitectureTest {
    static final JavaClasses HANDLERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.formbridge.lambda");

    @Test
    void handlers_depend_only_on_shared_model_lambda_libraries_and_powertools() {
        classes()
                .that()
                .resideInAPackage("dev.formbridge.lambda")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.formbridge..",
                        "java..",
                        "com.amazonaws.services.lambda.runtime..",
                        "software.amazon.lambda.powertools..",
                        "software.amazon.awssdk..",
                        "com.fasterxml.jackson..",
                        "org.slf4j..",
                        // SnapStart's checkpoint hooks, for Priming only
                        "org.crac..")
                .check(HANDLERS);
    }

    @Test
    void only_the_environment_builds_aws_clients() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Environment")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .because("clients are built once per container, in one place (STYLE rule 4)")
                .check(HANDLERS);
    }
}
