package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.ses.domain.AccountSettings;
import io.haneul.ses.domain.PricingPlans;
import io.haneul.ses.domain.SesException;

import java.util.Map;

/**
 * PutAccountPricingAttributes, which the SDK Haneul is built with has no classes for, answered on
 * documents: the plan is scheduled as {@link PricingPlans} describes, and GetAccount reports it as
 * {@code PricingAttributes} (a member the SDK's GetAccountResponse lacks, added through
 * {@link #pricingAttributes}).
 */
@DocumentOperations.Names({"PutAccountPricingAttributes"})
final class AccountPricingApi implements DocumentOperations {

    private final SesRuntime rt;

    AccountPricingApi(SesRuntime rt) {
        this.rt = rt;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("PutAccountPricingAttributes", (ctx, input) -> put(Scope.of(ctx), input));
    }

    private JsonNode put(Scope s, JsonNode input) {
        String plan = input.path("Plan").asText(null);
        if (plan == null || !PricingPlans.PLANS.contains(plan)) {
            throw SesException.invalid("1 validation error detected: Value '" + plan + "' at 'plan' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: " + PricingPlans.PLANS);
        }
        rt.accounts().update(s, a -> PricingPlans.request(a, plan, rt.clock().instant()));
        return JsonNodeFactory.instance.objectNode();
    }

    /** GetAccount's {@code PricingAttributes} for these settings, now. */
    ObjectNode pricingAttributes(AccountSettings a) {
        PricingPlans.Attributes p = PricingPlans.at(a, rt.clock().instant());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = out.putObject("PricingAttributes").put("CurrentPlan", p.current());
        if (p.next() != null) {
            attributes.put("NextPlan", p.next());
        }
        return out;
    }
}
