package dev.atsrelay.marketplace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Holds the marketplace to the shape in STYLE.md: {@code web} and {@code kafka} are edges nothing imports, only
 * {@code kafka} touches Kafka, no cycles, the pure pieces (session lifetime and ids, rules, key index) free of
 * frameworks, package-private controllers.
 */
class ArchitectureTests {

    private static final String BASE = "dev.atsrelay.marketplace";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noTechnicalLayerPackages() {
        noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..dto..",
                "..util..", "..common..").check(CLASSES);
    }

    @Test
    void edgesAreImportedByNoOne() {
        noClasses().that().resideOutsideOfPackages(BASE + ".web..", BASE + ".kafka..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".web..", BASE + ".kafka..").check(CLASSES);
        noClasses().that().resideInAPackage(BASE + ".web..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".kafka..").check(CLASSES);
        noClasses().that().resideInAPackage(BASE + ".kafka..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".web..").check(CLASSES);
    }

    @Test
    void onlyTheKafkaEdgeTouchesKafka() {
        noClasses().that().resideOutsideOfPackage(BASE + ".kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void theCatalogueKnowsNothingOfSessionsOrAccounts() {
        noClasses().that().resideInAPackage(BASE + ".vendor..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".session..", BASE + ".account..").check(CLASSES);
    }

    @Test
    void pureClassesImportNoFramework() {
        noClasses().that().haveSimpleName("SessionIds").or().haveSimpleName("SessionLifetime")
                .or().haveSimpleName("SessionRules").or().haveSimpleName("VendorRules").or().haveSimpleName("AccountRules")
                .or().haveSimpleName("SessionDataTopics").or().haveSimpleName("TenantKeys").or().haveSimpleName("ApiKeyHash")
                .or().haveSimpleName("Checks")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "tools.jackson..",
                        "org.apache.kafka..", "io.r2dbc..")
                .check(CLASSES);
    }

    @Test
    void controllersAndAdviceArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
                .should().notBePublic().check(CLASSES);
    }
}
