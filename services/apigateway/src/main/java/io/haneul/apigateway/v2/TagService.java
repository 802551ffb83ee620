package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tags by ARN: an API, a stage, a domain name or a VPC link keeps its tags in its own document. */
final class TagService {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::/(apis/([^/]+)(?:/stages/([^/]+))?|domainnames/([^/]+)|vpclinks/([^/]+))");

    private final V2Items items;

    TagService(V2Items items) {
        this.items = items;
    }

    Map<String, String> retag(String account, String region, String arn, Map<String, String> add, List<String> remove) {
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
