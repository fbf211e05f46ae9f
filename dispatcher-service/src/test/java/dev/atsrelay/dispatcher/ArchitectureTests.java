package dev.atsrelay.dispatcher;

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
 * Holds the dispatcher to the shape in STYLE.md: {@code event} and {@code web} are entry points nothing imports,
 * {@code webhook} is a leaf, only {@code event} touches Kafka, no cycles, pure pieces free of frameworks.
 */
class ArchitectureTests {

    private static final String BASE = "dev.atsrelay.dispatcher";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void entryPointsAreImportedByNoOne() {
        noClasses().that().resideOutsideOfPackages(BASE + ".event..", BASE + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".event..", BASE + ".web..").check(CLASSES);
        noClasses().that().resideInAPackage(BASE + ".event..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".web..").check(CLASSES);
        noClasses().that().resideInAPackage(BASE + ".web..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".event..").check(CLASSES);
    }

    @Test
    void webhookIsALeaf() {
        noClasses().that().resideInAPackage(BASE + ".webhook..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".event..", BASE + ".web..",
                        BASE + ".subscription..", BASE + ".delivery..", BASE + ".credential..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventEdgeTouchesKafka() {
        noClasses().that().resideOutsideOfPackage(BASE + ".event..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void pureClassesImportNoFramework() {
        noClasses().that().haveSimpleNameEndingWith("Signer").or().haveSimpleName("Classification")
                .or().haveSimpleName("SubscriptionIndex").or().haveSimpleName("PartitionOffsets")
                .or().haveSimpleName("MessageId").or().haveSimpleName("SecretCipher")
                .or().haveSimpleName("RetrySchedule").or().haveSimpleName("Filter")
                .or().haveSimpleName("AddressPolicy").or().haveSimpleName("SpecialAddresses")
                .or().haveSimpleName("IpLiteral").or().haveSimpleName("IpRange")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void controllersAndAdviceArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
                .should().notBePublic().check(CLASSES);
    }
}
