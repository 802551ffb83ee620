package io.haneul.apigateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;

/**
 * Portal products (what a portal lists), their sharing policy, and their two kinds of page: product
 * pages (a title and a Markdown body) and REST endpoint pages (one method of a deployed REST API,
 * named by {@code restApiId/stage/method/path}, with optional display overrides). Pages live under
 * their product (scope {@code portalproduct/{id}}) and go with it.
 */
final class PortalProductService {

    static final String PRODUCT = "portalProduct";
    static final String POLICY = "portalProductPolicy";
    static final String PAGE = "productPage";
    static final String ENDPOINT_PAGE = "productRestEndpointPage";

    private final V2Items items;
    private final ObjectMapper json;

    PortalProductService(V2Items items, ObjectMapper json) {
        this.items = items;
        this.json = json;
    }

    ObjectNode create(String account, String region, ObjectNode in) {
        String id = items.longId();
        ObjectNode doc = in.objectNode().put("portalProductId", id).put("portalProductArn", arn(region, account, id));
        doc.put("description", in.path("description").asText(""));
        doc.put("displayName", in.path("displayName").asText());
        doc.putObject("displayOrder").putArray("contents");
        doc.put("lastModified", items.now());
        doc.set("tags", in.has("tags") ? in.get("tags") : in.objectNode());
        items.insert(PRODUCT, V2Items.owner(account, region), id, doc, "Portal product " + id + " already exists");
        return doc;
    }

    ObjectNode get(String account, String region, String id) {
        return items.get(PRODUCT, V2Items.owner(account, region), id, "PortalProduct");
    }

    List<ObjectNode> list(String account, String region) {
        return items.list(PRODUCT, V2Items.owner(account, region));
    }

    ObjectNode update(String account, String region, String id, ObjectNode in) {
        ObjectNode doc = get(account, region, id);
        if (in.has("displayOrder")) {
            checkDisplayOrder(doc, in.get("displayOrder"));
            doc.set("displayOrder", in.get("displayOrder"));
        }
        for (String m : List.of("description", "displayName")) {
            if (in.has(m)) {
                doc.set(m, in.get(m));
            }
        }
        doc.put("lastModified", items.now());
        items.replace(PRODUCT, V2Items.owner(account, region), id, doc);
        return doc;
    }

    void delete(String account, String region, String id) {
        get(account, region, id);
        items.store().delete(PRODUCT, V2Items.owner(account, region), id);
        items.store().delete(POLICY, V2Items.owner(account, region), id);
        items.store().deleteScope(scope(id));
    }

    /** An ARN a portal includes must name one of the account's products. */
    void requireArn(String account, String region, String arn) {
        String prefix = "arn:aws:apigateway:" + region + ":" + account + ":/portalproducts/";
        if (!arn.startsWith(prefix) || items.store().find(PRODUCT, V2Items.owner(account, region), arn.substring(prefix.length())).isEmpty()) {
            throw ApiGatewayException.notFound("Portal product not found: " + arn);
        }
    }

    // sharing policy

    void putPolicy(String account, String region, String id, String policy) {
        get(account, region, id);
        try {
            if (!json.readTree(policy).isObject()) {
                throw ApiGatewayException.badRequest("PolicyDocument must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw ApiGatewayException.badRequest("Invalid policy document: not JSON");
        }
        ObjectNode doc = json.createObjectNode().put("portalProductId", id).put("policyDocument", policy);
        String owner = V2Items.owner(account, region);
        if (!items.store().insert(POLICY, owner, id, doc)) {
            items.replace(POLICY, owner, id, doc);
        }
    }

    ObjectNode policy(String account, String region, String id) {
        get(account, region, id);
        return items.get(POLICY, V2Items.owner(account, region), id, "PortalProductSharingPolicy");
    }

    void deletePolicy(String account, String region, String id) {
        policy(account, region, id);
        items.store().delete(POLICY, V2Items.owner(account, region), id);
    }

    // product pages

    ObjectNode createPage(String account, String region, String productId, ObjectNode in) {
        get(account, region, productId);
        String id = items.longId();
        ObjectNode doc = in.objectNode().put("productPageId", id)
                .put("productPageArn", arn(region, account, productId) + "/productpages/" + id);
        doc.set("displayContent", in.get("displayContent"));
        doc.put("lastModified", items.now());
        items.insert(PAGE, scope(productId), id, doc, "Product page " + id + " already exists");
        return doc;
    }

    ObjectNode page(String account, String region, String productId, String id) {
        get(account, region, productId);
        return items.get(PAGE, scope(productId), id, "ProductPage");
    }

    List<ObjectNode> pages(String account, String region, String productId) {
        get(account, region, productId);
        return items.list(PAGE, scope(productId));
    }

    ObjectNode updatePage(String account, String region, String productId, String id, ObjectNode in) {
        ObjectNode doc = page(account, region, productId, id);
        if (in.has("displayContent")) {
            doc.set("displayContent", in.get("displayContent"));
        }
        doc.put("lastModified", items.now());
        items.replace(PAGE, scope(productId), id, doc);
        return doc;
    }

    void deletePage(String account, String region, String productId, String id) {
        page(account, region, productId, id);
        items.store().delete(PAGE, scope(productId), id);
    }

    // REST endpoint pages

    ObjectNode createEndpointPage(String account, String region, String productId, ObjectNode in) {
        get(account, region, productId);
        JsonNode parts = in.path("restEndpointIdentifier").path("identifierParts");
        if (!parts.isObject()) {
            throw ApiGatewayException.badRequest("RestEndpointIdentifier must specify IdentifierParts");
        }
        if (!items.store().restApiExists(parts.path("restApiId").asText(""))) {
            throw ApiGatewayException.notFound("Invalid REST API identifier specified " + parts.path("restApiId").asText(""));
        }
        String id = items.longId();
        ObjectNode doc = in.objectNode().put("productRestEndpointPageId", id)
                .put("productRestEndpointPageArn", arn(region, account, productId) + "/productrestendpointpages/" + id);
        doc.set("restEndpointIdentifier", in.get("restEndpointIdentifier"));
        doc.set("displayContent", display(in.path("displayContent"), parts));
        doc.put("tryItState", in.path("tryItState").asText("DISABLED"));
        doc.put("status", "AVAILABLE");
        doc.put("lastModified", items.now());
        items.insert(ENDPOINT_PAGE, scope(productId), id, doc, "Product REST endpoint page " + id + " already exists");
        return doc;
    }

    ObjectNode endpointPage(String account, String region, String productId, String id) {
        get(account, region, productId);
        return items.get(ENDPOINT_PAGE, scope(productId), id, "ProductRestEndpointPage");
    }

    /** The list shape carries no body: the endpoint and operation name come up from the display content. */
    List<ObjectNode> endpointPages(String account, String region, String productId) {
        get(account, region, productId);
        return items.list(ENDPOINT_PAGE, scope(productId)).stream().map(p -> {
            ObjectNode s = p.deepCopy();
            JsonNode display = s.remove("displayContent");
            s.set("endpoint", display.get("endpoint"));
            if (display.has("operationName")) {
                s.set("operationName", display.get("operationName"));
            }
            return s;
        }).toList();
    }

    ObjectNode updateEndpointPage(String account, String region, String productId, String id, ObjectNode in) {
        ObjectNode doc = endpointPage(account, region, productId, id);
        if (in.has("displayContent")) {
            doc.set("displayContent", display(in.get("displayContent"), doc.path("restEndpointIdentifier").path("identifierParts")));
        }
        if (in.has("tryItState")) {
            doc.set("tryItState", in.get("tryItState"));
        }
        doc.put("lastModified", items.now());
        items.replace(ENDPOINT_PAGE, scope(productId), id, doc);
        return doc;
    }

    void deleteEndpointPage(String account, String region, String productId, String id) {
        endpointPage(account, region, productId, id);
        items.store().delete(ENDPOINT_PAGE, scope(productId), id);
    }

    /** Page titles for the list shape (no body). */
    static List<ObjectNode> pageSummaries(List<ObjectNode> pages) {
        return pages.stream().map(p -> {
            ObjectNode s = p.deepCopy();
            JsonNode display = s.remove("displayContent");
            s.set("pageTitle", display.get("title"));
            return s;
        }).toList();
    }

    /** {@code None} shows the method as it is ({@code METHOD /path}); {@code Overrides} replaces what it names. */
    private ObjectNode display(JsonNode request, JsonNode parts) {
        int set = (request.has("none") ? 1 : 0) + (request.has("overrides") ? 1 : 0);
        if (request.isObject() && request.size() > 0 && set != 1) {
            throw ApiGatewayException.badRequest("DisplayContent must specify exactly one of None or Overrides");
        }
        ObjectNode out = json.createObjectNode();
        JsonNode o = request.path("overrides");
        out.put("endpoint", o.path("endpoint").asText(parts.path("method").asText() + " " + parts.path("path").asText()));
        if (o.has("operationName")) {
            out.set("operationName", o.get("operationName"));
        }
        if (o.has("body")) {
            out.set("body", o.get("body"));
        }
        return out;
    }

    /** Display order names pages of this product only. */
    private void checkDisplayOrder(ObjectNode product, JsonNode order) {
        String prefix = product.path("portalProductArn").asText() + "/";
        for (JsonNode arn : order.findValues("overviewPageArn")) {
            requirePrefix(prefix, arn);
        }
        for (JsonNode list : order.findValues("productPageArns")) {
            list.forEach(a -> requirePrefix(prefix, a));
        }
        for (JsonNode list : order.findValues("productRestEndpointPageArns")) {
            list.forEach(a -> requirePrefix(prefix, a));
        }
    }

    private static void requirePrefix(String prefix, JsonNode arn) {
        if (!arn.asText().startsWith(prefix)) {
            throw ApiGatewayException.badRequest("Page " + arn.asText() + " does not belong to this portal product");
        }
    }

    static String arn(String region, String account, String id) {
        return "arn:aws:apigateway:" + region + ":" + account + ":/portalproducts/" + id;
    }

    private static String scope(String productId) {
        return "portalproduct/" + productId;
    }
}
