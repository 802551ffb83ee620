package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.SesException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SES receipt rule Lambda action: the function gets SES's event as {@code ses.amazonaws.com}
 * (its resource policy must allow SES), asynchronously (Event) or waited for (RequestResponse),
 * whose {@code disposition} decides whether the rule's and the rule set's later actions run.
 */
class SesToLambdaIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static TestServer server;
    static LambdaClient lambda;
    static SesClient ses;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        ses = SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
        ses.verifyEmailIdentity(b -> b.emailAddress("app@sender.example"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        ses.close();
        server.close();
    }

    static String function(String name, String code) {
        String arn = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").code(c -> c.zipFile(Zips.of("app.py", code)))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return arn;
    }

    static String send(String to, String subject) {
        return ses.sendEmail(b -> b.source("app@sender.example").destination(d -> d.toAddresses(to))
                .message(x -> x.subject(y -> y.data(subject)).body(y -> y.text(t -> t.data("body of " + subject))))).messageId();
    }

    /** The receipt-rule events SES recorded for a message ({@code receipt:<action>}), once there are some; all are written at once. */
    static List<JsonNode> receipts(String messageId) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.currentTimeMillis() < until) {
                String body = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/ses/events?messageId=" + messageId))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                List<JsonNode> found = new ArrayList<>();
                JSON.readTree(body).get("events").forEach(e -> {
                    if (e.get("type").asText().startsWith("receipt:")) {
                        found.add(e);
                    }
                });
                if (!found.isEmpty()) {
                    return found;
                }
                Thread.sleep(100);
            }
        }
        return fail("no receipt rule ran for " + messageId);
    }

    @Test
    void eventActionInvokesTheFunctionThatAllowsSesWithSesEvent() throws Exception {
        String fn = function("on-mail", FunctionOutput.PRINT_EVENT);
        ses.createReceiptRuleSet(b -> b.ruleSetName("inbound"));
        ReceiptRule rule = ReceiptRule.builder().name("to-lambda").enabled(true).recipients("lambda.example")
                .actions(ReceiptAction.builder().lambdaAction(a -> a.functionArn(fn).invocationType(InvocationType.EVENT)).build()).build();
        SesException invalid = assertThrows(SesException.class, () -> ses.createReceiptRule(b -> b.ruleSetName("inbound").rule(rule)));
        assertEquals("InvalidLambdaFunction", invalid.awsErrorDetails().errorCode());
        assertEquals("Could not invoke Lambda function: " + fn, invalid.awsErrorDetails().errorMessage());

        lambda.addPermission(b -> b.functionName("on-mail").statementId("ses").action("lambda:InvokeFunction")
                .principal("ses.amazonaws.com").sourceAccount(ACCOUNT));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").rule(rule));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("inbound"));
        String missing = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:missing";
        SesException gone = assertThrows(SesException.class, () -> ses.updateReceiptRule(b -> b.ruleSetName("inbound")
                .rule(rule.toBuilder().actions(ReceiptAction.builder().lambdaAction(a -> a.functionArn(missing)).build()).build())));
        assertEquals("Could not invoke Lambda function: " + missing, gone.awsErrorDetails().errorMessage());

        // the permission withdrawn after the rule was saved: SES's invocation is refused when mail arrives
        lambda.removePermission(b -> b.functionName("on-mail").statementId("ses"));
        String refused = send("ops@lambda.example", "without the permission");
        String outcome = receipts(refused).get(0).get("outcome").asText();
        assertTrue(outcome.startsWith("failed: AccessDeniedException"), outcome);

        lambda.addPermission(b -> b.functionName("on-mail").statementId("ses").action("lambda:InvokeFunction")
                .principal("ses.amazonaws.com").sourceAccount(ACCOUNT));
        String id = send("ops@lambda.example", "after the permission");
        assertTrue(receipts(id).get(0).get("outcome").asText().startsWith("invoked"), receipts(id).toString());

        JsonNode r = FunctionOutput.awaitEvent(server, "on-mail", "after the permission").at("/Records/0");
        assertEquals("aws:ses", r.get("eventSource").asText());
        assertEquals("1.0", r.get("eventVersion").asText());
        JsonNode mail = r.at("/ses/mail");
        assertEquals(id, mail.get("messageId").asText());
        assertEquals("app@sender.example", mail.get("source").asText());
        assertEquals("ops@lambda.example", mail.at("/destination/0").asText());
        assertEquals("after the permission", mail.at("/commonHeaders/subject").asText());
        JsonNode receipt = r.at("/ses/receipt");
        assertEquals("ops@lambda.example", receipt.at("/recipients/0").asText());
        assertEquals("PASS", receipt.at("/spamVerdict/status").asText());
        assertEquals("Lambda", receipt.at("/action/type").asText());
        assertEquals(fn, receipt.at("/action/functionArn").asText());
        assertEquals("Event", receipt.at("/action/invocationType").asText());
    }

    @Test
    void requestResponseDispositionDecidesWhatRunsNext() throws Exception {
        String fn = function("decider", """
                import json
                def handler(event, context):
                    print("EVENT " + json.dumps(event))
                    return {"disposition": event["Records"][0]["ses"]["mail"]["commonHeaders"]["subject"]}
                """);
        lambda.addPermission(b -> b.functionName("decider").statementId("ses").action("lambda:InvokeFunction")
                .principal("ses.amazonaws.com").sourceArn("arn:aws:ses:us-east-1:" + ACCOUNT + ":receipt-rule-set/decisions:receipt-rule/*"));
        ses.createReceiptRuleSet(b -> b.ruleSetName("decisions"));
        ses.createReceiptRule(b -> b.ruleSetName("decisions").rule(ReceiptRule.builder().name("decide").enabled(true)
                .recipients("rr.example").actions(
                        ReceiptAction.builder().lambdaAction(a -> a.functionArn(fn).invocationType(InvocationType.REQUEST_RESPONSE)).build(),
                        ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-Same-Rule").headerValue("1")).build()).build()));
        ses.createReceiptRule(b -> b.ruleSetName("decisions").after("decide").rule(ReceiptRule.builder().name("later").enabled(true)
                .recipients("rr.example")
                .actions(ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-Later-Rule").headerValue("1")).build()).build()));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("decisions"));

        Map<String, List<String>> expected = Map.of(
                "CONTINUE", List.of("receipt:Lambda rule:decisions/decide", "receipt:AddHeader rule:decisions/decide",
                        "receipt:AddHeader rule:decisions/later"),
                "STOP_RULE", List.of("receipt:Lambda rule:decisions/decide", "receipt:AddHeader rule:decisions/later"),
                "STOP_RULE_SET", List.of("receipt:Lambda rule:decisions/decide"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String id = send("team@rr.example", e.getKey());
            List<JsonNode> ran = receipts(id);
            assertEquals(e.getValue().stream().sorted().toList(),
                    ran.stream().map(x -> x.get("type").asText() + " " + x.get("target").asText()).sorted().toList(), e.getKey());
            String lambdaOutcome = ran.stream().filter(x -> x.get("type").asText().equals("receipt:Lambda")).findFirst().orElseThrow()
                    .get("outcome").asText();
            assertTrue(lambdaOutcome.endsWith("(RequestResponse): " + e.getKey()), lambdaOutcome);
        }
    }
}
