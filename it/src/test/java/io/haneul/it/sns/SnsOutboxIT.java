package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumberVerificationStatus;

import java.util.List;
import java.util.Map;

import static io.haneul.it.sns.SnsTesting.eventually;
import static io.haneul.it.sns.SnsTesting.fails;
import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static io.haneul.it.sns.SnsTesting.outbox;
import static io.haneul.it.sns.SnsTesting.verifiedByAws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocols without a carrier here (email, SMS, mobile push, Lambda, Firehose): the outbox, SMS settings, platform applications. */
class SnsOutboxIT {

    static final String ACCOUNT = "555555555555";
    static TestServer server;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        server = TestServer.start("--services", "sns,sqs");
        sns = SnsTesting.sns(server, ACCOUNT);
    }

    @AfterAll
    static void stop() throws Exception {
        sns.close();
        server.close();
    }

    private static JsonNode last(JsonNode entries) {
        assertTrue(entries.size() > 0, "outbox is empty");
        return entries.get(entries.size() - 1);
    }

    @Test
    void emailSubscriptionsConfirmThroughTheOutbox() throws Exception {
        String topicArn = sns.createTopic(r -> r.name(name("mail"))).topicArn();
        String mail = name("someone") + "@example.com";
        String json = name("robot") + "@example.com";
        assertEquals("pending confirmation", sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint(mail)).subscriptionArn());
        sns.subscribe(r -> r.topicArn(topicArn).protocol("email-json").endpoint(json));
        JsonNode confirmation = last(outbox(server, "target=" + mail));
        assertEquals("SubscriptionConfirmation", confirmation.get("kind").asText());
        String text = confirmation.get("message").asText();
        String url = text.substring(text.indexOf("http"));
        assertEquals(200, SnsTesting.get(url).statusCode());
        JsonNode jsonConfirmation = json(last(outbox(server, "target=" + json)).get("message").asText());
        assertTrue(verifiedByAws(jsonConfirmation.toString()));
        assertEquals(200, SnsTesting.get(jsonConfirmation.get("SubscribeURL").asText()).statusCode());
        fails("InvalidParameter", 400, () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint("not-an-address")));

        sns.publish(r -> r.topicArn(topicArn).message("hello by mail").subject("Hi"));
        JsonNode plain = last(outbox(server, "target=" + mail));
        assertEquals("Notification", plain.get("kind").asText());
        assertEquals("email", plain.get("protocol").asText());
        assertEquals("hello by mail", plain.get("message").asText());
        assertEquals("Hi", plain.get("subject").asText());
        JsonNode envelope = json(last(outbox(server, "target=" + json)).get("message").asText());
        assertEquals("hello by mail", envelope.get("Message").asText());
        assertTrue(verifiedByAws(envelope.toString()));
    }

    @Test
    void smsLambdaFirehoseAndPushSubscriptions() {
        String topicArn = sns.createTopic(r -> r.name(name("multi")).attributes(Map.of("DisplayName", "Shop"))).topicArn();
        String lambda = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:handler";
        String firehose = "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/stream";
        String smsArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sms").endpoint("+15555550100")).subscriptionArn();
        assertTrue(smsArn.startsWith(topicArn));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("lambda").endpoint(lambda));
        fails("InvalidParameter", 400, () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("firehose").endpoint(firehose)));
        sns.subscribe(r -> r.topicArn(topicArn).protocol("firehose").endpoint(firehose).attributes(Map.of(
                "SubscriptionRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/firehose", "RawMessageDelivery", "true")));
        String app = sns.createPlatformApplication(r -> r.name(name("app")).platform("GCM")
                .attributes(Map.of("PlatformCredential", "server-key"))).platformApplicationArn();
        String endpoint = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-token")).endpointArn();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("application").endpoint(endpoint));
        fails("InvalidParameter", 400, () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("carrier-pigeon").endpoint("x")));

        sns.publish(r -> r.topicArn(topicArn).messageStructure("json")
                .message("{\"default\":\"plain\",\"sms\":\"short\",\"GCM\":\"{\\\"notification\\\":{}}\"}"));
        assertEquals("short", last(outbox(server, "protocol=sms&target=%2B15555550100")).get("message").asText());
        // Lambda is not served here (--services sns,sqs): lambda notifications stay in the outbox
        JsonNode event = json(last(outbox(server, "protocol=lambda")).get("message").asText());
        assertEquals("aws:sns", event.at("/Records/0/EventSource").asText());
        assertEquals("plain", event.at("/Records/0/Sns/Message").asText());
        assertTrue(event.at("/Records/0/Sns/SigningCertUrl").asText().contains("/_haneul/sns/certs/"));
        assertEquals("plain", last(outbox(server, "protocol=firehose")).get("message").asText());
        assertEquals("{\"notification\":{}}", last(outbox(server, "target=" + endpoint)).get("message").asText());

        JsonNode localstack = json(SnsTesting.get(server.endpoint() + "/_aws/sns/sms-messages").body());
        assertTrue(localstack.at("/sms_messages/+15555550100").size() > 0);
    }

    @Test
    void directSmsOptOutsAndSettings() throws Exception {
        String phone = "+15555550123";
        String id = sns.publish(r -> r.phoneNumber(phone).message("direct text")
                .messageAttributes(Map.of("AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue("Haneul").build())))
                .messageId();
        JsonNode sent = last(outbox(server, "protocol=sms&target=%2B15555550123"));
        assertEquals(id, sent.get("messageId").asText());
        assertEquals("Haneul", sent.at("/messageAttributes/AWS.SNS.SMS.SenderID/Value").asText());
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.phoneNumber("12ab").message("x")));

        assertFalse(sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber(phone)).isOptedOut());
        var optOut = SnsTesting.send("POST", server.endpoint() + "/_haneul/sns/opt-out?phoneNumber=%2B15555550123&account=" + ACCOUNT);
        assertEquals(200, optOut.statusCode(), optOut.body());
        assertTrue(sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber(phone)).isOptedOut());
        assertEquals(List.of(phone), sns.listPhoneNumbersOptedOut(r -> { }).phoneNumbers());
        int before = outbox(server, "protocol=sms&target=%2B15555550123").size();
        sns.publish(r -> r.phoneNumber(phone).message("not sent"));
        assertEquals(before, outbox(server, "protocol=sms&target=%2B15555550123").size());
        sns.optInPhoneNumber(r -> r.phoneNumber(phone));
        assertFalse(sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber(phone)).isOptedOut());
        fails("InvalidParameter", 400, () -> sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber("nope")));

        assertEquals("Promotional", sns.getSMSAttributes(r -> { }).attributes().get("DefaultSMSType"));
        sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Haneul")));
        assertEquals(Map.of("DefaultSMSType", "Transactional"), sns.getSMSAttributes(r -> r.attributes("DefaultSMSType")).attributes());
        fails("InvalidParameter", 400, () -> sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Loud"))));
        fails("InvalidParameter", 400, () -> sns.setSMSAttributes(r -> r.attributes(Map.of("Volume", "11"))));

        assertFalse(sns.getSMSSandboxAccountStatus(r -> { }).isInSandbox());
        String sandbox = "+15555550199";
        sns.createSMSSandboxPhoneNumber(r -> r.phoneNumber(sandbox));
        String code = last(outbox(server, "protocol=sms&target=%2B15555550199")).get("message").asText().replaceAll("\\D", "");
        assertEquals(SMSSandboxPhoneNumberVerificationStatus.PENDING, sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers().getFirst().status());
        String wrong = code.equals("111111") ? "222222" : "111111";
        fails("VerificationException", 400, () -> sns.verifySMSSandboxPhoneNumber(r -> r.phoneNumber(sandbox).oneTimePassword(wrong)));
        sns.verifySMSSandboxPhoneNumber(r -> r.phoneNumber(sandbox).oneTimePassword(code));
        assertEquals(SMSSandboxPhoneNumberVerificationStatus.VERIFIED, sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers().getFirst().status());
        sns.deleteSMSSandboxPhoneNumber(r -> r.phoneNumber(sandbox));
        fails("ResourceNotFound", 404, () -> sns.deleteSMSSandboxPhoneNumber(r -> r.phoneNumber(sandbox)));
        assertEquals(0, sns.listOriginationNumbers(r -> { }).phoneNumbers().size());
        eventually(1, "outbox clears", () -> SnsTesting.send("DELETE", server.endpoint() + "/_haneul/sns/outbox?protocol=sms").statusCode() == 200);
        assertEquals(0, outbox(server, "protocol=sms").size());
    }

    @Test
    void platformApplicationsAndEndpoints() {
        fails("InvalidParameter", 400, () -> sns.createPlatformApplication(r -> r.name("x").platform("PAGER").attributes(Map.of("PlatformCredential", "k"))));
        fails("InvalidParameter", 400, () -> sns.createPlatformApplication(r -> r.name("x").platform("GCM").attributes(Map.of())));
        String app = sns.createPlatformApplication(r -> r.name(name("ios")).platform("APNS")
                .attributes(Map.of("PlatformCredential", "secret", "PlatformPrincipal", "cert"))).platformApplicationArn();
        assertTrue(app.contains(":app/APNS/"));
        Map<String, String> appAttrs = sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)).attributes();
        assertEquals("true", appAttrs.get("Enabled"));
        assertFalse(appAttrs.containsKey("PlatformCredential"), "credentials are never returned");
        sns.setPlatformApplicationAttributes(r -> r.platformApplicationArn(app).attributes(Map.of("EventEndpointCreated",
                "arn:aws:sns:us-east-1:" + ACCOUNT + ":events")));
        assertTrue(sns.listPlatformApplications(r -> { }).platformApplications().stream().anyMatch(a -> a.platformApplicationArn().equals(app)));

        String e1 = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("tok-1").customUserData("user 1")).endpointArn();
        assertEquals(e1, sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("tok-1").customUserData("user 1")).endpointArn());
        fails("InvalidParameter", 400, () -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("tok-1").customUserData("user 2")));
        Map<String, String> attrs = sns.getEndpointAttributes(r -> r.endpointArn(e1)).attributes();
        assertEquals("tok-1", attrs.get("Token"));
        assertEquals("true", attrs.get("Enabled"));
        assertEquals("user 1", attrs.get("CustomUserData"));

        sns.publish(r -> r.targetArn(e1).messageStructure("json").message("{\"default\":\"d\",\"APNS\":\"{\\\"aps\\\":{\\\"alert\\\":\\\"hi\\\"}}\"}"));
        JsonNode push = last(outbox(server, "target=" + e1));
        assertEquals("Push", push.get("kind").asText());
        assertEquals("{\"aps\":{\"alert\":\"hi\"}}", push.get("message").asText());

        sns.setEndpointAttributes(r -> r.endpointArn(e1).attributes(Map.of("Enabled", "false")));
        fails("EndpointDisabled", 400, () -> sns.publish(r -> r.targetArn(e1).message("x")));
        sns.setEndpointAttributes(r -> r.endpointArn(e1).attributes(Map.of("Enabled", "true")));
        sns.setPlatformApplicationAttributes(r -> r.platformApplicationArn(app).attributes(Map.of("Enabled", "false")));
        fails("PlatformApplicationDisabled", 400, () -> sns.publish(r -> r.targetArn(e1).message("x")));

        sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("tok-2"));
        assertEquals(2, sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)).endpoints().size());
        sns.deleteEndpoint(r -> r.endpointArn(e1));
        sns.deleteEndpoint(r -> r.endpointArn(e1));
        fails("NotFound", 404, () -> sns.getEndpointAttributes(r -> r.endpointArn(e1)));
        fails("InvalidParameter", 400, () -> sns.publish(r -> r.targetArn(e1).message("x")));
        sns.deletePlatformApplication(r -> r.platformApplicationArn(app));
        fails("NotFound", 404, () -> sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)));
        fails("NotFound", 404, () -> sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)));
        assertNull(sns.listPlatformApplications(r -> { }).nextToken());
    }
}
