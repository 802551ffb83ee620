package io.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * restXml requests and answers of operations answered on documents
 * ({@link io.haneul.core.engine.DocumentOperations}), driven by the API model alone since no SDK class
 * describes them: the input document takes its members from URI labels, the query string, headers and
 * the XML body (or a payload member: a structure as the body's root, a blob or string as the raw body,
 * kept as bytes), named by the members' model names; the output document is written back the same
 * way (header members as headers, {@code statusCode} as the status, the rest as XML under the output's
 * root element). XML element names follow the model's {@code locationName}s, flattened lists and
 * maps, and the list member names ({@code member} by default).
 *
 * <p>Scalars in documents: strings and enums as text, integers and longs as numbers, booleans, blobs as
 * bytes (base64 in XML), timestamps as text as sent (a handler may answer one as epoch seconds: it is
 * written as ISO-8601 in XML and as an HTTP date in headers).
 */
final class XmlDocuments {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SafeXml xml = new SafeXml();

    /** The input document of a request routed to {@code inputShape} with these labels. */
    ObjectNode read(ServiceModel model, String inputShape, WireRequest request, Map<String, String> labels, Set<String> literalQuery) {
        ObjectNode input = NODES.objectNode();
        JsonNode shape = shape(model, inputShape);
        if (shape == null) {
            return input;
        }
        Map<String, List<String>> query = request.queryParameters();
        Set<String> boundQuery = new HashSet<>(literalQuery);
        String queryMap = null;
        boolean bodyMembers = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode member = e.getValue();
            String wire = member.path("locationName").asText(name);
            JsonNode target = shape(model, member.path("shape").asText());
            switch (member.path("location").asText("")) {
                case "uri" -> {
                    String v = labels.get(wire);
                    if (v != null) {
                        input.set(name, scalar(target, v, true));
                    }
                }
                case "querystring" -> {
                    if ("map".equals(type(target))) {
                        queryMap = name;
                        continue;
                    }
                    boundQuery.add(wire);
                    List<String> values = query.get(wire);
                    if (values != null) {
                        input.set(name, "list".equals(type(target)) ? array(model, target, values) : scalar(target, values.getFirst(), true));
                    }
                }
                case "header" -> {
                    List<String> values = request.headers().all(wire);
                    if (!values.isEmpty()) {
                        input.set(name, "list".equals(type(target))
                                ? array(model, target, splitCommas(values)) : scalar(target, values.getFirst(), true));
                    }
                }
                case "headers" -> {
                    String prefix = wire.toLowerCase(Locale.ROOT);
                    ObjectNode map = NODES.objectNode();
                    request.headers().forEach((h, v) -> {
                        if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                            map.put(h.toLowerCase(Locale.ROOT).substring(prefix.length()), v);
                        }
                    });
                    if (!map.isEmpty()) {
                        input.set(name, map);
                    }
                }
                case "statusCode" -> {
                }
                default -> bodyMembers |= !name.equals(shape.path("payload").asText(null));
            }
        }
        if (queryMap != null) {
            ObjectNode rest = NODES.objectNode();
            query.forEach((k, v) -> {
                if (!boundQuery.contains(k)) {
                    rest.put(k, v.getFirst());
                }
            });
            if (!rest.isEmpty()) {
                input.set(queryMap, rest);
            }
        }
        readBody(model, shape, request.body(), input, bodyMembers);
        return input;
    }

    private void readBody(ServiceModel model, JsonNode shape, byte[] body, ObjectNode input, boolean bodyMembers) {
        String payload = shape.path("payload").asText(null);
        if (payload != null) {
            JsonNode target = shape(model, shape.path("members").path(payload).path("shape").asText());
            switch (type(target)) {
                case "structure" -> {
                    if (body.length > 0) {
                        input.set(payload, struct(model, xml.parse(body).getDocumentElement(), target));
                    }
                }
                case "string" -> input.put(payload, new String(body, StandardCharsets.UTF_8));
                default -> input.put(payload, body);
            }
        } else if (bodyMembers && body.length > 0) {
            input.setAll(struct(model, xml.parse(body).getDocumentElement(), shape));
        }
    }

    private ObjectNode struct(ServiceModel model, Element element, JsonNode shape) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode member = e.getValue();
            if (member.has("location")) {
                continue;
            }
            JsonNode target = shape(model, member.path("shape").asText());
            String wire = member.path("locationName").asText(e.getKey());
            if (member.path("xmlAttribute").asBoolean(false)) {
                String v = element.getAttribute(wire);
                if (!v.isEmpty()) {
                    out.set(e.getKey(), scalar(target, v, false));
                }
                continue;
            }
            JsonNode value = switch (type(target)) {
                case "list" -> list(model, element, member, target, e.getKey());
                case "map" -> map(model, element, member, target, e.getKey());
                default -> {
                    Element child = first(element, wire);
                    yield child == null ? null : value(model, child, target);
                }
            };
            if (value != null) {
                out.set(e.getKey(), value);
            }
        }
        return out;
    }

    private JsonNode value(ServiceModel model, Element element, JsonNode shape) {
        return switch (type(shape)) {
            case "structure" -> struct(model, element, shape);
            case "list" -> {
                ArrayNode items = NODES.arrayNode();
                JsonNode itemShape = shape(model, shape.path("member").path("shape").asText());
                for (Element item : XmlStructReader.children(element, shape.path("member").path("locationName").asText("member"))) {
                    items.add(value(model, item, itemShape));
                }
                yield items;
            }
            default -> scalar(shape, element.getTextContent(), false);
        };
    }

    private ArrayNode list(ServiceModel model, Element parent, JsonNode member, JsonNode target, String name) {
        JsonNode itemShape = shape(model, target.path("member").path("shape").asText());
        List<Element> items;
        if (member.path("flattened").asBoolean(false) || target.path("flattened").asBoolean(false)) {
            items = XmlStructReader.children(parent, member.path("locationName").asText(target.path("member").path("locationName").asText(name)));
        } else {
            Element wrapper = first(parent, member.path("locationName").asText(name));
            if (wrapper == null) {
                return null;
            }
            items = XmlStructReader.children(wrapper, target.path("member").path("locationName").asText("member"));
        }
        if (items.isEmpty() && (member.path("flattened").asBoolean(false) || target.path("flattened").asBoolean(false))) {
            return null;
        }
        ArrayNode out = NODES.arrayNode();
        items.forEach(i -> out.add(value(model, i, itemShape)));
        return out;
    }

    private ObjectNode map(ServiceModel model, Element parent, JsonNode member, JsonNode target, String name) {
        boolean flattened = member.path("flattened").asBoolean(false) || target.path("flattened").asBoolean(false);
        String wire = member.path("locationName").asText(name);
        List<Element> entries;
        if (flattened) {
            entries = XmlStructReader.children(parent, wire);
        } else {
            Element wrapper = first(parent, wire);
            if (wrapper == null) {
                return null;
            }
            entries = XmlStructReader.children(wrapper, "entry");
        }
        if (entries.isEmpty() && flattened) {
            return null;
        }
        String keyName = target.path("key").path("locationName").asText("key");
        String valueName = target.path("value").path("locationName").asText("value");
        JsonNode valueShape = shape(model, target.path("value").path("shape").asText());
        ObjectNode out = NODES.objectNode();
        for (Element entry : entries) {
            Element k = first(entry, keyName);
            Element v = first(entry, valueName);
            if (k != null && v != null) {
                out.set(k.getTextContent(), value(model, v, valueShape));
            }
        }
        return out;
    }

    /** The answer for an output document: headers, status and XML body per the output shape. */
    WireResponse write(ServiceModel model, String outputShape, String rootElement, String namespace, int successCode, JsonNode output) {
        Headers headers = new Headers();
        JsonNode shape = shape(model, outputShape);
        if (shape == null || output == null || !output.isObject()) {
            return new WireResponse(successCode, headers, new byte[0]);
        }
        int status = successCode;
        boolean bodyMembers = false;
        String payload = shape.path("payload").asText(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode member = e.getValue();
            JsonNode value = output.get(e.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            String wire = member.path("locationName").asText(e.getKey());
            JsonNode target = shape(model, member.path("shape").asText());
            switch (member.path("location").asText("")) {
                case "header" -> headers.set(wire, value.isArray() ? joined(value) : text(target, value, true));
                case "headers" -> value.properties().forEach(h -> headers.set(wire + h.getKey(), h.getValue().asText()));
                case "statusCode" -> status = value.asInt();
                default -> bodyMembers |= !e.getKey().equals(payload);
            }
        }
        byte[] body = new byte[0];
        if (payload != null && output.hasNonNull(payload)) {
            JsonNode member = shape.path("members").path(payload);
            JsonNode target = shape(model, member.path("shape").asText());
            JsonNode value = output.get(payload);
            if ("structure".equals(type(target))) {
                String root = member.path("locationName").asText(target.path("locationName").asText(payload));
                XmlText x = new XmlText().declaration().open(root, namespace);
                writeMembers(model, x, value, target);
                body = x.close(root).toString().getBytes(StandardCharsets.UTF_8);
                headers.set("Content-Type", "application/xml");
            } else {
                body = bytes(value);
                if (!headers.has("Content-Type")) {
                    headers.set("Content-Type", "application/octet-stream");
                }
            }
        } else if (payload == null && bodyMembers) {
            XmlText x = new XmlText().declaration().open(rootElement, namespace);
            writeMembers(model, x, output, shape);
            body = x.close(rootElement).toString().getBytes(StandardCharsets.UTF_8);
            headers.set("Content-Type", "application/xml");
        }
        return new WireResponse(status, headers, body);
    }

    /**
     * An XML answer with members its writer did not know added ({@link io.haneul.core.engine.ExtendedResponse}):
     * {@code extra} is shaped as the output (a payload member's name first when the output has one); a member
     * whose element exists is descended into, one that does not is written at the end of its parent.
     */
    byte[] merge(ServiceModel model, String outputShape, byte[] xmlBody, ObjectNode extra) {
        JsonNode shape = shape(model, outputShape);
        if (shape == null) {
            return xmlBody;
        }
        org.w3c.dom.Document doc = xml.parse(xmlBody);
        String payload = shape.path("payload").asText(null);
        if (payload != null) {
            JsonNode inner = extra.get(payload);
            if (!(inner instanceof ObjectNode innerObject)) {
                return xmlBody;
            }
            mergeInto(model, doc.getDocumentElement(), innerObject, shape(model, shape.path("members").path(payload).path("shape").asText()));
        } else {
            mergeInto(model, doc.getDocumentElement(), extra, shape);
        }
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(javax.xml.transform.OutputKeys.STANDALONE, "no");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(xmlBody.length + 256);
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private void mergeInto(ServiceModel model, Element element, ObjectNode extra, JsonNode shape) {
        extra.properties().forEach(e -> {
            JsonNode member = shape.path("members").path(e.getKey());
            if (member.isMissingNode()) {
                return;
            }
            JsonNode target = shape(model, member.path("shape").asText());
            String wire = member.path("locationName").asText(e.getKey());
            Element existing = first(element, wire);
            if (existing != null && "structure".equals(type(target)) && e.getValue() instanceof ObjectNode more) {
                mergeInto(model, existing, more, target);
                return;
            }
            XmlText x = new XmlText();
            writeValue(model, x, wire, e.getValue(), target);
            Node fragment = xml.parse(x.toString().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
            element.appendChild(element.getOwnerDocument().importNode(fragment, true));
        });
    }

    private void writeMembers(ServiceModel model, XmlText x, JsonNode value, JsonNode shape) {
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode member = e.getValue();
            JsonNode v = value.get(e.getKey());
            if (v == null || v.isNull() || member.has("location") || member.path("xmlAttribute").asBoolean(false)) {
                continue;
            }
            JsonNode target = shape(model, member.path("shape").asText());
            String wire = member.path("locationName").asText(e.getKey());
            switch (type(target)) {
                case "list" -> {
                    JsonNode itemShape = shape(model, target.path("member").path("shape").asText());
                    if (member.path("flattened").asBoolean(false) || target.path("flattened").asBoolean(false)) {
                        String itemName = member.path("locationName").asText(target.path("member").path("locationName").asText(e.getKey()));
                        v.forEach(item -> writeValue(model, x, itemName, item, itemShape));
                    } else {
                        x.open(wire);
                        String itemName = target.path("member").path("locationName").asText("member");
                        v.forEach(item -> writeValue(model, x, itemName, item, itemShape));
                        x.close(wire);
                    }
                }
                case "map" -> {
                    JsonNode valueShape = shape(model, target.path("value").path("shape").asText());
                    String keyName = target.path("key").path("locationName").asText("key");
                    String valueName = target.path("value").path("locationName").asText("value");
                    boolean flattened = member.path("flattened").asBoolean(false) || target.path("flattened").asBoolean(false);
                    if (!flattened) {
                        x.open(wire);
                    }
                    v.properties().forEach(entry -> {
                        x.open(flattened ? wire : "entry").element(keyName, entry.getKey());
                        writeValue(model, x, valueName, entry.getValue(), valueShape);
                        x.close(flattened ? wire : "entry");
                    });
                    if (!flattened) {
                        x.close(wire);
                    }
                }
                default -> writeValue(model, x, wire, v, target);
            }
        }
    }

    private void writeValue(ServiceModel model, XmlText x, String name, JsonNode value, JsonNode shape) {
        switch (type(shape)) {
            case "structure" -> {
                x.open(name);
                writeMembers(model, x, value, shape);
                x.close(name);
            }
            case "list" -> {
                x.open(name);
                JsonNode itemShape = shape(model, shape.path("member").path("shape").asText());
                String itemName = shape.path("member").path("locationName").asText("member");
                value.forEach(item -> writeValue(model, x, itemName, item, itemShape));
                x.close(name);
            }
            default -> x.element(name, text(shape, value, false));
        }
    }

    private static String text(JsonNode shape, JsonNode value, boolean header) {
        String type = type(shape);
        if ("timestamp".equals(type) && value.isNumber()) {
            Instant t = Instant.ofEpochMilli((long) (value.asDouble() * 1000));
            return header ? HTTP_DATE.format(t) : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        if ("blob".equals(type)) {
            return Base64.getEncoder().encodeToString(bytes(value));
        }
        return value.asText();
    }

    private static String joined(JsonNode values) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static byte[] bytes(JsonNode value) {
        if (value.isBinary()) {
            try {
                return value.binaryValue();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return value.asText().getBytes(StandardCharsets.UTF_8);
    }

    private ArrayNode array(ServiceModel model, JsonNode listShape, List<String> values) {
        JsonNode itemShape = shape(model, listShape.path("member").path("shape").asText());
        ArrayNode out = NODES.arrayNode();
        values.forEach(v -> out.add(scalar(itemShape, v, true)));
        return out;
    }

    private static List<String> splitCommas(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String part : line.split(",")) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** A scalar from its text; a number or boolean that does not parse is the client's error. */
    private static JsonNode scalar(JsonNode shape, String text, boolean outsideBody) {
        String t = text.strip();
        try {
            return switch (type(shape)) {
                case "integer" -> NODES.numberNode(Integer.parseInt(t));
                case "long" -> NODES.numberNode(Long.parseLong(t));
                case "float", "double" -> NODES.numberNode(Double.parseDouble(t));
                case "boolean" -> {
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new NumberFormatException(t);
                    }
                    yield NODES.booleanNode(Boolean.parseBoolean(t));
                }
                case "blob" -> outsideBody ? NODES.textNode(text) : NODES.binaryNode(Base64.getDecoder().decode(t));
                default -> NODES.textNode(text);
            };
        } catch (IllegalArgumentException e) {
            throw outsideBody ? new AwsErrorException("InvalidArgument", "Invalid value: " + text, 400)
                    : new AwsErrorException("MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema", 400);
        }
    }

    private static Element first(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && XmlStructReader.localName(el).equals(name)) {
                return el;
            }
        }
        return null;
    }

    private static JsonNode shape(ServiceModel model, String name) {
        return name == null ? null : model.shapes().get(name);
    }

    private static String type(JsonNode shape) {
        return shape == null ? "string" : shape.path("type").asText("string");
    }
}
