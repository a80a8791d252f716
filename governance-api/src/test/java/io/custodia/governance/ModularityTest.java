package io.custodia.governance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

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
    void noDependencyBringsTheDeepJavaLibrary() {
        // DJL contacts a cloud metadata address by default; the service's classpath holds every module and library.
        assertThat(getClass().getClassLoader().getResource(String.join("/", "ai", "djl"))).isNull();
        assertThat(new ClassFileImporter().importPackages(String.join(".", "ai", "djl"))).isEmpty();
    }

    @Test
    void librariesDoNotDependOnSpringOrTheService() {
        JavaClasses libraries = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.custodia.pii", "io.custodia.optout", "io.custodia.inference");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.custodia.governance..")
                .check(libraries);
        // Guards against an empty import, which would make the rule above pass vacuously.
        assertThat(libraries.containPackage("io.custodia.pii")).isTrue();
        assertThat(libraries.containPackage("io.custodia.optout")).isTrue();
        assertThat(libraries.containPackage("io.custodia.inference")).isTrue();
    }
}
