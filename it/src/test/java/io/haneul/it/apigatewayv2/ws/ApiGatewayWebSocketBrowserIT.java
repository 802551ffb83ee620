package io.haneul.it.apigatewayv2.ws;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A WebSocket API used from a real browser: headless Chromium (Debian's, driven by Playwright for
 * Java, the project's one browser-test choice) opens a WebSocket to a deployed API, sends
 * {@code {"action":"echo",...}}, and a Python function answers through {@code @connections}: the
 * page shows the echo, and a second page receives the function's broadcast. Skipped where no
 * chromium is installed ({@code .ci/run} installs it).
 */
class ApiGatewayWebSocketBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String FUNCTION = """
            import json, os, urllib.parse, urllib.request
            def post(ctx, target, doc):
                url = (os.environ["AWS_ENDPOINT_URL"] + "/_aws/execute-api/" + ctx["apiId"] + "/" + ctx["stage"]
                       + "/@connections/" + urllib.parse.quote(target, safe=""))
                urllib.request.urlopen(urllib.request.Request(url, data=json.dumps(doc).encode(), method="POST")).read()
            def handler(event, context):
                ctx = event["requestContext"]
                body = json.loads(event["body"])
                post(ctx, ctx["connectionId"], {"echo": body["text"]})
                for target in body.get("to", []):
                    post(ctx, target, {"broadcast": body["text"], "from": ctx["connectionId"]})
                return {"statusCode": 200}
            """;
    static final String PAGE = """
            <!doctype html><html><body><ul id="log"></ul><script>
            window.ws = new WebSocket("%s");
            ws.onopen = () => document.body.dataset.open = "yes";
            ws.onmessage = e => {
              const li = document.createElement("li");
              li.textContent = e.data;
              document.getElementById("log").appendChild(li);
            };
            </script></body></html>
            """;

    static TestServer server;
    static String api;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + " (apt-get install chromium)");
        server = TestServer.start();
        ApiGatewayV2Client v2 = ApiGatewayV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ApiGatewayWebSocketNodesIT.credentials()).build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ApiGatewayWebSocketNodesIT.credentials()).build();
        String account = ApiGatewayWebSocketIT.ACCOUNT;
        String name = "ws-browser-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + account + ":role/r")
                .handler("app.handler").timeout(20).code(c -> c.zipFile(ApiGatewayWebSocketIT.zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        api = v2.createApi(b -> b.name("browser").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        lambda.addPermission(b -> b.functionName(name).statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + account + ":" + api + "/*"));
        String fn = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri("arn:aws:lambda:us-east-1:" + account + ":function:" + name)).integrationId();
        v2.createRoute(b -> b.apiId(api).routeKey("echo").target("integrations/" + fn));
        String whoami = v2.createIntegration(b -> b.apiId(api).integrationType(IntegrationType.MOCK)
                .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
        v2.createIntegrationResponse(b -> b.apiId(api).integrationId(whoami).integrationResponseKey("$default")
                .responseTemplates(Map.of("$default", "{\"me\": \"$context.connectionId\"}")));
        String route = v2.createRoute(b -> b.apiId(api).routeKey("whoami").target("integrations/" + whoami)
                .routeResponseSelectionExpression("$default")).routeId();
        v2.createRouteResponse(b -> b.apiId(api).routeId(route).routeResponseKey("$default"));
        v2.createStage(b -> b.apiId(api).stageName("live"));
        v2.createDeployment(b -> b.apiId(api).stageName("live"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pageShowsTheFunctionsAnswerAndASecondPageTheBroadcast() {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true))) {
            String html = PAGE.formatted("ws://localhost:" + server.port() + "/_aws/execute-api/" + api + "/live");
            Page first = browser.newPage();
            Page second = browser.newPage();
            first.setContent(html);
            second.setContent(html);
            Page.WaitForSelectorOptions attached = new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED);
            first.waitForSelector("body[data-open=yes]", attached); // an empty body has no size: attached, not visible
            second.waitForSelector("body[data-open=yes]", attached);

            second.evaluate("ws.send(JSON.stringify({action: 'whoami'}))");
            String me = second.locator("#log li").first().textContent();
            String secondId = me.replaceAll(".*\"me\": \"([^\"]+)\".*", "$1");

            first.evaluate("id => ws.send(JSON.stringify({action: 'echo', text: 'hello from the browser', to: [id]}))", secondId);
            first.locator("#log li", new Page.LocatorOptions().setHasText("echo")).waitFor();
            assertEquals("{\"echo\": \"hello from the browser\"}", first.locator("#log li").first().textContent());
            second.locator("#log li", new Page.LocatorOptions().setHasText("broadcast")).waitFor();
            assertEquals("hello from the browser", second.locator("#log li", new Page.LocatorOptions().setHasText("broadcast")).textContent()
                    .replaceAll(".*\"broadcast\": \"([^\"]+)\".*", "$1"));
        }
    }
}
