package org.smsconsole.web.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium driven like a person: type, click, wait for what the page shows.
 * Never a downloaded driver: Selenium Manager is bypassed by naming both binaries.
 */
public final class Browser implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private final WebDriver driver;
    private final Path screenshots;

    public Browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // The page's console (CSP violations among it), readable through consoleMessages().
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
    }

    public Browser open(URI url) {
        driver.get(url.toString());
        return this;
    }

    public WebElement find(String cssSelector) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
    }

    /** Element ids from Faces contain ':'; this finds by id without CSS escaping. */
    public WebElement byId(String id) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    public Browser type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks the element; one the page replaced between finding and clicking (an ajax update, a poll) is found again. */
    public Browser click(String id) {
        new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.id(id)).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
        return this;
    }

    /** Waits until the page's visible text contains {@code text}, and returns that text. */
    public String waitForText(String text) {
        try {
            new WebDriverWait(driver, PATIENCE).until(d -> bodyText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting-for-" + text.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("The page never showed '" + text + "'; it shows:\n" + bodyText(), e);
        }
        return bodyText();
    }

    public void waitForTextGone(String text) {
        new WebDriverWait(driver, PATIENCE).until(d -> !bodyText().contains(text));
    }

    /** The visible text; a page replaced while it is read (navigation, a full ajax update) is read again. */
    public String bodyText() {
        // Chromium reports a node replaced mid-read either as stale or as "does not belong to the document".
        return new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("body")).getText());
    }

    /** Waits until no PrimeFaces ajax request is queued or running. */
    /**
     * Picks {@code label} in a PrimeFaces select menu as a person does: opens it, clicks the option once the panel's
     * opening animation lets it take the click, and waits until the menu shows it (a click during the animation can
     * land nowhere and leave the old value, which a test would then take for the choice).
     */
    public Browser choose(String menuId, String label) {
        By option = By.xpath("//li[@data-label='" + label + "' and ancestor::*[@id='" + menuId + "_panel']]");
        for (int attempt = 1; ; attempt++) {
            java.util.List<WebElement> shown = driver.findElements(option);
            if (shown.isEmpty() || !shown.get(0).isDisplayed()) {
                click(menuId); // open it (a retry finds it open if the last click missed)
            }
            new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.elementToBeClickable(option)).click();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> label.equals(d.findElement(By.id(menuId + "_label")).getText()));
                awaitAjax();
                return this;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e; // three clicks that did not choose it: the menu is broken, not slow
                }
            }
        }
    }

    public void awaitAjax() {
        new WebDriverWait(driver, PATIENCE).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && (!window.jQuery || jQuery.active === 0)"
                        + " && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty());")));
    }

    public String currentPath() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What pages wrote to the browser's console since the last call (Chromium reports CSP violations there). */
    public java.util.List<String> consoleMessages() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /**
     * Sends {@code value} as header {@code name} with every request the browser makes from now on, to every site (as
     * it does with Basic credentials it has cached); an empty map stops it.
     */
    public void sendWithEveryRequest(java.util.Map<String, String> headers) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.enable", java.util.Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", java.util.Map.of("headers", headers));
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
