package io.custodia.governance.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs): a person
 * files a PII request, confirms it with the mailed code and tracks it, all through the page.
 */
class PortalBrowserTest extends ApiTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path profile = Files.createTempDirectory("custodia-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonFilesConfirmsAndTracksAPiiRequestInThePortal() {
        String email = uniqueEmail();
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.getTitle()).contains("Custodia");

        var form = browser.findElement(By.id("form-pii"));
        form.findElement(By.name("name")).sendKeys("Paula Portal");
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("names")).sendKeys("Paula Portal " + UUID.randomUUID());
        form.findElement(By.name("phones")).sendKeys("+41 44 668 18 00");
        form.findElement(By.name("urls")).sendKeys("https://forum.example.org/t/1");
        form.findElement(By.tagName("button")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "tracking token"));
        String id = browser.findElement(By.id("track-id")).getDomProperty("value");
        String token = browser.findElement(By.id("track-token")).getDomProperty("value");
        assertThat(token).startsWith("trk_");
        assertThat(browser.findElement(By.id("result")).getText()).contains(id);

        browser.findElement(By.id("code")).sendKeys(mailedCode(email, UUID.fromString(id)));
        browser.findElement(By.cssSelector("#verify button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "VERIFIED"));

        browser.findElement(By.cssSelector("#track button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "\"emailConfirmed\": true"));
        assertThat(status(new Filed(UUID.fromString(id), token))).isEqualTo("VERIFIED");
    }

    @Test
    void aSiteOwnerFilesAnOptOutAndProvesTheSiteInThePortal() {
        String email = uniqueEmail();
        String host = "portal-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        browser.get("http://localhost:" + port + "/");
        var form = browser.findElement(By.id("form-opt-out"));
        form.findElement(By.name("name")).sendKeys("Olga Owner");
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("target")).sendKeys(host);
        form.findElement(By.tagName("button")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-ownership")));
        assertThat(browser.findElement(By.id("challenge-dns-name")).getText()).isEqualTo("_custodia-challenge." + host);
        String token = browser.findElement(By.id("challenge-token")).getText();
        assertThat(browser.findElement(By.id("challenge-url")).getText()).endsWith(host + "/.well-known/custodia-challenge.txt");

        browser.findElement(By.id("check-https")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Not proven yet"));
        SITES.serve(host, "/.well-known/custodia-challenge.txt", token);
        browser.findElement(By.id("check-https")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Site ownership proven (HTTPS)"));

        String id = browser.findElement(By.id("track-id")).getDomProperty("value");
        browser.findElement(By.id("code")).sendKeys(mailedCode(email, UUID.fromString(id)));
        browser.findElement(By.cssSelector("#verify button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "VERIFIED"));
    }

    @Test
    void invalidInputIsExplainedFieldByField() {
        browser.get("http://localhost:" + port + "/");
        var form = browser.findElement(By.id("form-opt-out"));
        form.findElement(By.name("name")).sendKeys("Owen Owner");
        form.findElement(By.name("email")).sendKeys(uniqueEmail());
        form.findElement(By.name("target")).sendKeys("co.uk");
        form.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "target:"));
        assertThat(browser.findElement(By.id("result")).getText()).contains("not a domain beneath a public suffix");
    }
}
