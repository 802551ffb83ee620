package io.haneul.cloudsearch.engine.document;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Search Data Format batches: a JSON array of {@code {"type":"add","id":…,"fields":{…}}} and
 * {@code {"type":"delete","id":…}}, or the XML form {@code <batch><add id="…"><field name="…">v</field></add>
 * <delete id="…"/></batch>}. Field values become text (numbers as written); arrays give several values.
 * Structure errors reject the batch; whether fields fit the domain is checked later, against its schema.
 */
public final class SdfParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLInputFactory XML = xmlFactory();

    private SdfParser() {
    }

    public static List<DocumentOp> parse(byte[] body, boolean xml) {
        return xml ? parseXml(body) : parseJson(body);
    }

    static List<DocumentOp> parseJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonParseException e) {
            throw new BatchRejected("Encountered unexpected JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BatchRejected("Encountered unexpected end of input");
        }
        if (root == null || !root.isArray()) {
            throw new BatchRejected("Expected a JSON array of document operations");
        }
        if (root.isEmpty()) {
            throw new BatchRejected("The batch must contain at least one add or delete operation");
        }
        List<DocumentOp> ops = new ArrayList<>(root.size());
        int index = 0;
        for (JsonNode op : root) {
            index++;
            if (!op.isObject()) {
                throw new BatchRejected("Document operation " + index + " is not a JSON object");
            }
            String type = op.path("type").asText(null);
            String id = op.path("id").isValueNode() ? op.path("id").asText() : null;
            if (id == null) {
                throw new BatchRejected("Document operation " + index + " has no id");
            }
            if ("delete".equals(type)) {
                ops.add(new DocumentOp.Delete(id));
            } else if ("add".equals(type)) {
                JsonNode fields = op.path("fields");
                if (!fields.isObject() || fields.isEmpty()) {
                    throw new BatchRejected("Document " + id + ": an add operation must have at least one field");
                }
                Map<String, List<String>> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    values.put(f.getKey(), values(id, f.getKey(), f.getValue()));
                }
                ops.add(new DocumentOp.Add(id, values, op.toString().getBytes(StandardCharsets.UTF_8).length));
            } else {
                throw new BatchRejected("Document " + id + ": invalid operation type '" + type + "' (expected add or delete)");
            }
        }
        return ops;
    }

    private static List<String> values(String id, String field, JsonNode v) {
        if (v.isNull()) {
            throw new BatchRejected("Validation error for field '" + field + "' of document " + id + ": the value cannot be null");
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                if (!e.isValueNode() || e.isNull()) {
                    throw new BatchRejected("Validation error for field '" + field + "' of document " + id + ": invalid array element " + e);
                }
                out.add(e.asText());
            }
            return out;
        }
        if (!v.isValueNode()) {
            throw new BatchRejected("Validation error for field '" + field + "' of document " + id + ": expected a value or an array");
        }
        return List.of(v.asText());
    }

    static List<DocumentOp> parseXml(byte[] body) {
        List<DocumentOp> ops = new ArrayList<>();
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            String addId = null;
            Map<String, List<String>> fields = null;
            int depth = 0;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        if (!"batch".equals(name)) {
                            throw new BatchRejected("Expected a <batch> element");
                        }
                    } else if (depth == 2 && "add".equals(name)) {
                        addId = required(r, "id", "add");
                        fields = new LinkedHashMap<>();
                    } else if (depth == 2 && "delete".equals(name)) {
                        ops.add(new DocumentOp.Delete(required(r, "id", "delete")));
                    } else if (depth == 3 && "field".equals(name) && fields != null) {
                        String field = required(r, "name", "field");
                        fields.computeIfAbsent(field, k -> new ArrayList<>()).add(r.getElementText());
                        depth--;
                    } else {
                        throw new BatchRejected("Unexpected element <" + name + ">");
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && "add".equals(r.getLocalName())) {
                        if (fields.isEmpty()) {
                            throw new BatchRejected("Document " + addId + ": an add element must contain at least one field");
                        }
                        int bytes = 0;
                        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
                            for (String v : f.getValue()) {
                                bytes += f.getKey().length() + v.getBytes(StandardCharsets.UTF_8).length;
                            }
                        }
                        ops.add(new DocumentOp.Add(addId, fields, bytes));
                        addId = null;
                        fields = null;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new BatchRejected("Encountered malformed XML: " + e.getMessage());
        }
        if (ops.isEmpty()) {
            throw new BatchRejected("The batch must contain at least one add or delete operation");
        }
        return ops;
    }

    private static String required(XMLStreamReader r, String attribute, String element) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null) {
            throw new BatchRejected("The <" + element + "> element needs a " + attribute + " attribute");
        }
        return v;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
