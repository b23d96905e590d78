package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new installation on the embedded H2 file, exactly as {@code mvn -Prun} starts it with no
 * settings at all: first login with the generated password, the contacts screen, a restart.
 * One console process serves the whole story (one deployment), so the steps run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunIT {

    private static final String NEW_PASSWORD = "a brand new admin password";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "first-run-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of()).start();
        browser = new Browser();
        screens = new ConsoleScreens(browser, console);
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
    void anUnauthenticatedRequestGoesToTheLoginAndTheApiAsksForCredentialsWithoutABasicChallenge() throws Exception {
        HttpResponse<Void> page = http.send(HttpRequest.newBuilder(console.url("/contacts.xhtml")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"));

        HttpResponse<Void> api = http.send(HttpRequest.newBuilder(console.url("/api/contacts")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(401, api.statusCode());
        // Bearer, never Basic: a Basic challenge makes a browser prompt, then send the password with every request.
        assertEquals("Bearer realm=\"sms-console\"", api.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(api.headers().firstValue("Set-Cookie").isEmpty(), "the API never opens a session");

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(console.url("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    @Test
    @Order(2)
    void theGeneratedAdminPasswordIsOwnerOnlyAndMustBeChangedAtFirstLogin() throws Exception {
        Path file = console.workDir().resolve("data/initial-admin-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String generated = Files.readString(file).strip();
        assertFalse(console.log().contains(generated), "the password itself is never logged");

        browser.open(console.url("/login.xhtml"));
        String hint = browser.byId("loginForm:firstSignIn").getText();
        assertTrue(hint.contains("the user is admin") && hint.contains(file.toAbsolutePath().toString()), hint);
        assertFalse(browser.bodyText().contains(generated), "the page says where the password is, never what it is");
        browser.screenshot("00-first-sign-in-hint");

        String page = screens.signIn("admin", generated);
        assertEquals("/account/password.xhtml", browser.currentPath());
        assertTrue(page.contains("Your password was generated at installation"), page);
        assertTrue(page.contains("Sandbox mode"), "no Sinch credentials: the sandbox banner shows");

        browser.open(console.url("/contacts.xhtml"));
        assertEquals("/account/password.xhtml", browser.currentPath(), "no other page until the password is changed");

        browser.type("passwordForm:current", generated).type("passwordForm:replacement", NEW_PASSWORD)
                .type("passwordForm:confirmation", NEW_PASSWORD + "x").click("passwordForm:changePassword");
        browser.awaitAjax();
        assertTrue(browser.byId("passwordForm:confirmation").findElement(By.xpath("following::div[contains(@class,'ui-message')][1]"))
                .getText().contains("The two new passwords differ"));
        browser.screenshot("01-forced-password-change");

        screens.changePassword(generated, NEW_PASSWORD);
        assertEquals("/dashboard.xhtml", browser.currentPath(), "the forced change leads on to the console");
        assertFalse(browser.bodyText().contains("Your password was generated at installation"), browser.bodyText());
        browser.screenshot("01b-after-forced-change");
        assertFalse(Files.exists(file), "the spent one-time password's file is deleted");

        browser.open(console.url("/contacts.xhtml"));
        assertEquals("/contacts.xhtml", browser.currentPath());
        assertTrue(browser.waitForText("No contacts yet.").contains("admin"), "the header names the signed-in user");
    }

    @Test
    @Order(3)
    void staffAddEditSearchAndDeleteContacts() {
        screens.addContact("Ada Lovelace", "+44 7400 123456");
        String page = browser.waitForText("+44 7400 123456");
        assertTrue(page.contains("Ada Lovelace"), page);
        assertTrue(page.contains("1–1 of 1"), page);
        browser.screenshot("02-contact-added");

        screens.openContactDialog();
        browser.type("contactDialogForm:name", "Nobody").type("contactDialogForm:phone", "+1 555 12")
                .click("contactDialogForm:saveContact");
        browser.awaitAjax();
        assertEquals("'+1 555 12' is not a valid phone number", browser.byId("contactDialogForm:phoneMessage").getText());
        browser.screenshot("03-bad-number-refused");
        browser.click("contactDialogForm:cancelContact");
        assertTrue(browser.bodyText().contains("1–1 of 1"), "nothing was stored");

        screens.addContact("Grace Hopper", "(202) 555-0143");
        browser.waitForText("+1 202-555-0143");
        assertTrue(browser.waitForText("1–2 of 2").contains("Ada Lovelace"), "the count follows the table");
        screens.searchContacts("grace");
        browser.waitForTextGone("Ada Lovelace");
        assertTrue(browser.bodyText().contains("Grace Hopper"));

        browser.click("contactsForm:contacts:0:edit");
        browser.awaitAjax();
        browser.type("contactDialogForm:name", "Grace B. Hopper").click("contactDialogForm:saveContact");
        browser.waitForText("Grace B. Hopper");

        browser.click("contactsForm:contacts:0:delete");
        browser.click("contactsForm:confirmYes");
        browser.waitForText("Deleted +1 202-555-0143");
        browser.waitForText("No contacts yet.");
        screens.searchContacts("");
        browser.waitForText("Ada Lovelace");
        assertFalse(browser.bodyText().contains("Grace"), browser.bodyText());
    }

    @Test
    @Order(4)
    void contactsSurviveARestartOnTheH2File() throws Exception {
        Path work = console.workDir();
        console.stop();
        console = new ConsoleProcess(work, Map.of()).start();
        screens = new ConsoleScreens(browser, console);

        screens.signIn("admin", NEW_PASSWORD);
        assertEquals("/dashboard.xhtml", browser.currentPath(), "the dashboard is the landing page");
        browser.open(console.url("/contacts.xhtml"));
        String page = browser.waitForText("Ada Lovelace");
        assertTrue(page.contains("+44 7400 123456"), page);
        browser.screenshot("04-contacts-after-restart");
    }

    @Test
    @Order(5)
    void signingOutEndsTheSession() {
        browser.click("headerForm:logout");
        browser.waitForText("Sign in to continue");
        browser.open(console.url("/contacts.xhtml"));
        assertEquals("/login.xhtml", browser.currentPath());
    }
}
