package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.v2.store.V2Store;
import org.eclipse.jetty.util.StringUtil;

import java.util.List;
import java.util.Optional;

/**
 * A published portal as one plain HTML page: its display name, description and theme colours, then
 * each included product with its pages (title and body, the Markdown shown as text) and its REST
 * endpoint pages ({@code METHOD /path}, operation name, body). No search, sign-in or "try it": the
 * page lets a team see what it publishes, nothing more. A portal that is not published has no page.
 */
public final class PortalSite {

    private final V2Store store;

    public PortalSite(V2Store store) {
        this.store = store;
    }

    /** The page of a published portal, or empty for a portal that does not exist or is not published. */
    public Optional<String> page(String portalId) {
        Optional<V2Store.Row> row = store.findAnywhere(PortalService.PORTAL, portalId);
        if (row.isEmpty() || !"PUBLISHED".equals(row.get().doc().path("publishStatus").asText())) {
            return Optional.empty();
        }
        ObjectNode portal = row.get().doc();
        JsonNode content = portal.path("portalContent");
        JsonNode colors = content.path("theme").path("customColors");
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc(content.path("displayName").asText())).append("</title>\n<style>body{background:")
                .append(css(colors.path("backgroundColor"))).append(";color:").append(css(colors.path("textColor")))
                .append(";font-family:sans-serif;margin:0}header{background:").append(css(colors.path("headerColor")))
                .append(";padding:1em}h2,h3{color:").append(css(colors.path("accentColor")))
                .append("}main{padding:1em}pre{white-space:pre-wrap}</style></head>\n<body><header><h1>")
                .append(esc(content.path("displayName").asText())).append("</h1><p>").append(esc(content.path("description").asText("")))
                .append("</p></header>\n<main>\n");
        for (JsonNode arn : portal.path("includedPortalProductArns")) {
            String productId = arn.asText().substring(arn.asText().lastIndexOf('/') + 1);
            store.find(PortalProductService.PRODUCT, row.get().scope(), productId).ifPresent(p -> product(out, p, productId));
        }
        return Optional.of(out.append("</main></body></html>\n").toString());
    }

    private void product(StringBuilder out, ObjectNode product, String id) {
        out.append("<section class=\"product\"><h2>").append(esc(product.path("displayName").asText())).append("</h2><p>")
                .append(esc(product.path("description").asText(""))).append("</p>\n");
        List<ObjectNode> pages = store.list(PortalProductService.PAGE, "portalproduct/" + id);
        for (ObjectNode page : pages) {
            out.append("<article class=\"page\"><h3>").append(esc(page.path("displayContent").path("title").asText())).append("</h3><pre>")
                    .append(esc(page.path("displayContent").path("body").asText())).append("</pre></article>\n");
        }
        for (ObjectNode endpoint : store.list(PortalProductService.ENDPOINT_PAGE, "portalproduct/" + id)) {
            JsonNode d = endpoint.path("displayContent");
            out.append("<article class=\"endpoint\"><h3><code>").append(esc(d.path("endpoint").asText())).append("</code> ")
                    .append(esc(d.path("operationName").asText(""))).append("</h3><pre>").append(esc(d.path("body").asText("")))
                    .append("</pre></article>\n");
        }
        out.append("</section>\n");
    }

    private static String esc(String text) {
        return StringUtil.sanitizeXmlString(text);
    }

    /** A theme colour as CSS: the stored value when it is a hex colour (validated on create), else inherit. */
    private static String css(JsonNode color) {
        String c = color.asText("");
        return c.matches("#?[0-9a-fA-F]{3,8}") ? (c.startsWith("#") ? c : "#" + c) : "inherit";
    }
}
