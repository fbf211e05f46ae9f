package dev.atsrelay.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Keeps the shape of STYLE.md: feature packages, no cycles, Kafka and HTTP at the edges, package-private by default. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.atsrelay.ingest");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.atsrelay.ingest.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noTechnicalLayerPackages() {
        noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..dto..",
                "..util..", "..common..").allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void nothingDependsOnTheHttpEdge() {
        noClasses().that().resideOutsideOfPackage("dev.atsrelay.ingest.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.atsrelay.ingest.api..").check(CLASSES);
    }

    @Test
    void onlyTheKafkaEdgeTouchesKafka() {
        noClasses().that().resideOutsideOfPackage("dev.atsrelay.ingest.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void validationAndCredentialsAreFreeOfWebAndKafka() {
        noClasses().that().resideInAnyPackage("dev.atsrelay.ingest.validation..", "dev.atsrelay.ingest.credential..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "reactor..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void controllersAndAdviceArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
                .should().notBePublic().check(CLASSES);
    }
}
