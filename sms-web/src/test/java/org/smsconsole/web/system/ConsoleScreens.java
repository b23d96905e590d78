package org.smsconsole.web.system;

/** The steps a person takes on the console's screens, shared by the browser suites. */
final class ConsoleScreens {

    private final Browser browser;
    private final ConsoleProcess console;

    ConsoleScreens(Browser browser, ConsoleProcess console) {
        this.browser = browser;
        this.console = console;
    }

    /** Submits the login form and returns the page text that follows. */
    String signIn(String username, String password) {
        browser.open(console.url("/login.xhtml"));
        browser.type("loginForm:username", username).type("loginForm:password", password).click("loginForm:signIn");
        browser.awaitAjax();
        return browser.bodyText();
    }

    void changePassword(String current, String replacement) {
        browser.type("passwordForm:current", current)
                .type("passwordForm:replacement", replacement)
                .type("passwordForm:confirmation", replacement)
                .click("passwordForm:changePassword");
        browser.waitForText("Your password has been changed.");
    }

    void addContact(String name, String phone) {
        openContactDialog();
        browser.type("contactDialogForm:name", name).type("contactDialogForm:phone", phone).click("contactDialogForm:saveContact");
        browser.awaitAjax();
    }

    void openContactDialog() {
        browser.click("contactsForm:addContact");
        browser.awaitAjax();
        browser.byId("contactDialogForm:phone");
    }

    /** Types into the search box; the table follows a moment later (callers wait for what it shows). */
    void searchContacts(String text) {
        org.openqa.selenium.WebElement field = browser.byId("contactsForm:search");
        field.clear();
        // clear() fires no key event, and the table listens to keyup
        field.sendKeys(text.isEmpty() ? org.openqa.selenium.Keys.BACK_SPACE.toString() : text);
    }
}
