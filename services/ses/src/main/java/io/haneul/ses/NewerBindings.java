package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.IdentityInfo;
import software.amazon.awssdk.services.sesv2.model.ListConfigurationSetsResponse;
import software.amazon.awssdk.services.sesv2.model.ListEmailIdentitiesResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The SES v2 bindings of current SDKs (botocore 1.43.10x, SDK for Java v2 2.57.x) for operations the
 * shipped model (and the SDK Haneul is built with) binds differently: ListConfigurationSets as
 * {@code POST /v2/email/list-configuration-sets} and ListEmailIdentities as
 * {@code POST /v2/email/list-identities}, with {@code NextToken}, {@code PageSize} and the newer
 * {@code Filter} in a JSON body instead of the query string. Clients of every age must work, so the
 * older {@code GET} routes stay the model's and these are answered here, before the engine looks the
 * operation up, by the same provider code. {@code NewestBindingsIT} fails when a newer model binds
 * another operation differently and nothing here answers it.
 *
 * <p>Also the members the shipped model has and the SDK classes Haneul is built with (2.40) lack, which
 * the engine therefore cannot carry: the {@code Tags} of CreateEmailTemplate and GetEmailTemplate.
 */
final class NewerBindings {

    static final String LIST_CONFIGURATION_SETS = "/v2/email/list-configuration-sets";
    static final String LIST_IDENTITIES = "/v2/email/list-identities";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SET_FILTERS = Set.of("CONFIGURATION_SET_NAME_CONTAINS");
    private static final Set<String> IDENTITY_FILTERS = Set.of("IDENTITY_NAME_CONTAINS", "IDENTITY_TYPE", "VERIFICATION_STATUS");

    private final SesV2Provider provider;

    NewerBindings(SesV2Provider provider) {
        this.provider = provider;
    }

    static final String TEMPLATES = "/v2/email/templates";

    /** The answer to a newer binding, or null for every other request. */
    WireResponse answer(RequestContext ctx, WireRequest request) {
        String path = request.rawPath();
        if ("GET".equals(request.method()) && path.startsWith(TEMPLATES + "/") && path.indexOf('/', TEMPLATES.length() + 1) < 0) {
            String name;
            try {
                name = java.net.URLDecoder.decode(path.substring(TEMPLATES.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null; // a bad percent-escape: the engine's router answers it as for any other path
            }
            return template(ctx, name);
        }
        if (!"POST".equals(request.method())) {
            return null;
        }
        if (path.equals(TEMPLATES)) {
            return createTemplateWithTags(ctx, request);
        }
        if (!path.equals(LIST_CONFIGURATION_SETS) && !path.equals(LIST_IDENTITIES)) {
            return null;
        }
        JsonNode body = body(ctx, request);
        String token = text(body, "NextToken");
        Integer pageSize = pageSize(body);
        ObjectNode out = JSON.createObjectNode();
        if (path.equals(LIST_CONFIGURATION_SETS)) {
            Map<String, String> filter = filter(body, SET_FILTERS);
            ListConfigurationSetsResponse r = provider.listConfigurationSets(ctx, token, pageSize, filter);
            if (!r.configurationSets().isEmpty()) {
                ArrayNode names = out.putArray("ConfigurationSets");
                r.configurationSets().forEach(names::add);
            }
            putIfPresent(out, "NextToken", r.nextToken());
        } else {
            Map<String, String> filter = filter(body, IDENTITY_FILTERS);
            ListEmailIdentitiesResponse r = provider.listEmailIdentities(ctx, token, pageSize, filter);
            if (!r.emailIdentities().isEmpty()) {
                ArrayNode list = out.putArray("EmailIdentities");
                for (IdentityInfo i : r.emailIdentities()) {
                    list.addObject().put("IdentityType", i.identityTypeAsString()).put("IdentityName", i.identityName())
                            .put("SendingEnabled", i.sendingEnabled()).put("VerificationStatus", i.verificationStatusAsString());
                }
            }
            putIfPresent(out, "NextToken", r.nextToken());
        }
        return json(out);
    }

    /** CreateEmailTemplate carrying {@code Tags}; without them the engine answers it as usual. */
    private WireResponse createTemplateWithTags(RequestContext ctx, WireRequest request) {
        byte[] bytes = request.body();
        if (bytes == null || bytes.length == 0 || ctx.body() != null) {
            return null;
        }
        JsonNode body = body(ctx, request);
        JsonNode tagsNode = body.get("Tags");
        if (tagsNode == null || tagsNode.isNull()) {
            return null;
        }
        if (!tagsNode.isArray()) {
            throw SesException.invalid("Tags must be a list.");
        }
        java.util.List<software.amazon.awssdk.services.sesv2.model.Tag> tags = new java.util.ArrayList<>();
        for (JsonNode t : tagsNode) {
            if (!t.isObject() || !t.path("Key").isTextual() || !t.path("Value").isTextual()) {
                throw SesException.invalid("Each tag must have a Key and a Value.");
            }
            tags.add(software.amazon.awssdk.services.sesv2.model.Tag.builder().key(t.get("Key").asText()).value(t.get("Value").asText()).build());
        }
        String name = text(body, "TemplateName");
        if (name == null || name.isEmpty()) {
            throw SesException.invalid("TemplateName is required.");
        }
        JsonNode content = body.get("TemplateContent");
        if (content == null || !content.isObject()) {
            throw SesException.invalid("TemplateContent is required.");
        }
        ResourceTags.check(tags);
        provider.createEmailTemplate(ctx, software.amazon.awssdk.services.sesv2.model.CreateEmailTemplateRequest.builder().templateName(name)
                .templateContent(c -> c.subject(text(content, "Subject")).text(text(content, "Text")).html(text(content, "Html"))).build());
        provider.tags().put(Scope.of(ctx), Scope.of(ctx).arn("template/" + name), tags);
        return json(JSON.createObjectNode());
    }

    /** GetEmailTemplate with the template's {@code Tags}. */
    private WireResponse template(RequestContext ctx, String name) {
        var t = provider.getEmailTemplate(ctx, software.amazon.awssdk.services.sesv2.model.GetEmailTemplateRequest.builder()
                .templateName(name).build());
        ObjectNode out = JSON.createObjectNode();
        out.put("TemplateName", t.templateName());
        ObjectNode content = out.putObject("TemplateContent");
        putIfPresent(content, "Subject", t.templateContent().subject());
        putIfPresent(content, "Text", t.templateContent().text());
        putIfPresent(content, "Html", t.templateContent().html());
        var tags = provider.tags().list(Scope.of(ctx), Scope.of(ctx).arn("template/" + t.templateName()));
        if (!tags.isEmpty()) {
            ArrayNode list = out.putArray("Tags");
            tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
        }
        return json(out);
    }

    private static WireResponse json(ObjectNode out) {
        try {
            return WireResponse.of(200, "application/json", JSON.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(RequestContext ctx, WireRequest request) {
        byte[] bytes = request.body();
        if ((bytes == null || bytes.length == 0) && ctx.body() != null) {
            bytes = ctx.body().readAll();
        }
        if (bytes == null || bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (n == null || n.isMissingNode() || n.isNull()) {
                return JSON.createObjectNode();
            }
            if (!n.isObject()) {
                throw SesException.invalid("Request body must be a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw new SesException("InvalidParameterValue", "BadRequestException", "Invalid JSON in request body.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw SesException.invalid(field + " must be a string.");
        }
        return n.asText();
    }

    private static Integer pageSize(JsonNode body) {
        JsonNode n = body.get("PageSize");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw SesException.invalid("PageSize must be an integer.");
        }
        return n.asInt();
    }

    /** The {@code Filter} map, its keys checked against the model's enum. */
    private static Map<String, String> filter(JsonNode body, Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode f = body.get("Filter");
        if (f == null || f.isNull()) {
            return out;
        }
        if (!f.isObject()) {
            throw SesException.invalid("Filter must be a map.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!keys.contains(e.getKey())) {
                throw SesException.invalid("Invalid filter key " + e.getKey() + ". Valid keys: " + String.join(", ", keys.stream().sorted().toList()) + ".");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                throw SesException.invalid("The value of filter " + e.getKey() + " must be a non-empty string.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
