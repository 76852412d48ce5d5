package org.camelmm7;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.InputStream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.camelmm7.email.OutboundMail;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the house: no cycles between packages, the protocol core at the bottom
 * free of Camel, and each layer depending only on those below it.
 *
 * <pre>
 *   org.camelmm7 (main, composition root)   karaf
 *   log (records of every event)
 *   client   server ← listener   spool   mail   ops   simulator
 *   email    hooks
 *   mm7 (protocol core)   exchange (the routes' vocabulary)   support
 * </pre>
 */
class PackageRulesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.camelmm7");

    @Test
    void noPackageCycles() {
        slices().matching("org.camelmm7.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theProtocolCoreKnowsNothingElse() {
        noClasses().that().resideInAPackage("org.camelmm7.mm7..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "io.vertx..", "org.camelmm7", "org.camelmm7.support..", "org.camelmm7.exchange..",
                        "org.camelmm7.hooks..", "org.camelmm7.email..", "org.camelmm7.spool..", "org.camelmm7.mail..", "org.camelmm7.ops..", "org.camelmm7.server..",
                        "org.camelmm7.listener..", "org.camelmm7.client..", "org.camelmm7.log..", "org.camelmm7.simulator..",
                        "org.camelmm7.karaf..").check(GATEWAY);
    }

    @Test
    void theBasicsAndTheContractsDependOnlyOnTheProtocolCore() {
        noClasses().that().resideInAnyPackage("org.camelmm7.support..", "org.camelmm7.exchange..", "org.camelmm7.hooks..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camelmm7.client..", "org.camelmm7.server..", "org.camelmm7.listener..",
                        "org.camelmm7.spool..", "org.camelmm7.mail..", "org.camelmm7.email..", "org.camelmm7.log..", "org.camelmm7.ops..", "org.camelmm7.simulator..")
                .check(GATEWAY);
    }

    @Test
    void theEdgesDoNotKnowEachOther() {
        noClasses().that().resideInAnyPackage("org.camelmm7.client..", "org.camelmm7.spool..", "org.camelmm7.mail..", "org.camelmm7.ops..",
                "org.camelmm7.email..").should().dependOnClassesThat().resideInAnyPackage("org.camelmm7.server..", "org.camelmm7.listener..",
                "org.camelmm7.log..").check(GATEWAY);
        // the spool keeps mail until it leaves; the mail transport delivers it: neither knows the other
        noClasses().that().resideInAPackage("org.camelmm7.spool..").should().dependOnClassesThat().resideInAPackage("org.camelmm7.mail..")
                .check(GATEWAY);
        noClasses().that().resideInAPackage("org.camelmm7.mail..").should().dependOnClassesThat().resideInAPackage("org.camelmm7.spool..")
                .check(GATEWAY);
        noClasses().that().resideInAnyPackage("org.camelmm7.server..").should().dependOnClassesThat()
                .resideInAnyPackage("org.camelmm7.listener..", "org.camelmm7.client..", "org.camelmm7.log..", "org.camelmm7.spool..", "org.camelmm7.mail..")
                .check(GATEWAY);
    }

    @Test
    void onlyTheRuntimesUseTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("org.camelmm7", "org.camelmm7.karaf..").should().dependOnClassesThat()
                .resideInAPackage("org.camelmm7").check(GATEWAY);
    }

    /** The client's rules use the tracking database and the MMSC transport; neither knows the rules. */
    @Test
    void theClientsTrackingAndTransportDoNotKnowItsRules() {
        noClasses().that().resideInAnyPackage("org.camelmm7.client.tracking..", "org.camelmm7.client.mmsc..").should().dependOnClassesThat()
                .resideInAPackage("org.camelmm7.client").check(GATEWAY);
    }

    /**
     * Every outgoing mail is written by one writer (email.MailWriter: DeliverReq mails, bounces, read
     * notifications); jakarta.mail only reads mails back to relay them (WrittenMail), it composes none.
     */
    @Test
    void oneWriterComposesEveryOutgoingMail() {
        noClasses().that().areNotAssignableTo(OutboundMail.class).should().callConstructor(OutboundMail.class, Session.class, InputStream.class)
                .orShould().callConstructor(MimeMessage.class, Session.class).check(GATEWAY);
    }
}
