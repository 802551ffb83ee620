import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's first render of data per page: headless Chromium (Debian's) opens each page in a fresh
 * browser context (no cache, a new session already signed in) and reads, in the page's own clock, the time
 * from the start of navigation to the first row of the page's main table (polled on every animation frame,
 * so to within one frame, ~16 ms). Run with the it module's test classpath (bench/console/run.sh):
 * {@code java -cp CP RenderTime.java http://127.0.0.1:PORT ACCOUNT RUNS}.
 */
public class RenderTime {

    /** page path, the table whose first row is the data */
    static final Map<String, String> PAGES = new java.util.LinkedHashMap<>();

    static {
        PAGES.put("/", "Recent requests");
        PAGES.put("/sqs", "Queues");
        PAGES.put("/ses", "Mail");
        PAGES.put("/s3", "Buckets");
        PAGES.put("/sns", "Topics");
        PAGES.put("/lambda", "Functions");
        PAGES.put("/swf", "Domains");
        PAGES.put("/apigateway", "APIs");
    }

    public static void main(String[] args) {
        String base = args[0], account = args[1];
        int runs = Integer.parseInt(args[2]);
        String session = "{\"accessKeyId\":\"" + account + "\",\"secretAccessKey\":\"haneul-console\",\"region\":\"us-east-1\",\"strict\":false}";
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                     .setHeadless(true))) {
            System.out.printf("%-12s %8s %8s %8s %8s  (ms from navigation start to the first row of data; %d runs)%n",
                    "page", "first", "median", "min", "max", runs);
            for (Map.Entry<String, String> p : PAGES.entrySet()) {
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720))) {
                        context.addInitScript("sessionStorage.setItem('haneul.session', JSON.stringify(" + session + "))");
                        Page page = context.newPage();
                        page.navigate(base + "/_haneul/console" + p.getKey());
                        Object t = page.waitForFunction("() => document.querySelector(\"table[aria-label='" + p.getValue()
                                + "'] tbody tr\") && performance.now()", null,
                                new Page.WaitForFunctionOptions().setTimeout(60_000)).jsonValue();
                        times.add(((Number) t).doubleValue());
                    }
                }
                List<Double> sorted = times.stream().sorted().toList();
                System.out.printf("%-12s %8.0f %8.0f %8.0f %8.0f%n", p.getKey(), times.getFirst(), sorted.get(sorted.size() / 2),
                        sorted.getFirst(), sorted.getLast());
            }
        }
    }
}
