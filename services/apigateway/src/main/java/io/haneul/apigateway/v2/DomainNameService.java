package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;

/**
 * Custom domain names and their API mappings. A domain name's configuration gets the target
 * domain AWS would give it ({@code d-xxxxxxxxxx.execute-api.{region}.amazonaws.com}); a mapping must
 * name an API and stage of the same account.
 */
final class DomainNameService {

    static final String DOMAIN = "domainName";
    static final String MAPPING = "apiMapping";

    private final V2Items items;

    DomainNameService(V2Items items) {
        this.items = items;
    }

    ObjectNode create(String account, String region, ObjectNode in) {
        String name = V2Items.require(in, "domainName", "DomainName is required");
        ObjectNode doc = in.deepCopy();
        doc.put("apiMappingSelectionExpression", "$request.basepath");
        for (JsonNode c : doc.withArray("domainNameConfigurations")) {
            ObjectNode config = (ObjectNode) c;
            config.put("apiGatewayDomainName", "d-" + items.childId() + "abc.execute-api." + region + ".amazonaws.com");
            config.put("hostedZoneId", "Z1UJRXOUMOOFQ8");
            config.put("domainNameStatus", "AVAILABLE");
            if (!config.has("endpointType")) {
                config.put("endpointType", "REGIONAL");
            }
            if (!config.has("securityPolicy")) {
                config.put("securityPolicy", "TLS_1_2");
            }
        }
        V2Items.tags(doc);
        items.insert(DOMAIN, V2Items.owner(account, region), name, doc, "The domain name you provided already exists.");
        return doc;
    }

    ObjectNode get(String account, String region, String name) {
        return items.store().find(DOMAIN, V2Items.owner(account, region), name == null ? "" : name)
                .orElseThrow(() -> ApiGatewayException.notFound("The domain name resource specified in the request was not found."));
    }

    List<ObjectNode> list(String account, String region) {
        return items.list(DOMAIN, V2Items.owner(account, region));
    }

    ObjectNode update(String account, String region, String name, ObjectNode in) {
        ObjectNode doc = get(account, region, name);
        in.remove("domainName");
        V2Items.merge(doc, in);
        items.replace(DOMAIN, V2Items.owner(account, region), name, doc);
        return doc;
    }

    void delete(String account, String region, String name) {
        get(account, region, name);
        items.store().delete(DOMAIN, V2Items.owner(account, region), name);
        items.store().deleteScope(mappings(account, region, name));
        items.store().deleteScope("rules:" + account + ":" + region + ":" + name);
    }

    // API mappings

    ObjectNode createMapping(String account, String region, String domain, ObjectNode in) {
        get(account, region, domain);
        checkMapping(account, region, in);
        String scope = mappings(account, region, domain);
        String key = in.path("apiMappingKey").asText("");
        if (items.firstWhere(MAPPING, scope, m -> m.path("apiMappingKey").asText("").equals(key)).isPresent()) {
            throw ApiGatewayException.conflict("The API mapping already exists for this domain name and key.");
        }
        String id = items.childId();
        ObjectNode doc = in.objectNode();
        doc.put("apiMappingId", id);
        doc.setAll(in);
        items.insert(MAPPING, scope, id, doc, "The API mapping already exists.");
        return doc;
    }

    ObjectNode getMapping(String account, String region, String domain, String id) {
        get(account, region, domain);
        return items.get(MAPPING, mappings(account, region, domain), id, "ApiMapping");
    }

    List<ObjectNode> mappingList(String account, String region, String domain) {
        get(account, region, domain);
        return items.list(MAPPING, mappings(account, region, domain));
    }

    ObjectNode updateMapping(String account, String region, String domain, String id, ObjectNode in) {
        ObjectNode doc = V2Items.merge(getMapping(account, region, domain, id), in);
        checkMapping(account, region, doc);
        items.replace(MAPPING, mappings(account, region, domain), id, doc);
        return doc;
    }

    void deleteMapping(String account, String region, String domain, String id) {
        getMapping(account, region, domain, id);
        items.store().delete(MAPPING, mappings(account, region, domain), id);
    }

    private void checkMapping(String account, String region, ObjectNode m) {
        String apiId = V2Items.require(m, "apiId", "ApiId is required");
        String stage = V2Items.require(m, "stage", "Stage is required");
        items.api(account, region, apiId);
        items.get(HttpApiService.STAGE, apiId, stage, "Stage");
    }

    private static String mappings(String account, String region, String domain) {
        return "domain:" + account + ":" + region + ":" + domain;
    }
}
