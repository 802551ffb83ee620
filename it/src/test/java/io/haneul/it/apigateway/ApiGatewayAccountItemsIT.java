package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client certificates (parsed and verified as X.509), VPC links and the account settings, with the SDK. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayAccountItemsIT {

    static TestServer server;
    static ApiGatewayClient apigw;

    @BeforeAll
    void start() {
        server = newServer();
        apigw = ApiGatewayClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        apigw.close();
        server.close();
    }

    @Test
    void clientCertificatesAreRealSelfSignedCertificates() throws Exception {
        var generated = apigw.generateClientCertificate(b -> b.description("backend pin").tags(Map.of("env", "dev")));
        String id = generated.clientCertificateId();
        assertTrue(generated.pemEncodedCertificate().startsWith("-----BEGIN CERTIFICATE-----\n"));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(generated.pemEncodedCertificate().getBytes(StandardCharsets.US_ASCII)));
        cert.verify(cert.getPublicKey());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(Duration.ofDays(365), Duration.between(generated.createdDate(), generated.expirationDate()));
        assertEquals("backend pin", generated.description());
        assertEquals(Map.of("env", "dev"), generated.tags());

        assertEquals(generated.pemEncodedCertificate(), apigw.getClientCertificate(b -> b.clientCertificateId(id)).pemEncodedCertificate());
        assertTrue(apigw.getClientCertificates(b -> {}).items().stream().anyMatch(c -> c.clientCertificateId().equals(id)));
        assertEquals("rotated", apigw.updateClientCertificate(b -> b.clientCertificateId(id)
                .patchOperations(op("replace", "/description", "rotated"))).description());
        apigw.deleteClientCertificate(b -> b.clientCertificateId(id));
        assertThrows(NotFoundException.class, () -> apigw.getClientCertificate(b -> b.clientCertificateId(id)));
    }

    @Test
    void vpcLinksAreRecordedAvailable() {
        String nlb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/my-nlb/abc";
        var link = apigw.createVpcLink(b -> b.name("link").description("to nlb").targetArns(nlb));
        assertEquals("AVAILABLE", link.statusAsString());
        assertEquals(List.of(nlb), link.targetArns());
        assertEquals("link", apigw.getVpcLink(b -> b.vpcLinkId(link.id())).name());
        assertTrue(apigw.getVpcLinks(b -> {}).items().stream().anyMatch(l -> l.id().equals(link.id())));
        assertEquals("renamed", apigw.updateVpcLink(b -> b.vpcLinkId(link.id()).patchOperations(op("replace", "/name", "renamed"))).name());
        assertThrows(BadRequestException.class, () -> apigw.createVpcLink(b -> b.name("none")));
        apigw.deleteVpcLink(b -> b.vpcLinkId(link.id()));
        assertThrows(NotFoundException.class, () -> apigw.getVpcLink(b -> b.vpcLinkId(link.id())));
    }

    @Test
    void accountSettings() {
        var account = apigw.getAccount(b -> {});
        assertEquals(10000.0, account.throttleSettings().rateLimit());
        assertEquals(5000, account.throttleSettings().burstLimit());
        assertTrue(account.features().contains("UsagePlans"));
        String role = "arn:aws:iam::123456789012:role/apigw-logs";
        var updated = apigw.updateAccount(b -> b.patchOperations(op("replace", "/cloudwatchRoleArn", role),
                op("replace", "/throttle/rateLimit", "500")));
        assertEquals(role, updated.cloudwatchRoleArn());
        assertEquals(500.0, updated.throttleSettings().rateLimit());
        assertEquals(role, apigw.getAccount(b -> {}).cloudwatchRoleArn());
    }
}
