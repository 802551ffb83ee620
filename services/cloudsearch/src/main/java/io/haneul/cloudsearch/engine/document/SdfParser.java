package io.haneul.cloudsearch.engine.document;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /**
     * Streams the JSON batch rather than building a tree: a 5 MB batch of small documents is read
     * once, and each document's size (the 1 MB limit) is the span of its bytes in the body instead of
     * a second serialisation. Scalars are kept as written; each add also keeps its {@code fields}
     * object's text as sent ({@link DocumentOp.Add#sent}).
     */
    static List<DocumentOp> parseJson(byte[] body) {
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new BatchRejected("Expected a JSON array of document operations");
            }
            List<DocumentOp> ops = new ArrayList<>();
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                index++;
                ops.add(operation(p, body, index));
            }
            if (p.nextToken() != null) {
                throw new BatchRejected("Encountered unexpected JSON: trailing content after the top-level value");
            }
            if (ops.isEmpty()) {
                throw new BatchRejected("The batch must contain at least one add or delete operation");
            }
            return ops;
        } catch (JsonParseException e) {
            throw new BatchRejected("Encountered unexpected JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BatchRejected("Encountered unexpected end of input");
        }
    }

    /** One operation; the parser is on its first token and is left on its last. */
    private static DocumentOp operation(JsonParser p, byte[] body, int index) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            throw new BatchRejected("Document operation " + index + " is not a JSON object");
        }
        long from = p.currentTokenLocation().getByteOffset();
        String type = null;
        String id = null;
        boolean fieldsSeen = false;
        Fields fields = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> type = v.isScalarValue() ? p.getText() : skip(p, "");
                case "id" -> id = v.isScalarValue() ? p.getText() : skip(p, null);
                case "fields" -> {
                    fieldsSeen = true;
                    if (v == JsonToken.START_OBJECT) {
                        fields = fields(p, body);
                    } else {
                        fields = null;
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        long to = p.currentTokenLocation().getByteOffset() + 1;
        if (id == null) {
            throw new BatchRejected("Document operation " + index + " has no id");
        }
        if ("delete".equals(type)) {
            return new DocumentOp.Delete(id);
        }
        if (!"add".equals(type)) {
            throw new BatchRejected("Document " + id + ": invalid operation type '" + type + "' (expected add or delete)");
        }
        if (fields != null && fields.problem != null) {
            throw new BatchRejected("Validation error for field '" + fields.problemField + "' of document " + id + ": " + fields.problem);
        }
        if (!fieldsSeen || fields == null || fields.values.isEmpty()) {
            throw new BatchRejected("Document " + id + ": an add operation must have at least one field");
        }
        return new DocumentOp.Add(id, fields.values, (int) Math.max(0, to - from), fields.sent);
    }

    private static String skip(JsonParser p, String answer) throws IOException {
        p.skipChildren();
        return answer;
    }

    /** An add's fields, its first problem (kept until the document's id is known: it names them) and its text as sent. */
    private static final class Fields {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        String problemField;
        String problem;
        String sent;

        void problem(String field, String why) {
            if (problem == null) {
                problemField = field;
                problem = why;
            }
        }
    }

    /** Reads a {@code fields} object; the parser is on its start and is left on its end. */
    private static Fields fields(JsonParser p, byte[] body) throws IOException {
        Fields fields = new Fields();
        long from = p.currentTokenLocation().getByteOffset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                fields.problem(name, "the value cannot be null");
            } else if (v == JsonToken.START_ARRAY) {
                List<String> out = new ArrayList<>();
                String problem = null;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonToken e = p.currentToken();
                    if (problem != null) {
                        p.skipChildren();
                    } else if (e.isScalarValue() && e != JsonToken.VALUE_NULL) {
                        out.add(p.getText());
                    } else {
                        problem = "invalid array element " + (e == JsonToken.VALUE_NULL ? "null" : p.readValueAsTree().toString());
                    }
                }
                if (problem == null) {
                    fields.values.put(name, out);
                } else {
                    fields.problem(name, problem);
                }
            } else if (v.isScalarValue()) {
                fields.values.put(name, List.of(p.getText()));
            } else {
                p.skipChildren();
                fields.problem(name, "expected a value or an array");
            }
        }
        long to = p.currentTokenLocation().getByteOffset() + 1;
        if (from >= 0 && to > from && to <= body.length) {
            fields.sent = new String(body, (int) from, (int) (to - from), StandardCharsets.UTF_8);
        }
        return fields;
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
