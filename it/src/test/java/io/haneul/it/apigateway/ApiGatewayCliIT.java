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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A MOCK API built with the AWS CLI v1's {@code apigateway} commands (its shorthand patch
 * operations included) and invoked with curl, as a user of the docs would.
 */
class ApiGatewayCliIT {

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
    void cliBuildsAndCurlInvokes() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/1.", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI v1 not on PATH");
        Path curl = Processes.onPath("curl", "curl ", work).orElse(null);
        assumeTrue(curl != null, "curl not on PATH");

        String api = aws(cli, "apigateway", "create-rest-api", "--name", "cli-api").get("id").asText();
        String root = aws(cli, "apigateway", "get-resources", "--rest-api-id", api).get("items").get(0).get("id").asText();
        String hello = aws(cli, "apigateway", "create-resource", "--rest-api-id", api, "--parent-id", root, "--path-part", "hello")
                .get("id").asText();
        aws(cli, "apigateway", "put-method", "--rest-api-id", api, "--resource-id", hello, "--http-method", "GET",
                "--authorization-type", "NONE");
        aws(cli, "apigateway", "put-integration", "--rest-api-id", api, "--resource-id", hello, "--http-method", "GET",
                "--type", "MOCK", "--request-templates", "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
        aws(cli, "apigateway", "put-method-response", "--rest-api-id", api, "--resource-id", hello, "--http-method", "GET",
                "--status-code", "200");
        aws(cli, "apigateway", "put-integration-response", "--rest-api-id", api, "--resource-id", hello, "--http-method", "GET",
                "--status-code", "200", "--response-templates",
                "{\"application/json\": \"{\\\"hello\\\": \\\"$stageVariables.who\\\", \\\"name\\\": \\\"$input.params('name')\\\"}\"}");
        aws(cli, "apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "dev", "--variables", "who=world");
        JsonNode stage = aws(cli, "apigateway", "update-stage", "--rest-api-id", api, "--stage-name", "dev",
                "--patch-operations", "op=replace,path=/variables/who,value=cli");
        assertEquals("cli", stage.get("variables").get("who").asText());
        JsonNode resources = aws(cli, "apigateway", "get-resources", "--rest-api-id", api, "--embed", "methods");
        assertEquals(2, resources.get("items").size());

        Processes.Result out = Processes.run(List.of(curl.toString(), "-s", "-i",
                server.endpoint() + "/_aws/execute-api/" + api + "/dev/hello?name=Ann"), "test", "test", work, 60);
        assertEquals(0, out.exitCode(), out::toString);
        assertTrue(out.stdout().startsWith("HTTP/1.1 200"), out.stdout());
        assertTrue(out.stdout().endsWith("{\"hello\": \"cli\", \"name\": \"Ann\"}"), out.stdout());
        Processes.Result byHost = Processes.run(List.of(curl.toString(), "-s", "--resolve",
                api + ".execute-api.localhost:" + server.port() + ":127.0.0.1",
                "http://" + api + ".execute-api.localhost:" + server.port() + "/dev/nowhere"), "test", "test", work, 60);
        assertEquals("{\"message\":\"Missing Authentication Token\"}", byHost.stdout());
    }

    @Test
    void cliManagesAuthorizersAndCurlMeetsThem() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/1.", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI v1 not on PATH");
        Path curl = Processes.onPath("curl", "curl ", work).orElse(null);
        assumeTrue(curl != null, "curl not on PATH");

        String api = aws(cli, "apigateway", "create-rest-api", "--name", "cli-auth").get("id").asText();
        String root = aws(cli, "apigateway", "get-resources", "--rest-api-id", api).get("items").get(0).get("id").asText();
        JsonNode authorizer = aws(cli, "apigateway", "create-authorizer", "--rest-api-id", api, "--name", "tokens", "--type", "TOKEN",
                "--authorizer-uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000"
                        + ":function:auth/invocations", "--identity-source", "method.request.header.Authorization");
        String id = authorizer.get("id").asText();
        assertEquals(300, authorizer.get("authorizerResultTtlInSeconds").asInt());
        JsonNode updated = aws(cli, "apigateway", "update-authorizer", "--rest-api-id", api, "--authorizer-id", id,
                "--patch-operations", "op=replace,path=/authorizerResultTtlInSeconds,value=0");
        assertEquals(0, updated.get("authorizerResultTtlInSeconds").asInt());
        assertEquals("tokens", aws(cli, "apigateway", "get-authorizers", "--rest-api-id", api).get("items").get(0).get("name").asText());
        aws(cli, "apigateway", "put-method", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET",
                "--authorization-type", "CUSTOM", "--authorizer-id", id);
        aws(cli, "apigateway", "put-integration", "--rest-api-id", api, "--resource-id", root, "--http-method", "GET",
                "--type", "MOCK", "--request-templates", "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
        aws(cli, "apigateway", "create-deployment", "--rest-api-id", api, "--stage-name", "dev");

        Processes.Result out = Processes.run(List.of(curl.toString(), "-s", "-i", server.endpoint() + "/_aws/execute-api/" + api + "/dev/"),
                "test", "test", work, 60);
        assertTrue(out.stdout().startsWith("HTTP/1.1 401"), out.stdout());
        assertTrue(out.stdout().endsWith("{\"message\":\"Unauthorized\"}"), out.stdout());
    }
}
