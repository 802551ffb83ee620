package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

import static org.junit.jupiter.api.Assertions.*;

/** Quota, statistics, sending enabled and the account (v2), with MaxSendRate enforced. */
class SesAccountIT {

    private static void send(SesClient ses, String to) {
        ses.sendEmail(b -> b.source("q@example.com").destination(d -> d.toAddresses(to))
                .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b")))));
    }

    @Test
    void quotaStatisticsAndThrottling() throws Exception {
        // a clock that stands still: the throttle below must not depend on how fast this machine sends
        try (TestServer server = TestServer.start(new io.haneul.it.support.MutableClock(), "--ses-max-send-rate", "2"); SesClient ses = Ses.v1(server); SesV2Client v2 = Ses.v2(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("q@example.com"));
            ses.getSendQuota();
            ses.sendEmail(b -> b.source("q@example.com").destination(d -> d.toAddresses("a@example.net", "b@example.net"))
                    .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b")))));
            // the SDK retries Throttling: a client that does not shows the error
            try (SesClient once = SesClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("111111111111", "s")))
                    .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())).build()) {
                var e = Ses.fails("Throttling", () -> send(once, "c@example.net"));
                assertEquals("Maximum sending rate exceeded.", e.awsErrorDetails().errorMessage());
            }
            var quota = ses.getSendQuota();
            assertEquals(2.0, quota.maxSendRate());
            assertEquals(2.0, quota.sentLast24Hours());
            var points = ses.getSendStatistics().sendDataPoints();
            assertEquals(2L, points.stream().mapToLong(p -> p.deliveryAttempts()).sum());

            GetAccountResponse account = v2.getAccount(b -> { });
            assertTrue(account.sendingEnabled());
            assertTrue(account.productionAccessEnabled());
            assertEquals(2.0, account.sendQuota().maxSendRate());
            assertEquals("HEALTHY", account.enforcementStatus());

            ses.updateAccountSendingEnabled(b -> b.enabled(false));
            assertFalse(ses.getAccountSendingEnabled().enabled());
            Ses.fails("AccountSendingPausedException", () -> send(ses, "d@example.net"));
            v2.putAccountSendingAttributes(b -> b.sendingEnabled(true));
            assertTrue(v2.getAccount(b -> { }).sendingEnabled());

            v2.putAccountSuppressionAttributes(b -> b.suppressedReasonsWithStrings("BOUNCE"));
            assertEquals(java.util.List.of("BOUNCE"), v2.getAccount(b -> { }).suppressionAttributes().suppressedReasonsAsStrings());
            v2.putAccountDetails(b -> b.mailType("TRANSACTIONAL").websiteURL("https://example.com").useCaseDescription("tests")
                    .productionAccessEnabled(false));
            assertEquals("TRANSACTIONAL", v2.getAccount(b -> { }).details().mailTypeAsString());

            var metrics = v2.batchGetMetricData(b -> b.queries(q -> q.id("q1").namespace("VDM").metric("SEND")
                    .startDate(java.time.Instant.now().minusSeconds(86_400)).endDate(java.time.Instant.now().plusSeconds(60))));
            assertEquals(2L, metrics.results().get(0).values().stream().mapToLong(Long::longValue).sum());
            v2.createDedicatedIpPool(b -> b.poolName("pool1"));
            assertEquals(java.util.List.of("pool1"), v2.listDedicatedIpPools(b -> { }).dedicatedIpPools());
            assertTrue(v2.getDedicatedIps(b -> b.poolName("pool1")).dedicatedIps().isEmpty());
            v2.deleteDedicatedIpPool(b -> b.poolName("pool1"));
            Ses.fails("NotFoundException", () -> v2.getDedicatedIpPool(b -> b.poolName("pool1")));
        }
    }

    @Test
    void tagsContactListsAndCustomVerificationTemplates() throws Exception {
        try (TestServer server = TestServer.start(); SesV2Client v2 = Ses.v2(server)) {
            v2.createConfigurationSet(b -> b.configurationSetName("tagged").tags(t -> t.key("team").value("mail")));
            String arn = "arn:aws:ses:us-east-1:111111111111:configuration-set/tagged";
            assertEquals("mail", v2.listTagsForResource(b -> b.resourceArn(arn)).tags().get(0).value());
            v2.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("env").value("test")));
            v2.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
            assertEquals("env", v2.listTagsForResource(b -> b.resourceArn(arn)).tags().get(0).key());

            v2.createContactList(b -> b.contactListName("news").topics(t -> t.topicName("weekly").displayName("Weekly")
                    .defaultSubscriptionStatus("OPT_IN")));
            v2.createContact(b -> b.contactListName("news").emailAddress("reader@example.net")
                    .topicPreferences(p -> p.topicName("weekly").subscriptionStatus("OPT_OUT")));
            assertEquals("OPT_OUT", v2.getContact(b -> b.contactListName("news").emailAddress("reader@example.net"))
                    .topicPreferences().get(0).subscriptionStatusAsString());
            assertEquals(1, v2.listContacts(b -> b.contactListName("news")).contacts().size());
            v2.deleteContact(b -> b.contactListName("news").emailAddress("reader@example.net"));
            Ses.fails("NotFoundException", () -> v2.getContact(b -> b.contactListName("news").emailAddress("reader@example.net")));

            v2.createEmailIdentity(b -> b.emailIdentity("from@example.com"));
            v2.createCustomVerificationEmailTemplate(b -> b.templateName("cv").fromEmailAddress("from@example.com")
                    .templateSubject("Please verify").templateContent("<p>Welcome</p>").successRedirectionURL("https://ok")
                    .failureRedirectionURL("https://fail"));
            assertEquals("Please verify", v2.getCustomVerificationEmailTemplate(b -> b.templateName("cv")).templateSubject());
            v2.sendCustomVerificationEmail(b -> b.emailAddress("newbie@example.net").templateName("cv"));
            var mail = Ses.messages(server, "?recipient=newbie@example.net").get(0);
            assertEquals("Please verify", mail.get("subject").asText());
            assertTrue(mail.get("html").asText().contains("Welcome"));
        }
    }
}
