package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;

/**
 * Developer portals (2025 API): a portal is a branded collection of portal products. A new portal is
 * {@code DISABLED}; publishing and previewing are immediate here (AWS takes minutes behind
 * CloudFront), so a publish goes straight to {@code PUBLISHED} and a preview to {@code PREVIEW_READY}.
 * A published portal must be disabled before it can be deleted, as in AWS.
 */
final class PortalService {

    static final String PORTAL = "portal";
    /** CloudFront's hosted zone, the alias target AWS hands out for every portal domain. */
    static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

    private final V2Items items;
    private final PortalProductService products;

    PortalService(V2Items items, PortalProductService products) {
        this.items = items;
        this.products = products;
    }

    ObjectNode create(String account, String region, ObjectNode in) {
        checkAuthorization(in.path("authorization"));
        checkContent(in.path("portalContent"));
        String id = items.longId();
        ObjectNode doc = in.objectNode().put("portalId", id).put("portalArn", arn(region, account, id));
        doc.set("authorization", in.get("authorization"));
        doc.set("endpointConfiguration", endpoint(id, region, in.path("endpointConfiguration")));
        doc.set("includedPortalProductArns", productArns(account, region, in.path("includedPortalProductArns")));
        doc.put("lastModified", items.now());
        copy(in, doc, "logoUri", "rumAppMonitorName");
        doc.set("portalContent", in.get("portalContent"));
        doc.put("publishStatus", "DISABLED");
        doc.set("tags", in.has("tags") ? in.get("tags") : in.objectNode());
        items.insert(PORTAL, V2Items.owner(account, region), id, doc, "Portal " + id + " already exists");
        return doc;
    }

    ObjectNode get(String account, String region, String id) {
        return items.get(PORTAL, V2Items.owner(account, region), id, "Portal");
    }

    List<ObjectNode> list(String account, String region) {
        return items.list(PORTAL, V2Items.owner(account, region));
    }

    ObjectNode update(String account, String region, String id, ObjectNode in) {
        ObjectNode doc = get(account, region, id);
        if (in.has("authorization")) {
            checkAuthorization(in.get("authorization"));
            doc.set("authorization", in.get("authorization"));
        }
        if (in.has("portalContent")) {
            checkContent(in.get("portalContent"));
            doc.set("portalContent", in.get("portalContent"));
        }
        if (in.has("endpointConfiguration")) {
            doc.set("endpointConfiguration", endpoint(id, region, in.get("endpointConfiguration")));
        }
        if (in.has("includedPortalProductArns")) {
            doc.set("includedPortalProductArns", productArns(account, region, in.get("includedPortalProductArns")));
        }
        copy(in, doc, "logoUri", "rumAppMonitorName");
        doc.put("lastModified", items.now());
        save(account, region, doc);
        return doc;
    }

    void delete(String account, String region, String id) {
        ObjectNode doc = get(account, region, id);
        if (!"DISABLED".equals(doc.path("publishStatus").asText())) {
            throw ApiGatewayException.conflict("Portal " + id + " must be disabled before it can be deleted");
        }
        items.store().delete(PORTAL, V2Items.owner(account, region), id);
    }

    void publish(String account, String region, String id, String description) {
        ObjectNode doc = get(account, region, id);
        doc.put("publishStatus", "PUBLISHED");
        doc.put("lastPublished", items.now());
        if (description != null) {
            doc.put("lastPublishedDescription", description);
        } else {
            doc.remove("lastPublishedDescription");
        }
        save(account, region, doc);
    }

    void disable(String account, String region, String id) {
        ObjectNode doc = get(account, region, id);
        if (!"PUBLISHED".equals(doc.path("publishStatus").asText())) {
            throw ApiGatewayException.conflict("Portal " + id + " is not published");
        }
        doc.put("publishStatus", "DISABLED");
        save(account, region, doc);
    }

    void preview(String account, String region, String id) {
        ObjectNode doc = get(account, region, id);
        doc.putObject("preview").put("previewStatus", "PREVIEW_READY")
                .put("previewUrl", "https://" + doc.path("endpointConfiguration").path("portalDefaultDomainName").asText() + "/preview");
        save(account, region, doc);
    }

    private void save(String account, String region, ObjectNode doc) {
        items.replace(PORTAL, V2Items.owner(account, region), doc.path("portalId").asText(), doc);
    }

    static String arn(String region, String account, String id) {
        return "arn:aws:apigateway:" + region + ":" + account + ":/portals/" + id;
    }

    /** Exactly one of {@code cognitoConfig} and {@code none}, as AWS's union. */
    private static void checkAuthorization(JsonNode auth) {
        int set = (auth.has("cognitoConfig") ? 1 : 0) + (auth.has("none") ? 1 : 0);
        if (set != 1) {
            throw ApiGatewayException.badRequest("Authorization must specify exactly one of CognitoConfig or None");
        }
        JsonNode cognito = auth.path("cognitoConfig");
        if (auth.has("cognitoConfig") && !cognito.path("userPoolArn").asText("").startsWith("arn:")) {
            throw ApiGatewayException.badRequest("Invalid UserPoolArn");
        }
    }

    private static void checkContent(JsonNode content) {
        String name = content.path("displayName").asText("");
        if (name.length() < 3 || name.length() > 255) {
            throw ApiGatewayException.badRequest("PortalContent.DisplayName must be between 3 and 255 characters");
        }
        JsonNode colors = content.path("theme").path("customColors");
        for (String c : List.of("accentColor", "backgroundColor", "errorValidationColor", "headerColor", "navigationColor", "textColor")) {
            if (!colors.path(c).asText("").matches("#?[0-9a-fA-F]{3,8}")) {
                throw ApiGatewayException.badRequest("Invalid color for " + c + ": " + colors.path(c).asText(""));
            }
        }
    }

    /** The request's AcmManaged or None as the response's shape: the default domain always, the custom one when given. */
    private static ObjectNode endpoint(String id, String region, JsonNode request) {
        int set = (request.has("acmManaged") ? 1 : 0) + (request.has("none") ? 1 : 0);
        if (set != 1) {
            throw ApiGatewayException.badRequest("EndpointConfiguration must specify exactly one of AcmManaged or None");
        }
        ObjectNode out = ((ObjectNode) request).objectNode();
        JsonNode acm = request.path("acmManaged");
        if (acm.isObject()) {
            if (!acm.path("certificateArn").asText("").startsWith("arn:aws:acm:us-east-1:")) {
                throw ApiGatewayException.badRequest("The certificate must be an ACM certificate in us-east-1");
            }
            out.put("certificateArn", acm.path("certificateArn").asText());
            out.put("domainName", acm.path("domainName").asText());
        }
        out.put("portalDefaultDomainName", "p-" + id + ".apigw-portal." + region + ".on.aws");
        out.put("portalDomainHostedZoneId", CLOUDFRONT_ZONE);
        return out;
    }

    private JsonNode productArns(String account, String region, JsonNode arns) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (JsonNode arn : arns) {
            products.requireArn(account, region, arn.asText());
            out.add(arn.asText());
        }
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String... members) {
        for (String m : members) {
            if (from.has(m)) {
                to.set(m, from.get(m));
            }
        }
    }
}
