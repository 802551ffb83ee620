package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTypeInfo;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.ListDomainsResponse;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesResponse;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.ResourceTag;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.ACCOUNT_B;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SWF domains, workflow and activity types, their faults, paging and tags through the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfRegistrySdkV2IT {

    TestServer server;
    SwfClient swf;
    SwfClient other;

    /** The server the tests run against; the *PostgresIT subclass starts one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start();
    }

    @BeforeAll
    void start() {
        server = newServer();
        swf = SwfV2.client(server, ACCOUNT_A);
        other = SwfV2.client(server, ACCOUNT_B);
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        other.close();
        server.close();
    }

    @Test
    void domainLifecycle() {
        String d = name("dom");
        swf.registerDomain(b -> b.name(d).description("orders").workflowExecutionRetentionPeriodInDays("3"));
        DescribeDomainResponse described = swf.describeDomain(b -> b.name(d));
        assertEquals(d, described.domainInfo().name());
        assertEquals(RegistrationStatus.REGISTERED, described.domainInfo().status());
        assertEquals("orders", described.domainInfo().description());
        assertEquals("arn:aws:swf:us-east-1:" + ACCOUNT_A + ":/domain/" + d, described.domainInfo().arn());
        assertEquals("3", described.configuration().workflowExecutionRetentionPeriodInDays());

        var dup = fails("DomainAlreadyExistsFault", () -> swf.registerDomain(b -> b.name(d).workflowExecutionRetentionPeriodInDays("1")));
        assertEquals(d, dup.awsErrorDetails().errorMessage());
        fails("UnknownResourceFault", () -> other.describeDomain(b -> b.name(d)));
        var unknown = fails("UnknownResourceFault", () -> swf.describeDomain(b -> b.name(d + "x")));
        assertInstanceOf(UnknownResourceException.class, unknown);
        assertEquals("Unknown domain: " + d + "x", unknown.awsErrorDetails().errorMessage());

        swf.deprecateDomain(b -> b.name(d));
        assertEquals(RegistrationStatus.DEPRECATED, swf.describeDomain(b -> b.name(d)).domainInfo().status());
        fails("DomainDeprecatedFault", () -> swf.deprecateDomain(b -> b.name(d)));
        assertTrue(names(swf.listDomains(b -> b.registrationStatus(RegistrationStatus.DEPRECATED))).contains(d));
        assertFalse(names(swf.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED))).contains(d));
        fails("UnknownResourceFault", () -> swf.registerWorkflowType(b -> b.domain(d).name("w").version("1")));
        swf.undeprecateDomain(b -> b.name(d));
        fails("DomainAlreadyExistsFault", () -> swf.undeprecateDomain(b -> b.name(d)));
        assertTrue(names(swf.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED))).contains(d));
    }

    @Test
    void retentionOutOfRangeIsRefused() {
        fails("ValidationException", () -> swf.registerDomain(b -> b.name(name("ret")).workflowExecutionRetentionPeriodInDays("91")));
        swf.registerDomain(b -> b.name(name("ret")).workflowExecutionRetentionPeriodInDays("NONE"));
    }

    @Test
    void domainsPageInBothOrders() {
        SwfClient fresh = SwfV2.client(server, "333333333333");
        for (int i = 0; i < 5; i++) {
            int n = i;
            fresh.registerDomain(b -> b.name("page-" + n).workflowExecutionRetentionPeriodInDays("1"));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListDomainsResponse page = fresh.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED).maximumPageSize(2)
                    .nextPageToken(t));
            assertTrue(page.domainInfos().size() <= 2);
            seen.addAll(names(page));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(List.of("page-0", "page-1", "page-2", "page-3", "page-4"), seen);
        assertEquals(List.of("page-4", "page-3", "page-2", "page-1", "page-0"),
                names(fresh.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED).reverseOrder(true))));
        fresh.close();
    }

    @Test
    void domainTags() {
        String d = name("tags");
        swf.registerDomain(b -> b.name(d).workflowExecutionRetentionPeriodInDays("1")
                .tags(ResourceTag.builder().key("team").value("a").build()));
        String arn = swf.describeDomain(b -> b.name(d)).domainInfo().arn();
        swf.tagResource(b -> b.resourceArn(arn).tags(ResourceTag.builder().key("env").value("dev").build()));
        assertEquals(Map.of("team", "a", "env", "dev"), tags(arn));
        swf.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(Map.of("env", "dev"), tags(arn));
        fails("UnknownResourceFault", () -> swf.listTagsForResource(b -> b.resourceArn(arn + "nope")));
    }

    @Test
    void workflowTypes() {
        String d = domain();
        swf.registerWorkflowType(b -> b.domain(d).name("order").version("1").description("first")
                .defaultTaskList(t -> t.name("deciders")).defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("30").defaultChildPolicy("TERMINATE"));
        swf.registerWorkflowType(b -> b.domain(d).name("order").version("2"));
        swf.registerWorkflowType(b -> b.domain(d).name("invoice").version("1"));
        var dup = fails("TypeAlreadyExistsFault", () -> swf.registerWorkflowType(b -> b.domain(d).name("order").version("1")));
        assertInstanceOf(TypeAlreadyExistsException.class, dup);
        assertEquals("WorkflowType=[name=order, version=1]", dup.awsErrorDetails().errorMessage());

        DescribeWorkflowTypeResponse r = swf.describeWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("1")));
        assertEquals("first", r.typeInfo().description());
        assertEquals(RegistrationStatus.REGISTERED, r.typeInfo().status());
        assertNotNull(r.typeInfo().creationDate());
        assertNull(r.typeInfo().deprecationDate());
        assertEquals("deciders", r.configuration().defaultTaskList().name());
        assertEquals("3600", r.configuration().defaultExecutionStartToCloseTimeout());
        assertEquals("30", r.configuration().defaultTaskStartToCloseTimeout());
        assertEquals("TERMINATE", r.configuration().defaultChildPolicyAsString());

        var unknown = fails("UnknownResourceFault", () -> swf.describeWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("9"))));
        assertEquals("Unknown type: WorkflowType=[name=order, version=9]", unknown.awsErrorDetails().errorMessage());

        ListWorkflowTypesResponse orders = swf.listWorkflowTypes(b -> b.domain(d).name("order").registrationStatus(RegistrationStatus.REGISTERED));
        assertEquals(List.of("1", "2"), orders.typeInfos().stream().map(t -> t.workflowType().version()).toList());
        ListWorkflowTypesResponse first = swf.listWorkflowTypes(b -> b.domain(d).registrationStatus(RegistrationStatus.REGISTERED)
                .maximumPageSize(2));
        assertEquals(2, first.typeInfos().size());
        assertNotNull(first.nextPageToken());
        ListWorkflowTypesResponse second = swf.listWorkflowTypes(b -> b.domain(d).registrationStatus(RegistrationStatus.REGISTERED)
                .maximumPageSize(2).nextPageToken(first.nextPageToken()));
        assertEquals(1, second.typeInfos().size());
        assertNull(second.nextPageToken());
        List<WorkflowTypeInfo> all = new ArrayList<>(first.typeInfos());
        all.addAll(second.typeInfos());
        assertEquals(List.of("invoice/1", "order/1", "order/2"),
                all.stream().map(t -> t.workflowType().name() + "/" + t.workflowType().version()).toList());

        fails("TypeNotDeprecatedFault", () -> swf.deleteWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2"))));
        fails("TypeAlreadyExistsFault", () -> swf.undeprecateWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2"))));
        swf.deprecateWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2")));
        fails("TypeDeprecatedFault", () -> swf.deprecateWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2"))));
        var deprecated = swf.describeWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2"))).typeInfo();
        assertEquals(RegistrationStatus.DEPRECATED, deprecated.status());
        assertNotNull(deprecated.deprecationDate());
        assertEquals(1, swf.listWorkflowTypes(b -> b.domain(d).registrationStatus(RegistrationStatus.DEPRECATED)).typeInfos().size());
        fails("TypeDeprecatedFault", () -> swf.startWorkflowExecution(b -> b.domain(d).workflowId("w")
                .workflowType(t -> t.name("order").version("2"))));
        swf.undeprecateWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2")));
        swf.deprecateWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2")));
        swf.deleteWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2")));
        fails("UnknownResourceFault", () -> swf.describeWorkflowType(b -> b.domain(d).workflowType(t -> t.name("order").version("2"))));
    }

    @Test
    void activityTypes() {
        String d = domain();
        swf.registerActivityType(b -> b.domain(d).name("charge").version("1").defaultTaskList(t -> t.name("workers"))
                .defaultTaskHeartbeatTimeout("10").defaultTaskScheduleToStartTimeout("60")
                .defaultTaskScheduleToCloseTimeout("120").defaultTaskStartToCloseTimeout("60").defaultTaskPriority("3"));
        var dup = fails("TypeAlreadyExistsFault", () -> swf.registerActivityType(b -> b.domain(d).name("charge").version("1")));
        assertEquals("ActivityType=[name=charge, version=1]", dup.awsErrorDetails().errorMessage());
        DescribeActivityTypeResponse r = swf.describeActivityType(b -> b.domain(d).activityType(t -> t.name("charge").version("1")));
        assertEquals("workers", r.configuration().defaultTaskList().name());
        assertEquals("10", r.configuration().defaultTaskHeartbeatTimeout());
        assertEquals("60", r.configuration().defaultTaskScheduleToStartTimeout());
        assertEquals("120", r.configuration().defaultTaskScheduleToCloseTimeout());
        assertEquals("60", r.configuration().defaultTaskStartToCloseTimeout());
        assertEquals("3", r.configuration().defaultTaskPriority());
        List<ActivityTypeInfo> listed = swf.listActivityTypes(b -> b.domain(d).registrationStatus(RegistrationStatus.REGISTERED)).typeInfos();
        assertEquals(List.of("charge"), listed.stream().map(t -> t.activityType().name()).toList());
        swf.deprecateActivityType(b -> b.domain(d).activityType(t -> t.name("charge").version("1")));
        swf.deleteActivityType(b -> b.domain(d).activityType(t -> t.name("charge").version("1")));
        var gone = fails("UnknownResourceFault", () -> swf.describeActivityType(b -> b.domain(d).activityType(t -> t.name("charge").version("1"))));
        assertEquals("Unknown type: ActivityType=[name=charge, version=1]", gone.awsErrorDetails().errorMessage());
        fails("UnknownResourceFault", () -> swf.listActivityTypes(b -> b.domain(d + "x").registrationStatus(RegistrationStatus.REGISTERED)));
    }

    private String domain() {
        String d = name("types");
        swf.registerDomain(b -> b.name(d).workflowExecutionRetentionPeriodInDays("1"));
        return d;
    }

    private Map<String, String> tags(String arn) {
        return swf.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(ResourceTag::key, ResourceTag::value));
    }

    private static List<String> names(ListDomainsResponse r) {
        return r.domainInfos().stream().map(DomainInfo::name).toList();
    }
}
