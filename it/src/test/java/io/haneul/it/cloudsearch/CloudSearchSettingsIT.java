package io.haneul.it.cloudsearch;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cloudsearch.CloudSearchClient;
import software.amazon.awssdk.services.cloudsearch.model.AccessPoliciesStatus;
import software.amazon.awssdk.services.cloudsearch.model.CloudSearchException;
import software.amazon.awssdk.services.cloudsearch.model.DomainEndpointOptionsStatus;
import software.amazon.awssdk.services.cloudsearch.model.DomainStatus;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldType;
import software.amazon.awssdk.services.cloudsearch.model.OptionState;
import software.amazon.awssdk.services.cloudsearch.model.PartitionInstanceType;
import software.amazon.awssdk.services.cloudsearch.model.ScalingParametersStatus;
import software.amazon.awssdk.services.cloudsearch.model.TLSSecurityPolicy;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaling, availability, access policies and endpoint options through the SDK v2 client, on a server
 * whose changes take a minute of its (test-moved) clock to apply, so that Processing is observable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchSettingsIT {

    final MutableClock clock = new MutableClock();
    TestServer server;
    CloudSearchClient cs;

    @BeforeAll
    void start() {
        server = newServer();
        cs = CloudSearchClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start(clock, "--cloudsearch-processing-seconds", "60");
    }

    @AfterAll
    void stop() throws Exception {
        cs.close();
        server.close();
    }

    private void invalid(Runnable call) {
        CloudSearchException e = assertThrows(CloudSearchException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
    }

    @Test
    void creationAndChangesAreProcessingUntilApplied() {
        DomainStatus creating = cs.createDomain(b -> b.domainName("slow")).domainStatus();
        assertTrue(creating.processing());
        assertFalse(creating.created());
        assertNull(creating.docService());
        assertEquals(0, creating.searchInstanceCount());
        clock.advance(Duration.ofSeconds(61));
        DomainStatus ready = cs.describeDomains(b -> b.domainNames("slow")).domainStatusList().getFirst();
        assertFalse(ready.processing());
        assertTrue(ready.created());
        assertTrue(ready.docService().endpoint().contains("/_aws/cloudsearch/doc-slow-"));

        cs.defineIndexField(b -> b.domainName("slow").indexField(f -> f.indexFieldName("title").indexFieldType(IndexFieldType.TEXT)));
        cs.indexDocuments(b -> b.domainName("slow"));
        assertEquals(OptionState.PROCESSING, cs.describeIndexFields(b -> b.domainName("slow")).indexFields().getFirst().status().state());
        DomainStatus indexing = cs.describeDomains(b -> b.domainNames("slow")).domainStatusList().getFirst();
        assertTrue(indexing.processing());
        assertFalse(indexing.requiresIndexDocuments());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(OptionState.ACTIVE, cs.describeIndexFields(b -> b.domainName("slow")).indexFields().getFirst().status().state());
        assertFalse(cs.describeDomains(b -> b.domainNames("slow")).domainStatusList().getFirst().processing());
    }

    @Test
    void scalingParameters() {
        cs.createDomain(b -> b.domainName("scaled"));
        clock.advance(Duration.ofSeconds(61));
        ScalingParametersStatus initial = cs.describeScalingParameters(b -> b.domainName("scaled")).scalingParameters();
        assertEquals(OptionState.ACTIVE, initial.status().state());
        assertEquals(0, initial.status().updateVersion());
        assertNull(initial.options().desiredInstanceType());

        ScalingParametersStatus updated = cs.updateScalingParameters(b -> b.domainName("scaled").scalingParameters(p -> p
                .desiredInstanceType(PartitionInstanceType.SEARCH_2_XLARGE).desiredReplicationCount(2).desiredPartitionCount(3))).scalingParameters();
        assertEquals(OptionState.PROCESSING, updated.status().state());
        assertEquals(3, updated.options().desiredPartitionCount());
        DomainStatus d = cs.describeDomains(b -> b.domainNames("scaled")).domainStatusList().getFirst();
        assertEquals("search.2xlarge", d.searchInstanceType());
        assertEquals(3, d.searchPartitionCount());
        assertEquals(6, d.searchInstanceCount());
        assertTrue(d.processing());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(OptionState.ACTIVE, cs.describeScalingParameters(b -> b.domainName("scaled")).scalingParameters().status().state());

        invalid(() -> cs.updateScalingParameters(b -> b.domainName("scaled").scalingParameters(p -> p.desiredReplicationCount(6))));
        invalid(() -> cs.updateScalingParameters(b -> b.domainName("scaled").scalingParameters(p -> p.desiredInstanceType("search.huge"))));
        invalid(() -> cs.updateScalingParameters(b -> b.domainName("scaled").scalingParameters(p -> p
                .desiredInstanceType(PartitionInstanceType.SEARCH_SMALL).desiredPartitionCount(2))));
    }

    @Test
    void availabilityPoliciesAndEndpointOptions() {
        cs.createDomain(b -> b.domainName("settings"));
        assertFalse(cs.describeAvailabilityOptions(b -> b.domainName("settings")).availabilityOptions().options());
        assertTrue(cs.updateAvailabilityOptions(b -> b.domainName("settings").multiAZ(true)).availabilityOptions().options());
        assertTrue(cs.describeAvailabilityOptions(b -> b.domainName("settings").deployed(true)).availabilityOptions().options());

        assertEquals("", cs.describeServiceAccessPolicies(b -> b.domainName("settings")).accessPolicies().options());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"*\"]},"
                + "\"Action\":[\"cloudsearch:search\"],\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}";
        AccessPoliciesStatus set = cs.updateServiceAccessPolicies(b -> b.domainName("settings").accessPolicies(policy)).accessPolicies();
        assertEquals(policy, set.options());
        assertEquals(policy, cs.describeServiceAccessPolicies(b -> b.domainName("settings")).accessPolicies().options());
        invalid(() -> cs.updateServiceAccessPolicies(b -> b.domainName("settings").accessPolicies("{not json")));
        invalid(() -> cs.updateServiceAccessPolicies(b -> b.domainName("settings").accessPolicies("{\"Version\":\"2012-10-17\"}")));

        DomainEndpointOptionsStatus initial = cs.describeDomainEndpointOptions(b -> b.domainName("settings")).domainEndpointOptions();
        assertFalse(initial.options().enforceHTTPS());
        assertEquals(TLSSecurityPolicy.POLICY_MIN_TLS_1_0_2019_07, initial.options().tlsSecurityPolicy());
        cs.updateDomainEndpointOptions(b -> b.domainName("settings").domainEndpointOptions(o -> o.enforceHTTPS(true)
                .tlsSecurityPolicy(TLSSecurityPolicy.POLICY_MIN_TLS_1_2_2019_07)));
        DomainEndpointOptionsStatus after = cs.describeDomainEndpointOptions(b -> b.domainName("settings")).domainEndpointOptions();
        assertTrue(after.options().enforceHTTPS());
        assertEquals(TLSSecurityPolicy.POLICY_MIN_TLS_1_2_2019_07, after.options().tlsSecurityPolicy());
        assertTrue(after.status().updateVersion() > set.status().updateVersion());
    }

    @Test
    void endpointOptionsAreValidatedAsTheModelSays() {
        cs.createDomain(b -> b.domainName("tls"));
        CloudSearchException bad = assertThrows(CloudSearchException.class, () -> cs.updateDomainEndpointOptions(b -> b.domainName("tls")
                .domainEndpointOptions(o -> o.enforceHTTPS(true).tlsSecurityPolicy("Policy-Min-TLS-1-3-2021-01"))));
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
        assertEquals(400, bad.statusCode());
        assertEquals("1 validation error detected: Value 'Policy-Min-TLS-1-3-2021-01' at 'domainEndpointOptions.tLSSecurityPolicy' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [Policy-Min-TLS-1-0-2019-07, Policy-Min-TLS-1-2-2019-07]",
                bad.awsErrorDetails().errorMessage());
        CloudSearchException none = assertThrows(CloudSearchException.class, () -> cs.updateDomainEndpointOptions(b -> b.domainName("tls")));
        assertEquals("MissingParameter", none.awsErrorDetails().errorCode()); // the query protocol's own answer
        assertEquals("The request must contain the parameter DomainEndpointOptions.", none.awsErrorDetails().errorMessage());
        CloudSearchException missing = assertThrows(CloudSearchException.class, () -> cs.updateDomainEndpointOptions(b -> b.domainName("nope")
                .domainEndpointOptions(o -> o.enforceHTTPS(true))));
        assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());

        // refused updates leave the stored options as they were; an accepted one is stored whole
        DomainEndpointOptionsStatus unchanged = cs.describeDomainEndpointOptions(b -> b.domainName("tls")).domainEndpointOptions();
        assertFalse(unchanged.options().enforceHTTPS());
        assertEquals(0, unchanged.status().updateVersion());
        DomainEndpointOptionsStatus https = cs.updateDomainEndpointOptions(b -> b.domainName("tls")
                .domainEndpointOptions(o -> o.enforceHTTPS(true))).domainEndpointOptions();
        assertTrue(https.options().enforceHTTPS());
        assertEquals(TLSSecurityPolicy.POLICY_MIN_TLS_1_0_2019_07, https.options().tlsSecurityPolicy());
        assertEquals(OptionState.PROCESSING, https.status().state());
        clock.advance(Duration.ofSeconds(61));
        DomainEndpointOptionsStatus active = cs.describeDomainEndpointOptions(b -> b.domainName("tls").deployed(true)).domainEndpointOptions();
        assertEquals(OptionState.ACTIVE, active.status().state());
        assertTrue(active.options().enforceHTTPS());
    }
}
