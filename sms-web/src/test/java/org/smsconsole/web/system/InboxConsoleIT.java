package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox clicked through like staff would, against one console in sandbox mode: a customer's SMS arrives
 * from the sandbox panel, the menu counts it, the inbox lists and finds the conversation, opening it reads it
 * for everyone, a reply goes out through the release engine and becomes delivered before the operator's eyes,
 * and the sandbox shows the number received it; a viewer reads the same inbox without a reply box.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxConsoleIT {

    private static final String ADMIN_PASSWORD = "inbox admin password";
    private static final String CUSTOMER = "+46 70 123 45 67";
    private static final String QUESTION = "Hello, is my parcel coming today?";
    private static final String ANSWER = "Yes, it arrives before noon.";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "inbox-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", ADMIN_PASSWORD)).start();
        browser = new Browser();
        screens = new ConsoleScreens(browser, console);
        screens.signIn("admin", ADMIN_PASSWORD);
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
    @Order(1)
    void aCustomerWritesAndStaffReadAndAnswerInTheInbox() {
        browser.open(console.url("/contacts.xhtml"));
        assertEquals("Inbox", menuInbox(), "nothing unread yet");

        browser.click("headerForm:menuSandbox");
        browser.waitForText("Simulate an SMS arriving");
        browser.type("sandboxForm:from", CUSTOMER).type("sandboxForm:text", QUESTION).click("sandboxForm:send");
        browser.waitForText("SMS from +46701234567 received as");
        browser.screenshot("inbox-01-sandbox-sms-sent");

        // The sandbox posts the MO to the console's webhook: any page's menu then counts it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open(console.url("/contacts.xhtml"));
            return "Inbox (1)".equals(menuInbox());
        });
        browser.screenshot("inbox-02-menu-unread");

        browser.click("headerForm:menuInbox");
        browser.waitForText("+46 70 123 45 67");
        assertEquals("/inbox.xhtml", browser.currentPath());
        String row = textOf("inboxForm:conversations:0:open");
        assertTrue(row.contains(QUESTION), row);
        assertEquals("1", textOf("inboxForm:conversations:0:unread"), "the conversation's unread count");
        assertTrue(browser.bodyText().contains("Choose a conversation"));
        browser.screenshot("inbox-03-list");

        browser.type("inboxForm:search", "no such words");
        browser.waitForText("No conversation matches.");
        browser.type("inboxForm:search", "PARCEL");
        browser.awaitAjax();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> textOf("inboxForm:conversations").contains("+46 70 123 45 67"));
        browser.screenshot("inbox-04-search");

        browser.click("inboxForm:conversations:0:open");
        browser.waitForText("Received");
        assertTrue(browser.currentPath().endsWith("/inbox.xhtml"));
        assertEquals("+46 70 123 45 67", textOf("conversationForm:heading"));
        String thread = textOf("conversationForm:thread");
        assertTrue(thread.contains(QUESTION), thread);
        assertFalse(thread.contains("new"), "opened: read");
        assertEquals("Inbox", menuInbox(), "the count goes away once an operator opens it");
        assertTrue(textOf("conversationForm:readBy").startsWith("Read by admin at"));
        browser.screenshot("inbox-05-conversation");

        browser.click("conversationForm:send");
        browser.awaitAjax();
        assertEquals("Write a reply first", textOf("conversationForm:replyMessage"));

        browser.byId("conversationForm:reply").sendKeys(ANSWER);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> textOf("conversationForm:counterText")
                .equals("28 characters · GSM-7 · 1 part · 132 characters left in this part"));
        browser.screenshot("inbox-06-reply-typed");
        browser.click("conversationForm:send");
        browser.waitForText("Reply queued");
        assertTrue(textOf("conversationForm:thread").contains(ANSWER), "the reply shows at once");
        assertEquals("", browser.byId("conversationForm:reply").getAttribute("value"));

        // The thread refreshes itself: queued, sent, then the sandbox's delivery report.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> lastOutboundState().equals("delivered"));
        String delivered = textOf("conversationForm:thread");
        assertTrue(delivered.indexOf(QUESTION) < delivered.indexOf(ANSWER), "question, then answer: " + delivered);
        assertTrue(textOf("inboxForm:conversations:0:open").contains("You: " + ANSWER), "the list's snippet is the reply");
        browser.screenshot("inbox-07-reply-delivered");

        browser.click("headerForm:menuSandbox");
        browser.waitForText("Recent batches");
        String batches = textOf("sandboxForm:batches");
        assertTrue(batches.contains("+46701234567") && batches.contains(ANSWER), "the number received the reply: " + batches);
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('sandboxForm:batches').scrollIntoView()");
        browser.screenshot("inbox-08-sandbox-reply-received");
    }

    @Test
    @Order(2)
    void aViewerReadsTheInboxButCannotAnswer() {
        browser.open(console.url("/admin/users.xhtml"));
        browser.type("addUserForm:username", "vic").type("addUserForm:displayName", "Vic Viewer");
        browser.driver().findElement(By.id("addUserForm:role")).click();
        browser.find("#addUserForm\\:role_items li[data-label='VIEWER']").click();
        browser.type("addUserForm:password", "vic one-time password").click("addUserForm:addUser");
        browser.waitForText("Added vic");
        browser.click("headerForm:logout");
        screens.signIn("vic", "vic one-time password");
        screens.changePassword("vic one-time password", "vic's own password");

        browser.open(console.url("/inbox.xhtml"));
        browser.waitForText("+46 70 123 45 67");
        browser.click("inboxForm:conversations:0:open");
        String page = browser.waitForText("Answering needs the OPERATOR role.");
        assertTrue(textOf("conversationForm:thread").contains(QUESTION), page);
        assertTrue(textOf("conversationForm:thread").contains(ANSWER), page);
        assertTrue(browser.driver().findElements(By.id("conversationForm:reply")).isEmpty(), "no reply box for a viewer");
        assertTrue(browser.driver().findElements(By.id("conversationForm:send")).isEmpty(), "no send button for a viewer");
        assertTrue(page.contains("VIEWER"), page);
        browser.screenshot("inbox-09-viewer");
    }

    /** An element's text; the page's polls re-render parts of it, so a reference may go stale between finding and reading. */
    private String textOf(String id) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.byId(id).getText(), text -> true);
    }

    private String menuInbox() {
        return textOf("headerForm:menuInbox").strip();
    }

    private String lastOutboundState() {
        var states = browser.driver().findElements(By.cssSelector("#conversationForm\\:thread .inbox-out .inbox-state"));
        return states.isEmpty() ? "" : states.get(states.size() - 1).getText();
    }
}
