package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AccessAssociationSourceType;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameAccessAssociationResponse;
import software.amazon.awssdk.services.apigateway.model.DomainNameAccessAssociation;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.ResourceOwner;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domain name access associations for private custom domain names: created by the domain's owner
 * and by another account, listed by resource owner, rejected by the domain's owner, deleted by their
 * maker, with AWS's checks (VPCE only, a VPC endpoint id, a private domain, no duplicates).
 */
class ApiGatewayDomainAccessIT {

    static TestServer server;
    static ApiGatewayClient owner;
    static ApiGatewayClient other;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        owner = ApiGatewayClients.client(server);
        other = ApiGatewayClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("210987654321", "secret"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        other.close();
        owner.close();
        server.close();
    }

    static List<DomainNameAccessAssociation> list(ApiGatewayClient c, ResourceOwner who) {
        return c.getDomainNameAccessAssociations(b -> b.resourceOwner(who)).items();
    }

    @Test
    void associationsAreMadeListedRejectedAndDeleted() {
        String privateArn = owner.createDomainName(b -> b.domainName("private.example.com")
                .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc")
                .endpointConfiguration(c -> c.types(EndpointType.PRIVATE))).domainNameArn();
        String regionalArn = owner.createDomainName(b -> b.domainName("public.example.com")
                .regionalCertificateArn("arn:aws:acm:us-east-1:123456789012:certificate/def")
                .endpointConfiguration(c -> c.types(EndpointType.REGIONAL))).domainNameArn();

        CreateDomainNameAccessAssociationResponse mine = owner.createDomainNameAccessAssociation(b -> b.domainNameArn(privateArn)
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("vpce-0123456789abcdef0")
                .tags(Map.of("team", "a")));
        assertEquals("arn:aws:apigateway:us-east-1:123456789012:/domainnameaccessassociations/domainname/private.example.com"
                + "/vpcesource/vpce-0123456789abcdef0", mine.domainNameAccessAssociationArn());
        assertEquals(privateArn, mine.domainNameArn());
        assertEquals(Map.of("team", "a"), mine.tags());
        assertThrows(ConflictException.class, () -> owner.createDomainNameAccessAssociation(b -> b.domainNameArn(privateArn)
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("vpce-0123456789abcdef0")));
        assertThrows(BadRequestException.class, () -> owner.createDomainNameAccessAssociation(b -> b.domainNameArn(regionalArn)
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("vpce-0123456789abcdef1")));
        assertThrows(BadRequestException.class, () -> owner.createDomainNameAccessAssociation(b -> b.domainNameArn(privateArn)
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("not-an-endpoint")));
        assertThrows(BadRequestException.class, () -> owner.createDomainNameAccessAssociation(b -> b.domainNameArn("nope")
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("vpce-0123456789abcdef1")));

        DomainNameAccessAssociation theirs = DomainNameAccessAssociation.builder().build();
        String theirArn = other.createDomainNameAccessAssociation(b -> b.domainNameArn(privateArn)
                .accessAssociationSourceType(AccessAssociationSourceType.VPCE).accessAssociationSource("vpce-00000000aaaaaaaa0"))
                .domainNameAccessAssociationArn();
        assertTrue(theirArn.contains(":210987654321:"), theirArn + theirs);

        assertEquals(List.of(mine.domainNameAccessAssociationArn()),
                list(owner, ResourceOwner.SELF).stream().map(DomainNameAccessAssociation::domainNameAccessAssociationArn).toList());
        assertEquals(List.of(theirArn),
                list(owner, ResourceOwner.OTHER_ACCOUNTS).stream().map(DomainNameAccessAssociation::domainNameAccessAssociationArn).toList());
        assertEquals(List.of(theirArn),
                list(other, ResourceOwner.SELF).stream().map(DomainNameAccessAssociation::domainNameAccessAssociationArn).toList());
        assertTrue(list(other, ResourceOwner.OTHER_ACCOUNTS).isEmpty());

        assertThrows(NotFoundException.class, () -> other.rejectDomainNameAccessAssociation(b -> b.domainNameArn(privateArn)
                .domainNameAccessAssociationArn(theirArn)), "only the domain's owner rejects");
        owner.rejectDomainNameAccessAssociation(b -> b.domainNameArn(privateArn).domainNameAccessAssociationArn(theirArn));
        assertTrue(list(other, ResourceOwner.SELF).isEmpty());
        assertTrue(list(owner, ResourceOwner.OTHER_ACCOUNTS).isEmpty());

        assertThrows(NotFoundException.class, () -> other.deleteDomainNameAccessAssociation(
                b -> b.domainNameAccessAssociationArn(mine.domainNameAccessAssociationArn())));
        owner.deleteDomainNameAccessAssociation(b -> b.domainNameAccessAssociationArn(mine.domainNameAccessAssociationArn()));
        assertTrue(list(owner, ResourceOwner.SELF).isEmpty());
        assertThrows(NotFoundException.class, () -> owner.deleteDomainNameAccessAssociation(
                b -> b.domainNameAccessAssociationArn(mine.domainNameAccessAssociationArn())));
    }
}
