package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/**
 * Routing rules of a custom domain name: stored with their conditions, actions and priority
 * (1 to 1,000,000, unique per domain name). Haneul does not serve custom domain names, so the
 * rules are kept and listed but route nothing.
 */
public final class RoutingRuleApi {

    static final String RULE = "routingRule";

    private final DomainNameService domains;
    private final V2Items items;
    private final V2Docs docs;
    private final ObjectMapper json;

    RoutingRuleApi(DomainNameService domains, V2Items items, V2Docs docs, ObjectMapper json) {
        this.domains = domains;
        this.items = items;
        this.docs = docs;
        this.json = json;
    }

    public CreateRoutingRuleResponse createRoutingRule(RequestContext ctx, CreateRoutingRuleRequest r) {
        return docs.read(call(() -> {
            String scope = scope(ctx, r.domainName());
            ObjectNode in = docs.tree(r);
            check(scope, in, null);
            String id = items.childId();
            ObjectNode doc = json.createObjectNode();
            doc.set("actions", in.get("actions"));
            doc.set("conditions", in.get("conditions"));
            doc.put("priority", in.get("priority").asInt());
            doc.put("routingRuleArn", "arn:aws:apigateway:" + ctx.region() + ":" + ctx.accountId() + ":/domainnames/" + r.domainName()
                    + "/routingrules/" + id);
            doc.put("routingRuleId", id);
            items.insert(RULE, scope, id, doc, "Routing rule exists");
            return doc;
        }), CreateRoutingRuleResponse.class);
    }

    public GetRoutingRuleResponse getRoutingRule(RequestContext ctx, GetRoutingRuleRequest r) {
        return docs.read(call(() -> items.get(RULE, scope(ctx, r.domainName()), r.routingRuleId(), "RoutingRule")), GetRoutingRuleResponse.class);
    }

    public ListRoutingRulesResponse listRoutingRules(RequestContext ctx, ListRoutingRulesRequest r) {
        return call(() -> {
            Paging.Page page = Paging.of(items.list(RULE, scope(ctx, r.domainName())).stream()
                            .sorted(java.util.Comparator.comparingInt(n -> n.path("priority").asInt())).toList(),
                    r.nextToken(), r.maxResults() == null ? null : r.maxResults().toString());
            ObjectNode out = json.createObjectNode();
            out.putArray("routingRules").addAll(page.items());
            if (page.nextToken() != null) {
                out.put("nextToken", page.nextToken());
            }
            return docs.read(out, ListRoutingRulesResponse.class);
        });
    }

    public PutRoutingRuleResponse putRoutingRule(RequestContext ctx, PutRoutingRuleRequest r) {
        return docs.read(call(() -> {
            String scope = scope(ctx, r.domainName());
            ObjectNode doc = items.get(RULE, scope, r.routingRuleId(), "RoutingRule");
            ObjectNode in = docs.tree(r);
            check(scope, in, r.routingRuleId());
            doc.set("actions", in.get("actions"));
            doc.set("conditions", in.get("conditions"));
            doc.put("priority", in.get("priority").asInt());
            items.replace(RULE, scope, r.routingRuleId(), doc);
            return doc;
        }), PutRoutingRuleResponse.class);
    }

    public DeleteRoutingRuleResponse deleteRoutingRule(RequestContext ctx, DeleteRoutingRuleRequest r) {
        run(() -> items.delete(RULE, scope(ctx, r.domainName()), r.routingRuleId(), "RoutingRule"));
        return DeleteRoutingRuleResponse.builder().build();
    }

    private String scope(RequestContext ctx, String domain) {
        domains.get(ctx.accountId(), ctx.region(), domain);
        return "rules:" + ctx.accountId() + ":" + ctx.region() + ":" + domain;
    }

    private void check(String scope, ObjectNode in, String self) {
        if (!in.path("actions").isArray() || in.path("actions").isEmpty()) {
            throw ApiGatewayException.badRequest("Actions is required");
        }
        if (!in.path("conditions").isArray()) {
            throw ApiGatewayException.badRequest("Conditions is required");
        }
        int priority = in.path("priority").asInt(0);
        if (priority < 1 || priority > 1_000_000) {
            throw ApiGatewayException.badRequest("Priority must be between 1 and 1000000");
        }
        if (items.firstWhere(RULE, scope, o -> o.path("priority").asInt() == priority && !o.path("routingRuleId").asText().equals(self)).isPresent()) {
            throw ApiGatewayException.conflict("A routing rule with priority " + priority + " already exists for this domain name");
        }
    }
}
