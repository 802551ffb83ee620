package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.List;

import static io.haneul.it.sagemaker.HostingClients.XGBOOST_IMAGE;
import static io.haneul.it.sagemaker.HostingClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model registry's bookkeeping with SDK v2: a model package group, versioned packages numbered 1, 2
 * with PendingManualApproval by default, approval through UpdateModelPackage, listings filtered by
 * group and approval status, tags on the group, and the group's deletion refused while it holds versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerRegistryIT {

    TestServer server;
    HostingClients c;

    @BeforeAll
    void start() {
        server = TestServer.start();
        c = new HostingClients(server);
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void versionsAndApprovesModelPackages() {
        String groupArn = c.sm.createModelPackageGroup(b -> b.modelPackageGroupName("Churn").modelPackageGroupDescription("churn models")
                .tags(Tag.builder().key("team").value("ml").build())).modelPackageGroupArn();
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn", groupArn);
        assertEquals("Completed", c.sm.describeModelPackageGroup(b -> b.modelPackageGroupName("Churn")).modelPackageGroupStatusAsString());
        String v1 = c.sm.createModelPackage(b -> b.modelPackageGroupName("Churn").inferenceSpecification(i -> i
                .containers(ct -> ct.image(XGBOOST_IMAGE).modelDataUrl("s3://models/churn/1/model.tar.gz"))
                .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv"))).modelPackageArn();
        String v2 = c.sm.createModelPackage(b -> b.modelPackageGroupName("Churn").modelApprovalStatus(ModelApprovalStatus.APPROVED)
                .inferenceSpecification(i -> i.containers(ct -> ct.image(XGBOOST_IMAGE)).supportedContentTypes("text/csv")
                        .supportedResponseMIMETypes("text/csv"))).modelPackageArn();
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1", v1);
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/2", v2);
        var first = c.sm.describeModelPackage(b -> b.modelPackageName(v1));
        assertEquals(ModelApprovalStatus.PENDING_MANUAL_APPROVAL, first.modelApprovalStatus());
        assertEquals(1, first.modelPackageVersion());
        assertEquals("s3://models/churn/1/model.tar.gz", first.inferenceSpecification().containers().getFirst().modelDataUrl());

        c.sm.updateModelPackage(b -> b.modelPackageArn(v1).modelApprovalStatus(ModelApprovalStatus.REJECTED).approvalDescription("worse"));
        var rejected = c.sm.describeModelPackage(b -> b.modelPackageName(v1));
        assertEquals(ModelApprovalStatus.REJECTED, rejected.modelApprovalStatus());
        assertEquals("worse", rejected.approvalDescription());
        List<Integer> approved = c.sm.listModelPackages(b -> b.modelPackageGroupName("Churn").modelApprovalStatus(ModelApprovalStatus.APPROVED))
                .modelPackageSummaryList().stream().map(p -> p.modelPackageVersion()).toList();
        assertEquals(List.of(2), approved);
        assertEquals(2, c.sm.listModelPackages(b -> b.modelPackageGroupName("Churn")).modelPackageSummaryList().size());
        assertEquals(List.of("Churn"), c.sm.listModelPackageGroups(b -> b.nameContains("chu")).modelPackageGroupSummaryList().stream()
                .map(g -> g.modelPackageGroupName()).toList());
        assertEquals("ml", c.sm.listTags(b -> b.resourceArn(groupArn)).tags().getFirst().value());

        expectError("ConflictException", 400, () -> c.sm.deleteModelPackageGroup(b -> b.modelPackageGroupName("Churn")));
        c.sm.deleteModelPackage(b -> b.modelPackageName(v1));
        c.sm.deleteModelPackage(b -> b.modelPackageName(v2));
        c.sm.deleteModelPackageGroup(b -> b.modelPackageGroupName("Churn"));
        expectError("ValidationException", 400, () -> c.sm.describeModelPackageGroup(b -> b.modelPackageGroupName("Churn")));
        assertTrue(c.sm.listModelPackageGroups(b -> b.nameContains("chu")).modelPackageGroupSummaryList().isEmpty());
    }
}
