package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.AwsCli;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ImportApiKeys from a CSV file in AWS's documented format, through the AWS CLI's {@code import-api-keys}. */
class ApiGatewayApiKeyCliIT {

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

    Processes.Result aws(Path cli, String... args) {
        return AwsCli.run(cli, server.endpoint(), work, args);
    }

    JsonNode ok(Path cli, String... args) {
        return AwsCli.json(cli, server.endpoint(), work, args);
    }

    @Test
    void importsKeysFromCsvIntoUsagePlans() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI not on PATH");
        String plan1 = ok(cli, "apigateway", "create-usage-plan", "--name", "import-1").get("id").asText();
        String plan2 = ok(cli, "apigateway", "create-usage-plan", "--name", "import-2").get("id").asText();

        Path csv = work.resolve("keys.csv");
        Files.writeString(csv, "Name,key,description,Enabled,usageplanIds\n"
                + "FirstKey,apikey1234abcdefghij0123456789,An imported key,TRUE,\"" + plan1 + "," + plan2 + "\"\n"
                + "SecondKey,apikey1234abcdefghij9876543210,,false,\n"
                + "TooShort,short,,true,\n");
        JsonNode imported = ok(cli, "apigateway", "import-api-keys", "--body", "fileb://" + csv, "--format", "csv");
        assertEquals(2, imported.get("ids").size(), imported.toString());
        assertEquals(1, imported.get("warnings").size(), imported.toString());
        assertTrue(imported.get("warnings").get(0).asText().contains("Line 4"), imported.toString());

        String first = imported.get("ids").get(0).asText();
        JsonNode key = ok(cli, "apigateway", "get-api-key", "--api-key", first, "--include-value");
        assertEquals("FirstKey", key.get("name").asText());
        assertEquals("apikey1234abcdefghij0123456789", key.get("value").asText());
        assertEquals("An imported key", key.get("description").asText());
        assertTrue(key.get("enabled").asBoolean());
        assertFalse(ok(cli, "apigateway", "get-api-key", "--api-key", imported.get("ids").get(1).asText()).get("enabled").asBoolean());
        Set<String> plans = new HashSet<>();
        ok(cli, "apigateway", "get-usage-plans", "--key-id", first).get("items").forEach(p -> plans.add(p.get("id").asText()));
        assertEquals(Set.of(plan1, plan2), plans);

        // the same value again overwrites the key rather than adding one
        Path again = work.resolve("again.csv");
        Files.writeString(again, "key,name\napikey1234abcdefghij0123456789,Renamed\n");
        JsonNode second = ok(cli, "apigateway", "import-api-keys", "--body", "fileb://" + again, "--format", "csv");
        assertEquals(first, second.get("ids").get(0).asText());
        assertEquals("Renamed", ok(cli, "apigateway", "get-api-key", "--api-key", first).get("name").asText());

        // failOnWarnings refuses the whole file
        Path bad = work.resolve("bad.csv");
        Files.writeString(bad, "key,name,usageplanids\napikey1234abcdefghijKLMNOPQRST,Fine,\napikey1234abcdefghijUVWXYZ0123,NoPlan,nosuch\n");
        Processes.Result refused = aws(cli, "apigateway", "import-api-keys", "--body", "fileb://" + bad, "--format", "csv", "--fail-on-warnings");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.toString().contains("BadRequestException"), refused::toString);
        assertEquals(0, ok(cli, "apigateway", "get-api-keys", "--name-query", "Fine").get("items").size(), "nothing imported");

        Path noName = work.resolve("noname.csv");
        Files.writeString(noName, "key,description\napikey1234abcdefghij0123456789,x\n");
        assertTrue(aws(cli, "apigateway", "import-api-keys", "--body", "fileb://" + noName, "--format", "csv").toString()
                .contains("BadRequestException"));
    }
}
