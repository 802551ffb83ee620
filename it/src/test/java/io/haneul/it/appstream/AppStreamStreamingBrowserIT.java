package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AppStream streaming in a real browser: headless Chromium (Debian's, driven by Playwright for
 * Java) opens a streaming URL, the viewer (noVNC) shows xterm's window (a pixel check on the
 * canvas), typed keys reach the shell in the session (a file written as the session's user), two
 * sessions cannot see each other, and ending them leaves no process. Skipped without chromium or
 * Xvnc ({@code .ci/run} installs both).
 */
class AppStreamStreamingBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static TestServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + " (apt-get install chromium)");
        Assumptions.assumeTrue(Streaming.xvncInstalled(), "no Xvnc/xterm (apt-get install tigervnc-standalone-server xterm)");
        server = TestServer.start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Object> xterm(String user) {
        return Map.of("userId", user, "launchPath", "/usr/bin/xterm", "launchParameters", "-geometry 100x30",
                "fleetName", "browser-fleet", "stackName", "browser-stack");
    }

    /** Opens a streaming URL in a page and waits until xterm's window is on the canvas. */
    static String openInBrowser(Page page, String url) throws Exception {
        page.navigate(url);
        page.waitForSelector("body[data-state=connected]");
        try {
            Streaming.await("xterm's window on the canvas", () -> xtermShown(page));
        } catch (AssertionError e) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(System.getProperty("java.io.tmpdir"), "appstream-shot.png")));
            throw e;
        }
        return page.url().replaceAll(".*/session/([0-9a-f-]{36})/.*", "$1");
    }

    /**
     * True when the viewer's canvas, as the browser paints it, is light at three points away from the
     * centre (where X puts the pointer) and the top line (the prompt): xterm's white window fills the
     * screen, where the display's root window is black.
     */
    static boolean xtermShown(Page page) throws Exception {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.locator("#screen canvas").screenshot()));
        for (double[] at : new double[][]{{0.3, 0.6}, {0.7, 0.4}, {0.55, 0.8}}) {
            int rgb = shot.getRGB((int) (shot.getWidth() * at[0]), (int) (shot.getHeight() * at[1]));
            if (((rgb >> 16) & 0xFF) < 200 || ((rgb >> 8) & 0xFF) < 200 || (rgb & 0xFF) < 200) {
                return false;
            }
        }
        return true;
    }

    @Test
    void typedCommandRunsInTheStreamedXterm() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            String sessionId = openInBrowser(page, Streaming.url(server, xterm("typist")));
            JsonNode session = Streaming.session(server, sessionId);
            Path proof = Path.of(session.path("home").asText(), "proof.txt");
            String word = "haneul-" + ThreadLocalRandom.current().nextInt(1_000_000);

            page.locator("#screen canvas").click();
            page.keyboard().type("echo " + word + " > proof.txt");
            page.keyboard().press("Enter");
            Streaming.await("xterm's shell wrote " + proof, () -> Files.exists(proof) && Files.readString(proof).trim().equals(word));
            if ("root".equals(System.getProperty("user.name"))) {
                assertEquals(session.path("osUser").asText(), Files.getOwner(proof).getName());
            }

            page.click("#end-button");
            page.waitForSelector("body[data-state=ended]");
            Streaming.await("the session ended", () -> Streaming.session(server, sessionId) == null);
        }
    }

    @Test
    void twoSessionsCannotSeeEachOtherAndEndingThemLeavesNoProcess() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "sessions are isolated by OS user only as root");
        try (BrowserContext first = browser.newContext(); BrowserContext second = browser.newContext()) {
            Page a = first.newPage();
            Page b = second.newPage();
            String idA = openInBrowser(a, Streaming.url(server, xterm("ann")));
            String idB = openInBrowser(b, Streaming.url(server, xterm("ben")));
            assertNotEquals(idA, idB);
            JsonNode sa = Streaming.session(server, idA);
            JsonNode sb = Streaming.session(server, idB);
            String userA = sa.path("osUser").asText();
            String userB = sb.path("osUser").asText();
            assertNotEquals(userA, userB);

            // ann's browser has no cookie for ben's session: neither the viewer nor its WebSocket opens
            assertEquals(403, a.request().get(server.endpoint() + "/_aws/appstream/session/" + idB + "/").status());
            // ann's processes can neither read ben's home (the VNC socket and X cookie are there) nor open ben's display
            Processes run = as(userA, Path.of(sa.path("home").asText(), ".haneul-session", "Xauthority"),
                    "ls " + sb.path("home").asText() + "; xterm -display " + sb.path("display").asText() + " -e true");
            assertNotEquals(0, run.exit, run.output);
            assertTrue(run.output.contains("Permission denied"), run.output);
            Processes ownDisplay = as(userA, Path.of(sa.path("home").asText(), ".haneul-session", "Xauthority"),
                    "xterm -display " + sa.path("display").asText() + " -e true");
            assertEquals(0, ownDisplay.exit, "the check itself works on ann's own display: " + ownDisplay.output);
            Processes otherDisplay = as(userA, Path.of(sa.path("home").asText(), ".haneul-session", "Xauthority"),
                    "xterm -display " + sb.path("display").asText() + " -e true");
            assertNotEquals(0, otherDisplay.exit, otherDisplay.output);

            a.click("#end-button");
            a.waitForSelector("body[data-state=ended]");
            Streaming.await("ann's session ended", () -> Streaming.session(server, idA) == null);
            Streaming.expire(server, idB);
            assertNull(Streaming.session(server, idB));
            assertEquals(List.of(), Streaming.processesOf(userA));
            assertEquals(List.of(), Streaming.processesOf(userB));
            b.waitForSelector("body[data-state=disconnected]");
        }
    }

    /** A shell command run as a session's OS user with that session's X cookie. */
    record Processes(int exit, String output) {
    }

    static Processes as(String user, Path xauthority, String command) throws Exception {
        String uid = new String(new ProcessBuilder("id", "-u", user).start().getInputStream().readAllBytes()).trim();
        String gid = new String(new ProcessBuilder("id", "-g", user).start().getInputStream().readAllBytes()).trim();
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--",
                "/bin/sh", "-c", command).redirectErrorStream(true).directory(Path.of("/").toFile());
        pb.environment().put("XAUTHORITY", xauthority.toString());
        pb.environment().put("HOME", "/");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Processes(p.exitValue(), out);
    }
}
