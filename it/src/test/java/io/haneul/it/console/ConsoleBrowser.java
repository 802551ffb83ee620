package io.haneul.it.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the console's browser tests share: Debian's chromium driven by Playwright for Java (the project's
 * one browser-test choice, never a browser download; skipped where chromium is missing), pages of one
 * server, screenshots (into {@code docs/img/console/} for the documentation only when asked, so that a test
 * run leaves the tree clean; into {@code target/console-failures/} when a test fails) and the axe-core check, injected from the console
 * build's {@code node_modules}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path AXE = Path.of("../console/node_modules/axe-core/axe.min.js");
    static final Path DOCS = Path.of("../docs/img/console");
    static final Path FAILURES = Path.of("target/console-failures");
    /** Set to true (Maven property of the same name) to rewrite the documentation's screenshots. */
    static final String SCREENSHOTS_PROPERTY = "haneul.console.screenshots";

    private final Playwright playwright;
    private final Browser browser;
    private final TestServer server;

    private ConsoleBrowser(TestServer server) {
        this.server = server;
        // the machine running the tests may be busy: assertions wait up to 20 s for the page (none measures time)
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + " (apt-get install chromium)");
    }

    static ConsoleBrowser on(TestServer server) {
        return new ConsoleBrowser(server);
    }

    /** A new tab at 1280x720 that accepts confirm() dialogs. */
    Page page() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 720).setAcceptDownloads(true));
        page.onDialog(d -> d.accept());
        page.setDefaultTimeout(20_000);
        return page;
    }

    String url(String path) {
        return "http://localhost:" + server.port() + "/_haneul/console" + path;
    }

    /** Opens {@code path} in permissive mode as {@code account} (the account selector). */
    Page openAs(String account, String path) {
        Page page = page();
        page.navigate(url(path));
        page.fill("input[name=account]", account);
        page.click("button:has-text('Open console')");
        // sign-in reads /_haneul/coverage first, which a machine others load heavily can take longer than 20 s to answer
        page.waitForSelector("header.top", new Page.WaitForSelectorOptions().setTimeout(60_000));
        return page;
    }

    /** Runs {@code body} on {@code page}; a failure leaves a screenshot named after the test. */
    static void withScreenshotOnFailure(Page page, String name, ThrowingRunnable body) throws Exception {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            Files.createDirectories(FAILURES);
            page.screenshot(new Page.ScreenshotOptions().setPath(FAILURES.resolve(name + ".png")).setFullPage(true));
            throw e;
        }
    }

    /**
     * The page as documentation shows it (docs/img/console/NAME.png), only when {@value #SCREENSHOTS_PROPERTY}
     * is true and the repository is there: nothing else reads these images, so an ordinary run takes none and
     * leaves the working tree as it found it.
     */
    static void documentationShot(Page page, String name) throws Exception {
        if (Boolean.getBoolean(SCREENSHOTS_PROPERTY) && Files.isDirectory(DOCS.getParent())) {
            Files.createDirectories(DOCS);
            page.screenshot(new Page.ScreenshotOptions().setPath(DOCS.resolve(name + ".png")));
        }
    }

    /** axe-core's serious and critical violations of the page as it is (WCAG 2 A and AA rules): none expected. */
    static void assertAccessible(Page page) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(AXE), "no axe-core at " + AXE + " (the console module's npm ci installs it)");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        Object found = page.evaluate("""
                async () => {
                  const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '));
                }""");
        assertEquals(List.of(), new ArrayList<>((List<?>) found), "axe-core violations");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
