package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receiving as staff see it, in a console started like {@code mvn -Prun} (sandbox mode, the sandbox posting MOs to the
 * console's webhook): an admin changes the help text on Admin › Keywords (a refused value shows next to its field), a
 * person texts "Stop" and then "help" from the sandbox panel, and the Contacts screen (list and dialog) shows them
 * opted out with how, when and the message they sent, while the Messages screen lists the one confirmation and the new help text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceivingConsoleIT {

    private static final String PASSWORD = "a long enough admin password";
    private static final String PHONE = "+447400123987";

    private ConsoleProcess console;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "receiving-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", PASSWORD)).start();
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.stop();
        }
    }

    @Test
    void aStopFromThePanelOptsOutWithOneConfirmationAndStaffSeeWhy() {
        ConsoleScreens screens = new ConsoleScreens(browser, console);
        screens.signIn("admin", PASSWORD);

        // Admin › Keywords: the default English set, edited.
        browser.open(console.url("/admin/keywords.xhtml"));
        String page = browser.waitForText("STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT");
        assertTrue(page.contains("START, UNSTOP"), page);
        browser.type("keywordForm:opt_out_words", " ").click("keywordForm:save");
        browser.awaitAjax();
        assertTrue(browser.byId("keywordForm:optOutWordsMessage").getText().contains("At least one word"), "refused next to its field");
        browser.type("keywordForm:opt_out_words", "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT")
                .type("keywordForm:help_reply", "Clinic help: call 0800 123 456. Reply STOP to opt out, ${name}.")
                .click("keywordForm:save");
        browser.waitForText("Keywords for en saved");
        browser.screenshot("receiving-keywords");

        // A person texts "Stop" twice and then "help" from the sandbox panel.
        browser.open(console.url("/sandbox.xhtml"));
        for (String text : new String[] {"Stop", "STOP", "help"}) {
            browser.type("sandboxForm:from", PHONE).type("sandboxForm:text", text).click("sandboxForm:send");
            browser.awaitAjax();
            browser.waitForText("SMS from " + PHONE + " received as");
        }

        // Contacts: opted out, how, when and what they sent.
        browser.open(console.url("/contacts.xhtml"));
        screens.searchContacts("7400123987");
        page = browser.waitForText("via keyword");
        assertTrue(page.contains("Opted out"), page);
        // The sandbox posts each MO on its own: either STOP may arrive first, and that one is the reason.
        assertTrue(page.contains("Sent \"Stop\"") || page.contains("Sent \"STOP\""), "the message that opted them out: " + page);
        browser.screenshot("receiving-contact-opted-out");
        browser.click("contactsForm:contacts:0:edit");
        browser.awaitAjax();
        String change = browser.byId("contactDialogForm:consentChange").getText();
        assertTrue(change.startsWith("Opted out ") && change.endsWith(" via keyword"), "the dialog shows the last change: " + change);
        String reason = browser.byId("contactDialogForm:consent_reason").getAttribute("value");
        assertTrue(reason.startsWith("Sent \"Stop\"") || reason.startsWith("Sent \"STOP\""), "with the message that opted them out: " + reason);
        browser.screenshot("receiving-contact-dialog");

        // Messages: the confirmation once, then the help text as changed.
        browser.open(console.url("/messages.xhtml"));
        page = browser.waitForText("Clinic help: call 0800 123 456. Reply STOP to opt out, .");
        int confirmations = page.split("You are unsubscribed", -1).length - 1;
        assertTrue(confirmations == 1, "one confirmation for two STOPs, found " + confirmations + ":\n" + page);
        assertFalse(page.contains("${name}"), "the reply is rendered for the contact");
        browser.screenshot("receiving-replies");
    }
}
