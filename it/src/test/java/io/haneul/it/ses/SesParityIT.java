package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SES rules found by comparing Haneul with responses recorded against AWS (issue 21), pinned through
 * boto3 with whole response dictionaries (timestamps left out) and error codes, messages and statuses.
 */
class SesParityIT {

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

    private static final String PRELUDE = """
            import json, sys
            import boto3
            endpoint = sys.argv[1]
            v2 = boto3.client("sesv2", endpoint_url=endpoint, region_name="us-east-1")
            v1 = boto3.client("ses", endpoint_url=endpoint, region_name="us-east-1")
            def strip(r):
                r.pop("ResponseMetadata", None)
                for k in ("CreatedTimestamp", "LastUpdatedTimestamp"):
                    r.pop(k, None)
                return r
            def err(fn, **kw):
                try:
                    fn(**kw)
                    return None
                except Exception as e:
                    return {"Code": e.response["Error"]["Code"], "Message": e.response["Error"].get("Message"),
                            "Status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            out = {}
            """;

    private static JsonNode json(String text) throws Exception {
        return Ses.JSON.readTree(text);
    }

    @Test
    void contactListsAndContacts() throws Exception {
        JsonNode out = Ses.boto3(server, work, PRELUDE + """
                many = [{"TopicName": "t%d" % i, "DisplayName": "T", "DefaultSubscriptionStatus": "OPT_IN"} for i in range(21)]
                out["tooManyFirst"] = err(v2.create_contact_list, ContactListName="big", Topics=many)
                v2.create_contact_list(ContactListName="news", Topics=[
                    {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"},
                    {"TopicName": "promo", "DisplayName": "Promo", "DefaultSubscriptionStatus": "OPT_OUT"}])
                out["tooManySecond"] = err(v2.create_contact_list, ContactListName="big", Topics=many)
                out["second"] = err(v2.create_contact_list, ContactListName="other")
                v2.create_contact(ContactListName="news", EmailAddress="a@example.com",
                                  TopicPreferences=[{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}])
                out["created"] = strip(v2.get_contact(ContactListName="news", EmailAddress="a@example.com"))
                out["unknownTopic"] = err(v2.create_contact, ContactListName="news", EmailAddress="b@example.com",
                                          TopicPreferences=[{"TopicName": "daily", "SubscriptionStatus": "OPT_IN"}])
                v2.update_contact(ContactListName="news", EmailAddress="a@example.com",
                                  TopicPreferences=[{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}])
                out["merged"] = strip(v2.get_contact(ContactListName="news", EmailAddress="a@example.com"))
                print(json.dumps(out))
                """);
        String tooMany = "{\"Code\":\"BadRequestException\",\"Message\":\"A maximum of 20 Topics allowed per List\",\"Status\":400}";
        assertEquals(json(tooMany), out.get("tooManyFirst"));
        assertEquals(json(tooMany), out.get("tooManySecond"));
        assertEquals(json("{\"Code\":\"BadRequestException\",\"Message\":\"A maximum of 1 Lists allowed per account\",\"Status\":400}"),
                out.get("second"));
        assertEquals(json("""
                {"ContactListName":"news","EmailAddress":"a@example.com",
                 "TopicPreferences":[{"TopicName":"promo","SubscriptionStatus":"OPT_IN"}],
                 "TopicDefaultPreferences":[{"TopicName":"weekly","SubscriptionStatus":"OPT_IN"},
                                            {"TopicName":"promo","SubscriptionStatus":"OPT_OUT"}],
                 "UnsubscribeAll":false}"""), out.get("created"));
        assertEquals("BadRequestException", out.get("unknownTopic").get("Code").asText());
        assertEquals(400, out.get("unknownTopic").get("Status").asInt());
        assertEquals(json("""
                [{"TopicName":"promo","SubscriptionStatus":"OPT_IN"},{"TopicName":"weekly","SubscriptionStatus":"OPT_OUT"}]"""),
                out.get("merged").get("TopicPreferences"));
    }

    @Test
    void templateTagsAndTaggingUnknownResources() throws Exception {
        JsonNode out = Ses.boto3(server, work, PRELUDE + """
                arn = "arn:aws:ses:us-east-1:111111111111:template/tagged"
                v2.create_email_template(TemplateName="tagged", TemplateContent={"Subject": "Hi {{name}}", "Text": "t"},
                                         Tags=[{"Key": "team", "Value": "mail"}])
                out["get"] = strip(v2.get_email_template(TemplateName="tagged"))
                v2.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
                out["tags"] = strip(v2.list_tags_for_resource(ResourceArn=arn))
                out["unknown"] = err(v2.tag_resource, ResourceArn="arn:aws:ses:us-east-1:111111111111:template/absent",
                                     Tags=[{"Key": "a", "Value": "b"}])
                out["unknownList"] = err(v2.list_tags_for_resource, ResourceArn="arn:aws:ses:us-east-1:111111111111:configuration-set/absent")
                v2.delete_email_template(TemplateName="tagged")
                v2.create_email_template(TemplateName="tagged", TemplateContent={"Subject": "s", "Text": "t"})
                out["recreated"] = strip(v2.list_tags_for_resource(ResourceArn=arn))
                print(json.dumps(out))
                """);
        assertEquals(json("""
                {"TemplateName":"tagged","TemplateContent":{"Subject":"Hi {{name}}","Text":"t"},"Tags":[{"Key":"team","Value":"mail"}]}"""),
                out.get("get"));
        assertEquals(json("{\"Tags\":[{\"Key\":\"team\",\"Value\":\"mail\"},{\"Key\":\"env\",\"Value\":\"test\"}]}"), out.get("tags"));
        assertEquals("NotFoundException", out.get("unknown").get("Code").asText());
        assertEquals(404, out.get("unknown").get("Status").asInt());
        assertEquals("NotFoundException", out.get("unknownList").get("Code").asText());
        assertEquals(0, out.get("recreated").path("Tags").size());
    }

    @Test
    void sendingAccountAndPoolRules() throws Exception {
        JsonNode out = Ses.boto3(server, work, PRELUDE + """
                v2.create_email_identity(EmailIdentity="sender@example.com")
                v2.create_email_template(TemplateName="both", TemplateContent={"Subject": "s", "Text": "t"})
                out["both"] = err(v2.send_email, FromEmailAddress="sender@example.com", Destination={"ToAddresses": ["x@example.net"]},
                                  Content={"Template": {"TemplateName": "both", "TemplateContent": {"Subject": "s", "Text": "t"},
                                                        "TemplateData": "{}"}})
                v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED",
                                                             "DashboardAttributes": {"EngagementMetrics": "ENABLED"}})
                out["vdm"] = v2.get_account()["VdmAttributes"]
                out["pool"] = err(v2.create_dedicated_ip_pool, PoolName="p1", ScalingMode="BOGUS")
                out["emptyTagName"] = err(v1.send_email, Source="unverified@nowhere.example", Destination={"ToAddresses": ["x@example.net"]},
                                          Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
                                          Tags=[{"Name": "", "Value": "v"}])
                out["badTagName"] = err(v1.send_email, Source="unverified@nowhere.example", Destination={"ToAddresses": ["x@example.net"]},
                                        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
                                        Tags=[{"Name": "a b", "Value": "v"}])
                out["unverified"] = err(v1.send_email, Source="unverified@nowhere.example", Destination={"ToAddresses": ["x@example.net"]},
                                        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
                                        Tags=[{"Name": "ok", "Value": "v"}])
                print(json.dumps(out))
                """);
        assertEquals("BadRequestException", out.get("both").get("Code").asText());
        assertEquals(400, out.get("both").get("Status").asInt());
        assertEquals(json("{\"VdmEnabled\":\"ENABLED\",\"DashboardAttributes\":{\"EngagementMetrics\":\"ENABLED\"}}"), out.get("vdm"));
        assertEquals("BadRequestException", out.get("pool").get("Code").asText());
        assertEquals(json("{\"Code\":\"InvalidParameterValue\",\"Message\":\"The tag name must be specified.\",\"Status\":400}"),
                out.get("emptyTagName"));
        assertEquals("InvalidParameterValue", out.get("badTagName").get("Code").asText());
        assertEquals("MessageRejected", out.get("unverified").get("Code").asText());
    }

    @Test
    void v1ConfigurationSetAndIdentityRules() throws Exception {
        JsonNode out = Ses.boto3(server, work, PRELUDE + """
                v1.create_configuration_set(ConfigurationSet={"Name": "opts"})
                v1.put_configuration_set_delivery_options(ConfigurationSetName="opts", DeliveryOptions={"TlsPolicy": "Require"})
                out["set"] = strip(v1.describe_configuration_set(ConfigurationSetName="opts", ConfigurationSetAttributeNames=["deliveryOptions"]))
                v1.put_configuration_set_delivery_options(ConfigurationSetName="opts")
                out["cleared"] = strip(v1.describe_configuration_set(ConfigurationSetName="opts", ConfigurationSetAttributeNames=["deliveryOptions"]))
                out["noTopic"] = err(v1.create_configuration_set_event_destination, ConfigurationSetName="opts",
                                     EventDestination={"Name": "d", "Enabled": True, "MatchingEventTypes": ["send"],
                                                       "SNSDestination": {"TopicARN": "arn:aws:sns:us-east-1:111111111111:absent"}})
                topic = boto3.client("sns", endpoint_url=endpoint, region_name="us-east-1").create_topic(Name="present")["TopicArn"]
                v1.create_configuration_set_event_destination(ConfigurationSetName="opts",
                    EventDestination={"Name": "d", "Enabled": True, "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": topic}})
                out["headers"] = err(v1.set_identity_headers_in_notifications_enabled, Identity="nobody@example.com",
                                     NotificationType="Bounce", Enabled=True)
                print(json.dumps(out))
                """);
        assertEquals(json("{\"ConfigurationSet\":{\"Name\":\"opts\"},\"DeliveryOptions\":{\"TlsPolicy\":\"Require\"}}"), out.get("set"));
        assertEquals(json("{\"ConfigurationSet\":{\"Name\":\"opts\"}}"), out.get("cleared"));
        assertEquals("InvalidSNSDestination", out.get("noTopic").get("Code").asText());
        assertEquals(json("{\"Code\":\"MessageRejected\",\"Message\":\"Identity nobody@example.com is not verified or does not exist.\","
                + "\"Status\":400}"), out.get("headers"));
    }

    @Test
    void javaSdkGetsTheModelledErrors() {
        try (SesV2Client v2 = Ses.v2(server)) {
            Ses.fails("BadRequestException", () -> v2.createDedicatedIpPool(b -> b.poolName("p2").scalingMode("SOMETIMES")));
            Ses.fails("NotFoundException", () -> v2.tagResource(b -> b.resourceArn("arn:aws:ses:us-east-1:111111111111:contact-list/none")
                    .tags(t -> t.key("k").value("v"))));
        }
    }

    @Test
    void tenantsAndEndpointsAsBoto3SeesThem() throws Exception {
        JsonNode out = Ses.boto3(server, work, PRELUDE + """
                t = v2.create_tenant(TenantName="blue", Tags=[{"Key": "k", "Value": "v"}])
                out["id"] = t["TenantId"]
                out["tenant"] = strip(v2.get_tenant(TenantName="blue"))
                out["tenant"]["Tenant"].pop("CreatedTimestamp")
                e = v2.create_multi_region_endpoint(EndpointName="ep", Details={"RoutesDetails": [{"Region": "eu-west-1"}]})
                out["created"] = strip(e)
                out["endpoint"] = strip(v2.get_multi_region_endpoint(EndpointName="ep"))
                out["missing"] = err(v2.get_tenant, TenantName="absent")
                print(json.dumps(out))
                """);
        String id = out.get("id").asText();
        assertEquals(json("{\"Tenant\":{\"TenantName\":\"blue\",\"TenantId\":\"" + id + "\",\"TenantArn\":"
                + "\"arn:aws:ses:us-east-1:111111111111:tenant/blue/" + id + "\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}],"
                + "\"SendingStatus\":\"ENABLED\"}}"), out.get("tenant"));
        String endpointId = out.get("created").get("EndpointId").asText();
        assertEquals(json("{\"EndpointId\":\"" + endpointId + "\",\"Status\":\"READY\"}"), out.get("created"));
        assertEquals(json("{\"EndpointName\":\"ep\",\"EndpointId\":\"" + endpointId + "\",\"Routes\":[{\"Region\":\"us-east-1\"},"
                + "{\"Region\":\"eu-west-1\"}],\"Status\":\"READY\"}"), out.get("endpoint"));
        assertEquals("NotFoundException", out.get("missing").get("Code").asText());
        assertEquals(404, out.get("missing").get("Status").asInt());
    }
}
