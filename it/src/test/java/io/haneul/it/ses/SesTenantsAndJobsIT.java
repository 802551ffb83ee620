package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The SES v2 operations around tenants, multi-region endpoints, reputation entities, import and
 * export jobs (through Haneul's S3), the deliverability dashboard, test reports and message
 * insights, whose numbers come from mail sent through this server.
 */
class SesTenantsAndJobsIT {

    static final String ACCOUNT = "111111111111";
    static TestServer server;
    static SesV2Client v2;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        v2 = Ses.v2(server);
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        v2.close();
        s3.close();
        server.close();
    }

    private static String arn(String resource) {
        return "arn:aws:ses:us-east-1:" + ACCOUNT + ":" + resource;
    }

    @Test
    void tenantsAndTheirResources() {
        CreateTenantResponse t = v2.createTenant(b -> b.tenantName("acme").tags(x -> x.key("tier").value("gold")));
        assertEquals(arn("tenant/acme/" + t.tenantId()), t.tenantArn());
        assertEquals(SendingStatus.ENABLED, t.sendingStatus());
        Ses.fails("AlreadyExistsException", () -> v2.createTenant(b -> b.tenantName("acme")));
        Ses.fails("BadRequestException", () -> v2.createTenant(b -> b.tenantName("bad name")));
        Tenant got = v2.getTenant(b -> b.tenantName("acme")).tenant();
        assertEquals(t.tenantId(), got.tenantId());
        assertEquals("gold", got.tags().get(0).value());
        assertEquals(List.of("acme"), v2.listTenants(b -> { }).tenants().stream().map(TenantInfo::tenantName).toList());
        assertEquals("gold", v2.listTagsForResource(b -> b.resourceArn(t.tenantArn())).tags().get(0).value());

        v2.createConfigurationSet(b -> b.configurationSetName("acme-set"));
        v2.createEmailIdentity(b -> b.emailIdentity("acme.example"));
        v2.createTenantResourceAssociation(b -> b.tenantName("acme").resourceArn(arn("configuration-set/acme-set")));
        v2.createTenantResourceAssociation(b -> b.tenantName("acme").resourceArn(arn("identity/acme.example")));
        Ses.fails("AlreadyExistsException", () -> v2.createTenantResourceAssociation(b -> b.tenantName("acme")
                .resourceArn(arn("configuration-set/acme-set"))));
        Ses.fails("NotFoundException", () -> v2.createTenantResourceAssociation(b -> b.tenantName("acme")
                .resourceArn(arn("configuration-set/absent"))));
        Ses.fails("NotFoundException", () -> v2.createTenantResourceAssociation(b -> b.tenantName("nobody")
                .resourceArn(arn("configuration-set/acme-set"))));
        assertEquals(2, v2.listTenantResources(b -> b.tenantName("acme")).tenantResources().size());
        assertEquals(List.of(arn("identity/acme.example")), v2.listTenantResources(b -> b.tenantName("acme")
                .filterWithStrings(Map.of("RESOURCE_TYPE", "EMAIL_IDENTITY"))).tenantResources().stream().map(TenantResource::resourceArn).toList());
        List<ResourceTenantMetadata> owners = v2.listResourceTenants(b -> b.resourceArn(arn("configuration-set/acme-set"))).resourceTenants();
        assertEquals("acme", owners.get(0).tenantName());
        assertEquals(t.tenantId(), owners.get(0).tenantId());

        // reputation entities: the resources tenants hold
        String ref = arn("configuration-set/acme-set");
        ReputationEntity e = v2.getReputationEntity(b -> b.reputationEntityType("RESOURCE").reputationEntityReference(ref)).reputationEntity();
        assertEquals(SendingStatus.ENABLED, e.sendingStatusAggregate());
        v2.updateReputationEntityCustomerManagedStatus(b -> b.reputationEntityType("RESOURCE").reputationEntityReference(ref)
                .sendingStatus(SendingStatus.DISABLED));
        v2.updateReputationEntityPolicy(b -> b.reputationEntityType("RESOURCE").reputationEntityReference(ref)
                .reputationEntityPolicy("arn:aws:ses:us-east-1:aws:reputation-policy/strict"));
        e = v2.getReputationEntity(b -> b.reputationEntityType("RESOURCE").reputationEntityReference(ref)).reputationEntity();
        assertEquals(SendingStatus.DISABLED, e.customerManagedStatus().status());
        assertEquals(SendingStatus.DISABLED, e.sendingStatusAggregate());
        assertEquals("arn:aws:ses:us-east-1:aws:reputation-policy/strict", e.reputationManagementPolicy());
        Ses.fails("BadRequestException", () -> v2.updateReputationEntityPolicy(b -> b.reputationEntityType("RESOURCE")
                .reputationEntityReference(ref).reputationEntityPolicy("arn:aws:ses:us-east-1:aws:reputation-policy/lenient")));
        Ses.fails("NotFoundException", () -> v2.getReputationEntity(b -> b.reputationEntityType("RESOURCE")
                .reputationEntityReference(arn("configuration-set/absent"))));
        assertEquals(2, v2.listReputationEntities(b -> { }).reputationEntities().size());
        assertEquals(List.of(ref), v2.listReputationEntities(b -> b.filterWithStrings(Map.of("SENDING_STATUS", "DISABLED")))
                .reputationEntities().stream().map(ReputationEntity::reputationEntityReference).toList());

        v2.deleteTenantResourceAssociation(b -> b.tenantName("acme").resourceArn(arn("identity/acme.example")));
        Ses.fails("NotFoundException", () -> v2.deleteTenantResourceAssociation(b -> b.tenantName("acme")
                .resourceArn(arn("identity/acme.example"))));
        v2.deleteTenant(b -> b.tenantName("acme"));
        Ses.fails("NotFoundException", () -> v2.getTenant(b -> b.tenantName("acme")));
        assertTrue(v2.listResourceTenants(b -> b.resourceArn(ref)).resourceTenants().isEmpty());
    }

    @Test
    void multiRegionEndpoints() {
        CreateMultiRegionEndpointResponse c = v2.createMultiRegionEndpoint(b -> b.endpointName("global")
                .details(d -> d.routesDetails(r -> r.region("us-west-2"))));
        assertEquals(Status.READY, c.status());
        GetMultiRegionEndpointResponse g = v2.getMultiRegionEndpoint(b -> b.endpointName("global"));
        assertEquals(c.endpointId(), g.endpointId());
        assertEquals(List.of("us-east-1", "us-west-2"), g.routes().stream().map(Route::region).toList());
        assertEquals(List.of("us-east-1", "us-west-2"), v2.listMultiRegionEndpoints(b -> { }).multiRegionEndpoints().get(0).regions());
        Ses.fails("AlreadyExistsException", () -> v2.createMultiRegionEndpoint(b -> b.endpointName("global")
                .details(d -> d.routesDetails(r -> r.region("eu-west-1")))));
        Ses.fails("BadRequestException", () -> v2.createMultiRegionEndpoint(b -> b.endpointName("same")
                .details(d -> d.routesDetails(r -> r.region("us-east-1")))));
        assertEquals(Status.DELETING, v2.deleteMultiRegionEndpoint(b -> b.endpointName("global")).status());
        Ses.fails("NotFoundException", () -> v2.getMultiRegionEndpoint(b -> b.endpointName("global")));
    }

    @Test
    void importAndExportJobsGoThroughS3() throws Exception {
        s3.createBucket(b -> b.bucket("ses-jobs"));
        s3.putObject(b -> b.bucket("ses-jobs").key("suppressed.csv"), RequestBody.fromString(
                "emailAddress,reason\nblocked1@example.net,BOUNCE\nblocked2@example.net,COMPLAINT\nnot-an-address,BOUNCE\n"));
        String id = v2.createImportJob(b -> b.importDataSource(d -> d.s3Url("s3://ses-jobs/suppressed.csv").dataFormat("CSV"))
                .importDestination(d -> d.suppressionListDestination(x -> x.suppressionListImportAction("PUT")))).jobId();
        GetImportJobResponse job = v2.getImportJob(b -> b.jobId(id));
        assertEquals(JobStatus.COMPLETED, job.jobStatus());
        assertEquals(3, job.processedRecordsCount());
        assertEquals(1, job.failedRecordsCount());
        assertEquals("COMPLAINT", v2.getSuppressedDestination(b -> b.emailAddress("blocked2@example.net"))
                .suppressedDestination().reasonAsString());

        v2.createContactList(b -> b.contactListName("imports").topics(t -> t.topicName("news").displayName("News")
                .defaultSubscriptionStatus("OPT_OUT")));
        s3.putObject(b -> b.bucket("ses-jobs").key("contacts.json"), RequestBody.fromString(
                "{\"emailAddress\":\"c1@example.net\",\"topicPreferences\":[{\"topicName\":\"news\",\"subscriptionStatus\":\"OPT_IN\"}]}\n"
                        + "{\"emailAddress\":\"c2@example.net\",\"unsubscribeAll\":true}\n"));
        String cid = v2.createImportJob(b -> b.importDataSource(d -> d.s3Url("s3://ses-jobs/contacts.json").dataFormat("JSON"))
                .importDestination(d -> d.contactListDestination(x -> x.contactListName("imports").contactListImportAction("PUT")))).jobId();
        assertEquals(2, v2.getImportJob(b -> b.jobId(cid)).processedRecordsCount());
        assertEquals("OPT_IN", v2.getContact(b -> b.contactListName("imports").emailAddress("c1@example.net"))
                .topicPreferences().get(0).subscriptionStatusAsString());
        assertTrue(v2.getContact(b -> b.contactListName("imports").emailAddress("c2@example.net")).unsubscribeAll());
        assertEquals(2, v2.listImportJobs(b -> { }).importJobs().size());
        assertEquals(1, v2.listImportJobs(b -> b.importDestinationType("CONTACT_LIST")).importJobs().size());
        String missing = v2.createImportJob(b -> b.importDataSource(d -> d.s3Url("s3://ses-jobs/absent.csv").dataFormat("CSV"))
                .importDestination(d -> d.suppressionListDestination(x -> x.suppressionListImportAction("PUT")))).jobId();
        GetImportJobResponse failed = v2.getImportJob(b -> b.jobId(missing));
        assertEquals(JobStatus.FAILED, failed.jobStatus());
        assertTrue(failed.failureInfo().errorMessage().contains("NoSuchKey"), failed.failureInfo().errorMessage());
        Ses.fails("NotFoundException", () -> v2.getImportJob(b -> b.jobId("nope")));

        // mail to export: two delivered, one bounced
        v2.createEmailIdentity(b -> b.emailIdentity("export.example"));
        for (String to : List.of("success@simulator.amazonses.com", "bounce@simulator.amazonses.com", "someone@example.net")) {
            v2.sendEmail(b -> b.fromEmailAddress("news@export.example").destination(d -> d.toAddresses(to))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Exported")).body(x -> x.text(t -> t.data("b"))))));
        }
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
        String eid = v2.createExportJob(b -> b.exportDataSource(d -> d.metricsDataSource(m -> m.namespace("VDM")
                        .dimensionsWithStrings(Map.of("EMAIL_IDENTITY", List.of("export.example"))).startDate(from).endDate(to)
                        .metrics(ExportMetric.builder().name("SEND").aggregation("VOLUME").build(),
                                ExportMetric.builder().name("PERMANENT_BOUNCE").aggregation("VOLUME").build())))
                .exportDestination(d -> d.dataFormat("CSV").s3Url("s3://ses-jobs/exports/metrics.csv"))).jobId();
        GetExportJobResponse export = v2.getExportJob(b -> b.jobId(eid));
        assertEquals(JobStatus.COMPLETED, export.jobStatus());
        assertEquals(ExportSourceType.METRICS_DATA, export.exportSourceType());
        assertEquals(3, export.statistics().processedRecordsCount());
        assertEquals("VDM", export.exportDataSource().metricsDataSource().namespaceAsString());
        String csv = s3.getObjectAsBytes(b -> b.bucket("ses-jobs").key("exports/metrics.csv")).asUtf8String();
        assertTrue(csv.startsWith("timestamp,email_identity,send_volume,permanent_bounce_volume"), csv);
        assertTrue(csv.contains(",export.example,3,1"), csv);

        String iid = v2.createExportJob(b -> b.exportDataSource(d -> d.messageInsightsDataSource(m -> m.startDate(from).endDate(to)
                        .include(f -> f.fromEmailAddress("news@export.example").lastDeliveryEventWithStrings("PERMANENT_BOUNCE"))))
                .exportDestination(d -> d.dataFormat("JSON").s3Url("s3://ses-jobs/exports/insights.json"))).jobId();
        assertEquals(1, v2.getExportJob(b -> b.jobId(iid)).statistics().exportedRecordsCount());
        String json = s3.getObjectAsBytes(b -> b.bucket("ses-jobs").key("exports/insights.json")).asUtf8String();
        assertEquals("bounce@simulator.amazonses.com", Ses.JSON.readTree(json.lines().findFirst().orElseThrow()).get("email_address").asText());
        assertEquals(2, v2.listExportJobs(b -> { }).exportJobs().size());
        Ses.fails("BadRequestException", () -> v2.cancelExportJob(b -> b.jobId(eid)));
        Ses.fails("NotFoundException", () -> v2.cancelExportJob(b -> b.jobId("nope")));
    }

    @Test
    void dashboardReportsTheMailSentHere() {
        v2.createEmailIdentity(b -> b.emailIdentity("dash.example"));
        v2.putDeliverabilityDashboardOption(b -> b.dashboardEnabled(true));
        String ok = v2.sendEmail(b -> b.fromEmailAddress("team@dash.example").destination(d -> d.toAddresses(
                        "success@simulator.amazonses.com", "complaint@simulator.amazonses.com", "bounce@simulator.amazonses.com"))
                .emailTags(t -> t.name("campaign").value("spring"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Spring sale")).body(x -> x.text(t -> t.data("b")))))).messageId();

        GetMessageInsightsResponse insights = v2.getMessageInsights(b -> b.messageId(ok));
        assertEquals("team@dash.example", insights.fromEmailAddress());
        assertEquals("Spring sale", insights.subject());
        assertEquals(3, insights.insights().size());
        Map<String, List<String>> events = new java.util.TreeMap<>();
        insights.insights().forEach(i -> events.put(i.destination(), i.events().stream().map(InsightsEvent::typeAsString).toList()));
        assertEquals(List.of("SEND", "BOUNCE"), events.get("bounce@simulator.amazonses.com"));
        assertEquals(List.of("SEND", "DELIVERY", "COMPLAINT"), events.get("complaint@simulator.amazonses.com"));
        assertEquals(List.of("SEND", "DELIVERY"), events.get("success@simulator.amazonses.com"));
        Ses.fails("NotFoundException", () -> v2.getMessageInsights(b -> b.messageId("0100000000000000-unknown")));

        Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
        GetDomainStatisticsReportResponse stats = v2.getDomainStatisticsReport(b -> b.domain("dash.example").startDate(from).endDate(to));
        assertEquals(1L, stats.overallVolume().volumeStatistics().inboxRawCount());
        assertEquals(1L, stats.overallVolume().volumeStatistics().spamRawCount());
        assertEquals(1L, stats.dailyVolumes().stream().mapToLong(d -> d.volumeStatistics().inboxRawCount()).sum());
        Ses.fails("NotFoundException", () -> v2.getDomainStatisticsReport(b -> b.domain("other.example").startDate(from).endDate(to)));
        // a report covers at most 30 days (one daily volume per day: an open range would cost memory per request)
        Ses.fails("BadRequestException", () -> v2.getDomainStatisticsReport(b -> b.domain("dash.example").startDate(from)
                .endDate(from.plus(31, ChronoUnit.DAYS))));

        List<DomainDeliverabilityCampaign> campaigns = v2.listDomainDeliverabilityCampaigns(b -> b.subscribedDomain("dash.example")
                .startDate(from).endDate(to)).domainDeliverabilityCampaigns();
        assertEquals(1, campaigns.size());
        assertEquals(3L, campaigns.get(0).projectedVolume());
        DomainDeliverabilityCampaign one = v2.getDomainDeliverabilityCampaign(b -> b.campaignId(campaigns.get(0).campaignId()))
                .domainDeliverabilityCampaign();
        assertEquals("Spring sale", one.subject());
        assertEquals(1L, one.inboxCount());
        Ses.fails("NotFoundException", () -> v2.getDomainDeliverabilityCampaign(b -> b.campaignId("nope")));

        String report = v2.createDeliverabilityTestReport(b -> b.reportName("seed").fromEmailAddress("team@dash.example")
                .content(c -> c.simple(m -> m.subject(s -> s.data("Placement")).body(x -> x.text(t -> t.data("b")))))).reportId();
        GetDeliverabilityTestReportResponse rep = v2.getDeliverabilityTestReport(b -> b.reportId(report));
        assertEquals(DeliverabilityTestStatus.COMPLETED, rep.deliverabilityTestReport().deliverabilityTestStatus());
        assertEquals("Placement", rep.deliverabilityTestReport().subject());
        assertEquals(100.0, rep.overallPlacement().inboxPercentage());
        assertEquals(1, v2.listDeliverabilityTestReports(b -> { }).deliverabilityTestReports().size());
        Ses.fails("MessageRejected", () -> v2.createDeliverabilityTestReport(b -> b.fromEmailAddress("x@unverified.example")
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b")))))));
        Ses.fails("NotFoundException", () -> v2.getDeliverabilityTestReport(b -> b.reportId("nope")));
    }
}
