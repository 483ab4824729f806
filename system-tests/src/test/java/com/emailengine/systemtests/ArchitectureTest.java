package com.emailengine.systemtests;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure holds: no circle between any two packages of the engine's production code (core, platform,
 * adapters, emulators, functions, the fleet, the local cloud). Module boundaries themselves are held by the
 * enforcer in each module's pom; this test holds what the enforcer cannot see, inside and across modules.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // Test classes come from test-classes folders and from the fixtures' test jar (emulators-*-tests.jar).
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.emailengine");
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("com.emailengine.(**)").should().beFreeOfCycles().check(production);
    }
}
