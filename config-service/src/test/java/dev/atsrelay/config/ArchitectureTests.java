package dev.atsrelay.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Keeps the shape of docs/../STYLE.md: feature packages, no cycles, Kafka at the edge, package-private by default. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.atsrelay.config");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.atsrelay.config.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noTechnicalLayerPackages() {
        noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..dto..",
                "..util..", "..common..").check(CLASSES);
    }

    @Test
    void nothingDependsOnTheWebEdge() {
        noClasses().that().resideOutsideOfPackage("dev.atsrelay.config.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.atsrelay.config.web..").check(CLASSES);
    }

    @Test
    void onlyTheKafkaEdgesTouchKafka() {
        noClasses().that().resideOutsideOfPackages("dev.atsrelay.config.outbox..", "dev.atsrelay.config.platform..",
                        "dev.atsrelay.config.outcome..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void theOutcomeConsumerIsAnEntryPointNothingImports() {
        noClasses().that().resideOutsideOfPackage("dev.atsrelay.config.outcome..")
                .should().dependOnClassesThat().resideInAPackage("dev.atsrelay.config.outcome..").check(CLASSES);
    }

    @Test
    void runsUseActionsButActionsKnowNothingOfRuns() {
        noClasses().that().resideInAPackage("dev.atsrelay.config.action..")
                .should().dependOnClassesThat().resideInAPackage("dev.atsrelay.config.run..").check(CLASSES);
    }

    /** The console has no back door: it reads the event catalogue to render a form, and calls the public APIs. */
    @Test
    void theConsoleUsesNoFeatureButTheCatalogue() {
        classes().that().resideInAPackage("dev.atsrelay.config.console..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.atsrelay.config.console..",
                        "dev.atsrelay.config.catalogue..", "java..", "org.springframework..", "reactor..", "io.netty..",
                        "io.swagger..", "org.reactivestreams..")
                .check(CLASSES);
    }

    @Test
    void theMarketplaceClientIsALeaf() {
        noClasses().that().resideInAPackage("dev.atsrelay.config.marketplace..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.atsrelay.config.run..", "dev.atsrelay.config.action..",
                        "dev.atsrelay.config.outbox..", "dev.atsrelay.config.document..")
                .check(CLASSES);
    }

    @Test
    void controllersAndAdviceArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
                .should().notBePublic().check(CLASSES);
    }

    @Test
    void pureClassesImportNoFramework() {
        noClasses().that().haveSimpleNameEndingWith("Url").or().haveSimpleName("ApiKeyHash")
                .or().haveSimpleName("RedirectTemplate").or().haveSimpleName("Buttons").or().haveSimpleName("FormInput")
                .or().haveSimpleName("RunRules").or().haveSimpleName("RecordProgress").or().haveSimpleName("ActionInvoked")
                .or().haveSimpleName("SessionDeadline")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "tools.jackson..")
                .check(CLASSES);
    }
}
