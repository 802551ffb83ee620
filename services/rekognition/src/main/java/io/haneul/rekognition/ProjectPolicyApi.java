package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.customlabels.ProjectPolicyService;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Project policies of Custom Labels projects (rules in {@link ProjectPolicyService}). */
public final class ProjectPolicyApi {

    private final ProjectPolicyService policies;

    ProjectPolicyApi(ProjectPolicyService policies) {
        this.policies = policies;
    }

    public PutProjectPolicyResponse putProjectPolicy(RequestContext ctx, PutProjectPolicyRequest r) {
        return call(() -> PutProjectPolicyResponse.builder().policyRevisionId(policies.put(ctx.accountId(), ctx.region(), r.projectArn(),
                r.policyName(), r.policyRevisionId(), r.policyDocument())).build());
    }

    public DeleteProjectPolicyResponse deleteProjectPolicy(RequestContext ctx, DeleteProjectPolicyRequest r) {
        return call(() -> {
            policies.delete(ctx.accountId(), ctx.region(), r.projectArn(), r.policyName(), r.policyRevisionId());
            return DeleteProjectPolicyResponse.builder().build();
        });
    }

    public ListProjectPoliciesResponse listProjectPolicies(RequestContext ctx, ListProjectPoliciesRequest r) {
        return call(() -> {
            Page<ProjectPolicyService.Policy> page = policies.list(ctx.accountId(), ctx.region(), r.projectArn(), r.nextToken(), r.maxResults());
            return ListProjectPoliciesResponse.builder().projectPolicies(page.items().stream().map(p -> ProjectPolicy.builder()
                    .projectArn(p.projectArn()).policyName(p.row().name()).policyRevisionId(p.row().revisionId())
                    .policyDocument(p.row().document()).creationTimestamp(Instant.ofEpochMilli(p.row().createdMs()))
                    .lastUpdatedTimestamp(Instant.ofEpochMilli(p.row().updatedMs())).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
    }
}
