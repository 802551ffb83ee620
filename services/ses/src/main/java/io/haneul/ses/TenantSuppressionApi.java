package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.ses.domain.SesException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PutTenantSuppressionAttributes, which the SDK Haneul is built with has no classes for, answered on
 * documents: a tenant's suppression settings (the reasons it suppresses for and whether its own list
 * or the account's applies) are kept with the tenant and reported by GetTenant as
 * {@code Tenant.SuppressionAttributes}, a member the SDK's Tenant lacks. Sending does not yet consult
 * them (Haneul's sending applies the account's and the configuration set's suppression).
 */
@DocumentOperations.Names({"PutTenantSuppressionAttributes"})
final class TenantSuppressionApi implements DocumentOperations {

    private static final List<String> REASONS = List.of("BOUNCE", "COMPLAINT");
    private static final List<String> SCOPES = List.of("ACCOUNT", "TENANT");

    private final SesRuntime rt;

    TenantSuppressionApi(SesRuntime rt) {
        this.rt = rt;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("PutTenantSuppressionAttributes", (ctx, input) -> put(Scope.of(ctx), input));
    }

    private JsonNode put(Scope s, JsonNode input) {
        String name = input.path("TenantName").asText("");
        List<String> reasons = null;
        if (input.has("SuppressedReasons")) {
            if (!input.get("SuppressedReasons").isArray()) {
                throw SesException.invalid("SuppressedReasons must be a list.");
            }
            reasons = new ArrayList<>();
            for (JsonNode r : input.get("SuppressedReasons")) {
                if (!REASONS.contains(r.asText())) {
                    throw SesException.invalid("1 validation error detected: Value '[" + r.asText() + "]' at 'suppressedReasons' failed to "
                            + "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: " + REASONS + "]");
                }
                reasons.add(r.asText());
            }
        }
        String scope = input.path("SuppressionScope").asText(null);
        if (scope != null && !SCOPES.contains(scope)) {
            throw SesException.invalid("1 validation error detected: Value '" + scope + "' at 'suppressionScope' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: " + SCOPES);
        }
        List<String> kept = reasons;
        rt.store().db().write(c -> {
            TenantApi.Tenant t = rt.docs().get(c, s, Docs.TENANT, name, TenantApi.Tenant.class)
                    .orElseThrow(() -> TenantApi.missing(name));
            t.suppressedReasons = kept;
            t.suppressionScope = scope;
            rt.docs().put(c, s, Docs.TENANT, name, t, t.createdMs);
            return null;
        });
        return JsonNodeFactory.instance.objectNode();
    }

    /** GetTenant's {@code Tenant.SuppressionAttributes} for a stored tenant (empty when never set). */
    static ObjectNode suppressionAttributes(TenantApi.Tenant t) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (t.suppressedReasons == null && t.suppressionScope == null) {
            return out;
        }
        ObjectNode attributes = out.putObject("Tenant").putObject("SuppressionAttributes");
        if (t.suppressedReasons != null) {
            ArrayNode reasons = attributes.putArray("SuppressedReasons");
            t.suppressedReasons.forEach(reasons::add);
        }
        if (t.suppressionScope != null) {
            attributes.put("SuppressionScope", t.suppressionScope);
        }
        return out;
    }
}
