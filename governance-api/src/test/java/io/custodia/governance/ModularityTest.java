package io.custodia.governance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The boundaries as failing tests: the service's modules, and libraries that never learn about Spring. */
class ModularityTest {

    @Test
    void serviceModulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules.of(CustodiaApplication.class).verify();
    }

    @Test
    void librariesDoNotDependOnSpringOrTheService() {
        JavaClasses libraries = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.custodia.pii", "io.custodia.optout", "io.custodia.inference");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.custodia.governance..")
                .check(libraries);
        // Guards against an empty import, which would make the rule above pass vacuously.
        org.assertj.core.api.Assertions.assertThat(libraries.containPackage("io.custodia.pii")).isTrue();
        org.assertj.core.api.Assertions.assertThat(libraries.containPackage("io.custodia.optout")).isTrue();
        org.assertj.core.api.Assertions.assertThat(libraries.containPackage("io.custodia.inference")).isTrue();
    }
}
