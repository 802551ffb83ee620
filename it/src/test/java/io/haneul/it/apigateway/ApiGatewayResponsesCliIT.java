package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.AwsCli;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Gateway responses through the AWS CLI v1 (its map shorthand for response parameters, the wire
 * names of GetGatewayResponses' items as botocore parses them), then a customised 403 seen with curl.
 */
class ApiGatewayResponsesCliIT {

    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    JsonNode aws(Path cli, String... args) {
        return AwsCli.json(cli, server.endpoint(), work, args);
    }

    @Test
    void cliCustomisesMissingAuthenticationToken() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/1.", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI v1 not on PATH");
        Path curl = Processes.onPath("curl", "curl ", work).orElse(null);
        assumeTrue(curl != null, "curl not on PATH");

        String api = aws(cli, "apigateway", "create-rest-api", "--name", "cli-responses").get("id").asText();
        String root = aws(cli, "apigateway", "get-resources", "--rest-api-id", api).get("items").get(0).get("id").asText();
        aws(cli, "apigateway", "put-method", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET",
                "--authorization-type", "NONE");
        aws(cli, "apigateway", "put-integration", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET",
                "--type", "MOCK", "--request-templates", "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");

        JsonNode put = aws(cli, "apigateway", "put-gateway-response", "--rest-api-id", api, "--response-type", "MISSING_AUTHENTICATION_TOKEN",
                "--status-code", "404", "--response-parameters", "gatewayresponse.header.X-Path=context.path",
                "--response-templates", "{\"application/json\": \"{\\\"missing\\\": \\\"$context.path\\\"}\"}");
        assertEquals("MISSING_AUTHENTICATION_TOKEN", put.get("responseType").asText());
        assertEquals("404", put.get("statusCode").asText());
        assertFalse(put.get("defaultResponse").asBoolean());
        assertEquals("context.path", put.get("responseParameters").get("gatewayresponse.header.X-Path").asText());

        JsonNode all = aws(cli, "apigateway", "get-gateway-responses", "--rest-api-id", api).get("items");
        assertEquals(21, all.size());
        int customised = 0;
        for (JsonNode item : all) {
            assertTrue(item.has("responseType") && item.has("defaultResponse") && item.has("responseTemplates"), item.toString());
            customised += item.get("defaultResponse").asBoolean() ? 0 : 1;
        }
        assertEquals(1, customised);
        JsonNode default5xx = aws(cli, "apigateway", "get-gateway-response", "--rest-api-id", api, "--response-type", "DEFAULT_5XX");
        assertFalse(default5xx.has("statusCode"));
        assertEquals("{\"message\":$context.error.messageString}", default5xx.get("responseTemplates").get("application/json").asText());

        aws(cli, "apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "dev");
        Processes.Result out = Processes.run(List.of(curl.toString(), "-s", "-i",
                server.endpoint() + "/_aws/execute-api/" + api + "/dev/no/such/path"), "test", "test", work, 60);
        assertEquals(0, out.exitCode(), out::toString);
        assertTrue(out.stdout().startsWith("HTTP/1.1 404"), out.stdout());
        assertTrue(out.stdout().toLowerCase().contains("x-path: /dev/no/such/path"), out.stdout());
        assertTrue(out.stdout().endsWith("{\"missing\": \"/dev/no/such/path\"}"), out.stdout());
    }
}
