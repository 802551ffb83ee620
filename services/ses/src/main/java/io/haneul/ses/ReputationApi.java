package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SES v2 reputation entities: the resources associated with tenants (type RESOURCE, referenced by
 * ARN), each with a sending status set by the customer, one set by SES (always ENABLED here: Haneul
 * sees no reputation signals that would pause a resource) and their aggregate, and the reputation
 * management policy SES applies (one of AWS's: none, standard, strict).
 */
public final class ReputationApi {

    /** The stored customer choices of one entity (name = its reference). */
    public static final class Entity {
        public String reference;
        public String customerStatus = "ENABLED";
        public long customerUpdatedMs;
        public String policy;
        public long createdMs;
    }

    private static final String POLICY = "arn:aws:ses:[a-z0-9-]+:aws:reputation-policy/(none|standard|strict)";

    private final SesRuntime rt;
    private final ResourceTags tags;
    private final TenantApi tenants;

    ReputationApi(SesRuntime rt, ResourceTags tags, TenantApi tenants) {
        this.rt = rt;
        this.tags = tags;
        this.tenants = tenants;
    }

    private static void checkType(String type) {
        if (!"RESOURCE".equals(type)) {
            throw SesException.invalid("Invalid ReputationEntityType " + type + ": must be RESOURCE.");
        }
    }

    /** The entity of a reference: stored choices, or the defaults of a resource that exists. */
    private Entity entity(Scope s, String reference) {
        return rt.docs().get(s, Docs.REPUTATION, reference, Entity.class).orElseGet(() -> {
            tags.requireExisting(s, reference);
            Entity e = new Entity();
            e.reference = reference;
            e.createdMs = rt.clock().millis();
            e.customerUpdatedMs = e.createdMs;
            return e;
        });
    }

    private ReputationEntity out(Entity e) {
        Instant at = Instant.ofEpochMilli(e.customerUpdatedMs);
        return ReputationEntity.builder().reputationEntityReference(e.reference).reputationEntityType(ReputationEntityType.RESOURCE)
                .reputationManagementPolicy(e.policy)
                .customerManagedStatus(x -> x.status(e.customerStatus).lastUpdatedTimestamp(at))
                .awsSesManagedStatus(x -> x.status(SendingStatus.ENABLED).lastUpdatedTimestamp(Instant.ofEpochMilli(e.createdMs)))
                .sendingStatusAggregate("DISABLED".equals(e.customerStatus) ? SendingStatus.DISABLED : SendingStatus.ENABLED)
                .reputationImpact(RecommendationImpact.LOW).build();
    }

    public GetReputationEntityResponse getReputationEntity(RequestContext ctx, GetReputationEntityRequest r) {
        checkType(r.reputationEntityTypeAsString());
        return GetReputationEntityResponse.builder().reputationEntity(out(entity(Scope.of(ctx), r.reputationEntityReference()))).build();
    }

    public ListReputationEntitiesResponse listReputationEntities(RequestContext ctx, ListReputationEntitiesRequest r) {
        Scope s = Scope.of(ctx);
        Set<String> references = new LinkedHashSet<>();
        tenants.associations(s).forEach(a -> references.add(a.resourceArn));
        rt.docs().list(s, Docs.REPUTATION, Entity.class).forEach(e -> references.add(e.reference));
        Map<String, String> f = r.filterAsStrings();
        List<ReputationEntity> all = new ArrayList<>();
        for (String ref : references) {
            ReputationEntity e;
            try {
                e = out(entity(s, ref));
            } catch (io.haneul.ses.domain.SesException gone) {
                continue;
            }
            if ((f.get("ENTITY_TYPE") == null || f.get("ENTITY_TYPE").equals("RESOURCE"))
                    && (f.get("REPUTATION_IMPACT") == null || f.get("REPUTATION_IMPACT").equals(e.reputationImpactAsString()))
                    && (f.get("SENDING_STATUS") == null || f.get("SENDING_STATUS").equals(e.sendingStatusAggregateAsString()))
                    && (f.get("ENTITY_REFERENCE_PREFIX") == null || ref.startsWith(f.get("ENTITY_REFERENCE_PREFIX")))) {
                all.add(e);
            }
        }
        Paging.Page<ReputationEntity> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListReputationEntitiesResponse.builder().reputationEntities(page.items()).nextToken(page.nextToken()).build();
    }

    private void change(Scope s, String reference, java.util.function.Consumer<Entity> change) {
        Entity e = entity(s, reference);
        change.accept(e);
        rt.docs().put(s, Docs.REPUTATION, reference, e, e.createdMs);
    }

    public UpdateReputationEntityCustomerManagedStatusResponse updateReputationEntityCustomerManagedStatus(
            RequestContext ctx, UpdateReputationEntityCustomerManagedStatusRequest r) {
        checkType(r.reputationEntityTypeAsString());
        if (r.sendingStatus() == null || r.sendingStatus() == SendingStatus.UNKNOWN_TO_SDK_VERSION) {
            throw SesException.invalid("Invalid SendingStatus " + r.sendingStatusAsString() + ".");
        }
        change(Scope.of(ctx), r.reputationEntityReference(), e -> {
            e.customerStatus = r.sendingStatusAsString();
            e.customerUpdatedMs = rt.clock().millis();
        });
        return UpdateReputationEntityCustomerManagedStatusResponse.builder().build();
    }

    public UpdateReputationEntityPolicyResponse updateReputationEntityPolicy(RequestContext ctx, UpdateReputationEntityPolicyRequest r) {
        checkType(r.reputationEntityTypeAsString());
        if (r.reputationEntityPolicy() == null || !r.reputationEntityPolicy().matches(POLICY)) {
            throw SesException.invalid("Invalid reputation entity policy " + r.reputationEntityPolicy()
                    + ": use arn:aws:ses:<region>:aws:reputation-policy/none, standard or strict.");
        }
        change(Scope.of(ctx), r.reputationEntityReference(), e -> e.policy = r.reputationEntityPolicy());
        return UpdateReputationEntityPolicyResponse.builder().build();
    }
}
