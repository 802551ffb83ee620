package io.haneul.it.sns;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.haneul.it.sns.SnsTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * In strict mode the UnsubscribeURL SNS puts in every message still works unsigned, as on AWS (the
 * subscription ARN is the credential), while any other unsigned SNS call is refused: the module's
 * waiver ({@code SubscriptionLinks}) is exactly that narrow.
 */
class SnsStrictLinksIT {

    @TempDir
    Path dir;

    @Test
    void theUnsubscribeLinkWorksUnsignedAndNothingElseDoes() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, "AKIAHANEULSNSLINK001 secret 111122223333\n");
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString(), "--services", "sns,sqs");
             SnsClient sns = sns(server, "AKIAHANEULSNSLINK001"); SqsClient sqs = sqs(server, "AKIAHANEULSNSLINK001")) {
            String topicArn = sns.createTopic(r -> r.name(name("strict-links"))).topicArn();
            Queue q = queue(sqs, name("strict-links"));
            String subArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(q.arn())).subscriptionArn();
            sns.publish(r -> r.topicArn(topicArn).message("hello"));
            String body = receive(sqs, q, 1, 10).getFirst().body();
            String unsubscribe = json(body).get("UnsubscribeURL").asText();

            var listUnsigned = get(server.endpoint() + "/?Action=ListSubscriptionsByTopic&Version=2010-03-31&TopicArn=" + topicArn);
            assertEquals(403, listUnsigned.statusCode(), listUnsigned.body());
            var publishUnsigned = get(server.endpoint() + "/?Action=Publish&Version=2010-03-31&Message=x&TopicArn=" + topicArn);
            assertEquals(403, publishUnsigned.statusCode(), "a GET that is not a link is still signed: " + publishUnsigned.body());
            var forgedConfirm = get(server.endpoint() + "/?Action=ConfirmSubscription&Version=2010-03-31&TopicArn=" + topicArn);
            assertEquals(403, forgedConfirm.statusCode(), "a confirmation without its token is no link: " + forgedConfirm.body());

            var link = get(unsubscribe);
            assertEquals(200, link.statusCode(), link.body());
            fails("NotFound", 404, () -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(subArn)));
        }
    }
}
