package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags by ARN: an API, a stage, a domain name, a VPC link, a portal or a portal product keeps its
 * tags in its own document (portal ARNs name their account: {@code arn:aws:apigateway:{region}:{account}:/portals/{id}}).
 */
final class TagService {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::/(apis/([^/]+)(?:/stages/([^/]+))?|domainnames/([^/]+)|vpclinks/([^/]+))");

    private static final Pattern PORTAL_ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(\\d{12}):/(portals|portalproducts)/([a-z0-9]+)");

    private final V2Items items;

    TagService(V2Items items) {
        this.items = items;
    }

    Map<String, String> retag(String account, String region, String arn, Map<String, String> add, List<String> remove) {
        Matcher portal = PORTAL_ARN.matcher(arn == null ? "" : arn);
        if (portal.matches()) {
            if (!portal.group(1).equals(region) || !portal.group(2).equals(account)) {
                throw ApiGatewayException.notFound("Invalid resource identifier specified " + arn);
            }
            return retag(portal.group(3).equals("portals") ? PortalService.PORTAL : PortalProductService.PRODUCT, V2Items.owner(account, region),
                    portal.group(4), arn, add, remove);
        }
        Matcher m = ARN.matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            throw ApiGatewayException.badRequest("Invalid ARN specified in the request: " + arn);
        }
        if (!m.group(1).equals(region)) {
            throw ApiGatewayException.notFound("Invalid resource identifier specified " + arn);
        }
        String kind;
        String scope;
        String id;
        if (m.group(4) != null) {
            items.api(account, region, m.group(3));
            kind = HttpApiService.STAGE;
            scope = m.group(3);
            id = m.group(4);
        } else if (m.group(3) != null) {
            kind = V2Items.API;
            scope = V2Items.owner(account, region);
            id = m.group(3);
        } else if (m.group(5) != null) {
            kind = DomainNameService.DOMAIN;
            scope = V2Items.owner(account, region);
            id = m.group(5);
        } else {
            kind = VpcLinkApi.VPC_LINK;
            scope = V2Items.owner(account, region);
            id = m.group(6);
        }
        return retag(kind, scope, id, arn, add, remove);
    }

    private Map<String, String> retag(String kind, String scope, String id, String arn, Map<String, String> add, List<String> remove) {
        ObjectNode doc = items.store().find(kind, scope, id)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid resource identifier specified " + arn));
        ObjectNode tags = V2Items.tags(doc);
        if (!add.isEmpty() || !remove.isEmpty()) {
            add.forEach(tags::put);
            remove.forEach(tags::remove);
            items.replace(kind, scope, id, doc);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : tags.properties()) {
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
