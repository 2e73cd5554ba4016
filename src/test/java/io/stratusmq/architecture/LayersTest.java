package io.stratusmq.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the arrows of DESIGN.md pointing down: each layer imports only the ones below it. */
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stratusmq");
    }

    @Test
    @DisplayName("codec depends on the JDK only")
    void codecIsPure() {
        noClasses().that().resideInAPackage("io.stratusmq.codec..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.stratusmq.codec..", "java..")
                .check(classes);
    }

    @Test
    @DisplayName("routing depends on the JDK only: no I/O, no security")
    void routingIsPure() {
        noClasses().that().resideInAPackage("io.stratusmq.routing..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.stratusmq.routing..", "java..")
                .check(classes);
    }

    @Test
    @DisplayName("session, broker and protocol are plain Java: no Quarkus, Vert.x, Redis or transport")
    void coreIsPlainJava() {
        noClasses().that().resideInAnyPackage("io.stratusmq.session..", "io.stratusmq.broker..",
                        "io.stratusmq.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "jakarta..", "io.stratusmq.transport..", "io.stratusmq.cluster..", "io.stratusmq.app..",
                        "io.stratusmq.ops..")
                .check(classes);
    }

    @Test
    @DisplayName("session does not reach up into protocol or broker")
    void sessionBelowProtocol() {
        noClasses().that().resideInAPackage("io.stratusmq.session..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stratusmq.protocol..", "io.stratusmq.broker..")
                .check(classes);
    }

    @Test
    @DisplayName("broker does not reach up into protocol")
    void brokerBelowProtocol() {
        noClasses().that().resideInAPackage("io.stratusmq.broker..")
                .should().dependOnClassesThat().resideInAPackage("io.stratusmq.protocol..")
                .check(classes);
    }

    @Test
    @DisplayName("transports move bytes: no routing, session or cluster")
    void transportIsThin() {
        noClasses().that().resideInAPackage("io.stratusmq.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stratusmq.routing..", "io.stratusmq.session..",
                        "io.stratusmq.cluster..")
                .check(classes);
    }

    @Test
    @DisplayName("security does not depend on transports")
    void securityBelowTransport() {
        noClasses().that().resideInAPackage("io.stratusmq.security..")
                .should().dependOnClassesThat().resideInAPackage("io.stratusmq.transport..")
                .check(classes);
    }

    @Test
    @DisplayName("security is plain Java below protocol: no Quarkus or CDI; only its redis adapter touches Vert.x")
    void securityIsPlainJava() {
        noClasses().that().resideInAPackage("io.stratusmq.security..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
                        "io.stratusmq.app..", "io.stratusmq.protocol..", "io.stratusmq.broker..",
                        "io.stratusmq.session..", "io.stratusmq.cluster..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stratusmq.security")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(classes);
    }
}
