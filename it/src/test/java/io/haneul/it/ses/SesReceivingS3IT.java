package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import jakarta.mail.Session;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The receipt rule S3 action: inbound mail stored raw in a bucket of Haneul's own S3. */
class SesReceivingS3IT {

    @Test
    void s3ActionStoresTheRawMailUnderThePrefixAndMessageId() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server);
             S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "secret")))
                     .build()) {
            s3.createBucket(b -> b.bucket("inbound-mail"));
            ses.createReceiptRuleSet(b -> b.ruleSetName("store"));
            ses.createReceiptRule(b -> b.ruleSetName("store").rule(ReceiptRule.builder().name("to-s3").enabled(true)
                    .recipients("s3.example")
                    .actions(ReceiptAction.builder().s3Action(a -> a.bucketName("inbound-mail").objectKeyPrefix("inbound/")).build())
                    .build()));
            ses.setActiveReceiptRuleSet(b -> b.ruleSetName("store"));

            Session s = SesSmtpIT.session(Ses.smtpPort(server), true, null, null);
            SesSmtpIT.send(s, SesSmtpIT.message(s, "outsider@elsewhere.example", "team@s3.example", "Stored in S3 please"), null, null);
            String id = Ses.messages(server, "?recipient=team@s3.example").get(0).get("id").asText();

            List<S3Object> objects = List.of();
            for (int i = 0; i < 100 && objects.isEmpty(); i++) {
                objects = s3.listObjectsV2(b -> b.bucket("inbound-mail").prefix("inbound/")).contents();
                if (objects.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertEquals(1, objects.size(), "one object stored under inbound/");
            S3Object o = objects.get(0);
            assertEquals("inbound/" + id, o.key());
            String raw = s3.getObjectAsBytes(b -> b.bucket("inbound-mail").key(o.key())).asString(StandardCharsets.UTF_8);
            assertTrue(raw.contains("Subject: Stored in S3 please"), raw);
            assertTrue(raw.contains("team@s3.example"), raw);
            assertTrue(o.eTag().matches("\"[0-9a-f]{32}\""), o.eTag());

            String outcome = Ses.eventsWhen(server, id, 1).get(0).get("outcome").asText();
            assertTrue(outcome.startsWith("stored s3://inbound-mail/inbound/"), outcome);
        }
    }
}
