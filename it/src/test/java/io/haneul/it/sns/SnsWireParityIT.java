package io.haneul.it.sns;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * SNS answers compared whole, as boto3 sees them, with AWS's (API reference and responses recorded
 * against AWS): the query error body without {@code <Detail/>}, AWS's wording and order of checks,
 * topics scoped by region, the documents AddPermission builds, Unsubscribe and ConfirmSubscription.
 */
class SnsWireParityIT {

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

    @Test
    void errorsHaveNoDetailAndAwsWording() throws Exception {
        BotoParity.check(server, work, "320000000001", """
                import uuid
                sns = boto3.client("sns", endpoint_url=ENDPOINT, region_name="us-east-1")
                arn = sns.create_topic(Name="parity-" + uuid.uuid4().hex[:8])["TopicArn"]
                missing = "arn:aws:sns:us-east-1:320000000001:no-such-parity-topic"
                same("not-found", {"Error": error_of(lambda: sns.get_topic_attributes(TopicArn=missing))},
                     {"Error": {"Type": "Sender", "Code": "NotFound", "Message": "Topic does not exist"}})
                same("not-an-arn", {"Error": error_of(lambda: sns.get_topic_attributes(TopicArn="not-an-arn"))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter",
                                "Message": "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"}})
                same("publish-not-an-arn", {"Error": error_of(lambda: sns.publish(TopicArn="arn:aws:sns", Message="m"))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter",
                                "Message": "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 3"}})
                same("bad-token", {"Error": error_of(lambda: sns.confirm_subscription(TopicArn=arn, Token="not-a-token"))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter", "Message": "Invalid parameter: Token"}})
                same("unsubscribe-unknown", sns.unsubscribe(SubscriptionArn=arn + ":00000000-0000-0000-0000-000000000000"), {})
                same("attribute-empty-string", {"Error": error_of(lambda: sns.publish(TopicArn=arn, Message="m",
                        MessageAttributes={"a": {"DataType": "String", "StringValue": ""}}))},
                     {"Error": {"Type": "Sender", "Code": "ParameterValueInvalid",
                                "Message": "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'."}})
                same("attribute-wrong-field", {"Error": error_of(lambda: sns.publish(TopicArn=arn, Message="m",
                        MessageAttributes={"a": {"DataType": "Binary", "StringValue": "x"}}))},
                     {"Error": {"Type": "Sender", "Code": "ParameterValueInvalid",
                                "Message": "The message attribute 'a' with type 'Binary' must use field 'Binary'."}})
                """);
    }

    @Test
    void topicsOfAnotherRegionAreInvalidParameters() throws Exception {
        BotoParity.check(server, work, "320000000002", """
                import uuid
                east = boto3.client("sns", endpoint_url=ENDPOINT, region_name="us-east-1")
                west = boto3.client("sns", endpoint_url=ENDPOINT, region_name="eu-west-1")
                arn = east.create_topic(Name="parity-" + uuid.uuid4().hex[:8])["TopicArn"]
                other = {"Error": {"Type": "Sender", "Code": "InvalidParameter", "Message": "Invalid parameter: TopicArn"}}
                same("publish", {"Error": error_of(lambda: west.publish(TopicArn=arn, Message="m"))}, other)
                same("publish-batch", {"Error": error_of(lambda: west.publish_batch(TopicArn=arn,
                     PublishBatchRequestEntries=[{"Id": "1", "Message": "m"}]))}, other)
                same("subscribe", {"Error": error_of(lambda: west.subscribe(TopicArn=arn, Protocol="email", Endpoint="a@example.com"))}, other)
                same("get-attributes", {"Error": error_of(lambda: west.get_topic_attributes(TopicArn=arn))}, other)
                same("set-attributes", {"Error": error_of(lambda: west.set_topic_attributes(TopicArn=arn,
                     AttributeName="DisplayName", AttributeValue="x"))}, other)
                same("own-region", east.publish(TopicArn=arn, Message="m"), {"MessageId": ANY})
                """);
    }

    @Test
    void addPermissionBuildsAwsDocumentAndUserPoliciesStayVerbatim() throws Exception {
        BotoParity.check(server, work, "320000000003", """
                import uuid
                sns = boto3.client("sns", endpoint_url=ENDPOINT, region_name="us-east-1")
                arn = sns.create_topic(Name="parity-" + uuid.uuid4().hex[:8])["TopicArn"]
                sns.add_permission(TopicArn=arn, Label="one", AWSAccountId=["111122223333"], ActionName=["Publish"])
                sns.add_permission(TopicArn=arn, Label="two", AWSAccountId=["111122223333", "444455556666"],
                                   ActionName=["Publish", "Subscribe"])
                policy = json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
                same("policy", policy, {"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [
                    ANY,
                    {"Sid": "one", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                     "Action": "SNS:Publish", "Resource": arn},
                    {"Sid": "two", "Effect": "Allow",
                     "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]},
                     "Action": ["SNS:Publish", "SNS:Subscribe"], "Resource": arn}]})
                same("duplicate-label", {"Error": error_of(lambda: sns.add_permission(TopicArn=arn, Label="one",
                     AWSAccountId=["111122223333"], ActionName=["Publish"]))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter", "Message": "Invalid parameter: Statement already exists"}})
                same("out-of-scope", {"Error": error_of(lambda: sns.add_permission(TopicArn=arn, Label="three",
                     AWSAccountId=["111122223333"], ActionName=["CreateTopic"]))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter",
                                "Message": "Invalid parameter: Policy statement action out of service scope!"}})
                mine = '{"Version":"2012-10-17", "Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"%s"}]}' % arn
                sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=mine)
                if sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"] != mine:
                    DIFFS.append("user policy not returned verbatim")
                """);
    }

    @Test
    void inputChecksAnswerAsAws() throws Exception {
        BotoParity.check(server, work, "320000000004", """
                import uuid
                sns = boto3.client("sns", endpoint_url=ENDPOINT, region_name="us-east-1")
                arn = sns.create_topic(Name="parity-" + uuid.uuid4().hex[:8])["TopicArn"]
                fifo = sns.create_topic(Name="parity-" + uuid.uuid4().hex[:8] + ".fifo",
                                        Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
                def err(code, message):
                    return {"Error": {"Type": "Sender", "Code": code, "Message": message}}
                same("too-many", {"Error": error_of(lambda: sns.publish_batch(TopicArn=arn,
                     PublishBatchRequestEntries=[{"Id": str(i), "Message": "m"} for i in range(11)]))},
                     err("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible."))
                same("ids-not-distinct", {"Error": error_of(lambda: sns.publish_batch(TopicArn=arn,
                     PublishBatchRequestEntries=[{"Id": "1", "Message": "m"}, {"Id": "1", "Message": "n"}]))},
                     err("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id."))
                same("fifo-no-group", {"Error": error_of(lambda: sns.publish_batch(TopicArn=fifo,
                     PublishBatchRequestEntries=[{"Id": "1", "Message": "m"}]))},
                     err("InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"))
                same("batch-ok", sns.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[{"Id": "1", "Message": "m"}]),
                     {"Successful": [{"Id": "1", "MessageId": ANY}], "Failed": []})
                same("tags-duplicated", {"Error": error_of(lambda: sns.tag_resource(ResourceArn=arn,
                     Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]))},
                     err("InvalidParameter", "Invalid parameter: Duplicated keys are not allowed."))
                same("structure-not-json", {"Error": error_of(lambda: sns.publish(TopicArn=arn, Message="not json",
                     MessageStructure="json"))},
                     err("InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse"))
                same("structure-no-default", {"Error": error_of(lambda: sns.publish(TopicArn=arn, Message='{"sqs": "x"}',
                     MessageStructure="json"))},
                     err("InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body"))
                same("apns-without-principal", {"Error": error_of(lambda: sns.create_platform_application(Name="parity-ios",
                     Platform="APNS", Attributes={"PlatformCredential": "private key"}))},
                     err("InvalidParameter", "Invalid parameter: Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal"))
                same("tags-none", sns.list_tags_for_resource(ResourceArn=arn), {"Tags": []})
                same("subscriptions-none", sns.list_subscriptions_by_topic(TopicArn=arn), {"Subscriptions": []})
                """);
    }

    @Test
    void filterPolicyParseErrorsSayWhere() throws Exception {
        BotoParity.check(server, work, "320000000005", """
                import uuid
                sns = boto3.client("sns", endpoint_url=ENDPOINT, region_name="us-east-1")
                sqs = boto3.client("sqs", endpoint_url=ENDPOINT, region_name="us-east-1")
                arn = sns.create_topic(Name="parity-" + uuid.uuid4().hex[:8])["TopicArn"]
                url = sqs.create_queue(QueueName="parity-" + uuid.uuid4().hex[:8])["QueueUrl"]
                queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
                sub = sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=queue)["SubscriptionArn"]
                bad = '{"a": ["b"],}'
                same("filter-parse", {"Error": error_of(lambda: sns.set_subscription_attributes(SubscriptionArn=sub,
                     AttributeName="FilterPolicy", AttributeValue=bad))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter",
                                "Message": "Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('}' (code 125)):"
                                           " was expecting double-quote to start field name\\n at [Source: (String)\\"" + bad
                                           + "\\"; line: 1, column: 13]"}})
                same("anything-but-suffix", {"Error": error_of(lambda: sns.set_subscription_attributes(SubscriptionArn=sub,
                     AttributeName="FilterPolicy", AttributeValue='{"a": [{"anything-but": {"suffix": "-x"}}]}'))},
                     {"Error": {"Type": "Sender", "Code": "InvalidParameter",
                                "Message": "Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix"}})
                """);
    }
}
