package io.haneul.cloudsearch.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.cloudsearch.engine.document.UploadResult;
import io.haneul.cloudsearch.engine.search.SearchResult;
import io.haneul.cloudsearch.engine.suggest.SuggestResult;
import io.haneul.core.wire.WireResponse;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The domain endpoints' answers as AWS writes them. Search: {@code {"status":{"rid","time-ms"},
 * "hits":{"found","start","cursor"?,"hit":[{"id","fields","exprs","highlights"}]},"facets":{…}}}; with
 * {@code format=sdk} (what the SDKs ask) every field value is an array, otherwise single values are
 * plain strings. Documents: {@code {"status","adds","deletes","warnings"|"errors"}}. Errors carry
 * their type in {@code x-amzn-ErrorType} (SearchException, DocumentServiceException) for the SDKs.
 */
final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Responses() {
    }

    static WireResponse search(SearchResult r, String rid, long millis, boolean sdk, boolean xml) {
        if (xml) {
            return xml(200, w -> {
                w.writeStartElement("results");
                w.writeEmptyElement("status");
                w.writeAttribute("rid", rid);
                w.writeAttribute("time-ms", Long.toString(millis));
                w.writeStartElement("hits");
                w.writeAttribute("found", Long.toString(r.found()));
                w.writeAttribute("start", Long.toString(r.start()));
                if (r.cursor() != null) {
                    w.writeAttribute("cursor", r.cursor());
                }
                for (SearchResult.Hit h : r.hits()) {
                    w.writeStartElement("hit");
                    w.writeAttribute("id", h.id());
                    for (Map.Entry<String, Object> f : h.fields().entrySet()) {
                        for (String v : values(f.getValue())) {
                            element(w, "field", f.getKey(), v);
                        }
                    }
                    for (Map.Entry<String, String> e : h.exprs().entrySet()) {
                        element(w, "expr", e.getKey(), e.getValue());
                    }
                    for (Map.Entry<String, String> e : h.highlights().entrySet()) {
                        element(w, "highlight", e.getKey(), e.getValue());
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
                if (!r.facets().isEmpty()) {
                    w.writeStartElement("facets");
                    for (Map.Entry<String, List<SearchResult.Bucket>> f : r.facets().entrySet()) {
                        w.writeStartElement("facet");
                        w.writeAttribute("name", f.getKey());
                        for (SearchResult.Bucket b : f.getValue()) {
                            w.writeEmptyElement("bucket");
                            w.writeAttribute("value", b.value());
                            w.writeAttribute("count", Long.toString(b.count()));
                        }
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            });
        }
        ObjectNode root = JSON.createObjectNode();
        status(root, rid, millis);
        ObjectNode hits = root.putObject("hits");
        hits.put("found", r.found());
        hits.put("start", r.start());
        if (r.cursor() != null) {
            hits.put("cursor", r.cursor());
        }
        ArrayNode list = hits.putArray("hit");
        for (SearchResult.Hit h : r.hits()) {
            ObjectNode hit = list.addObject();
            hit.put("id", h.id());
            ObjectNode fields = hit.putObject("fields");
            h.fields().forEach((name, value) -> {
                if (value instanceof List<?> || sdk) {
                    ArrayNode a = fields.putArray(name);
                    values(value).forEach(a::add);
                } else {
                    fields.put(name, (String) value);
                }
            });
            if (!h.exprs().isEmpty()) {
                ObjectNode exprs = hit.putObject("exprs");
                h.exprs().forEach(exprs::put);
            }
            if (!h.highlights().isEmpty()) {
                ObjectNode hl = hit.putObject("highlights");
                h.highlights().forEach(hl::put);
            }
        }
        if (!r.facets().isEmpty()) {
            ObjectNode facets = root.putObject("facets");
            r.facets().forEach((name, buckets) -> {
                ArrayNode a = facets.putObject(name).putArray("buckets");
                buckets.forEach(b -> a.addObject().put("value", b.value()).put("count", b.count()));
            });
        }
        if (!r.stats().isEmpty()) {
            ObjectNode stats = root.putObject("stats");
            r.stats().forEach((name, st) -> {
                ObjectNode o = stats.putObject(name);
                o.put("count", st.count()).put("missing", st.missing());
                if (st.min() != null) {
                    o.put("min", st.min()).put("max", st.max()).put("mean", st.mean());
                }
                o.put("sum", st.sum()).put("sumOfSquares", st.sumOfSquares()).put("stddev", st.stddev());
            });
        }
        return json(200, root, null);
    }

    static WireResponse suggest(SuggestResult r, String rid, long millis, boolean xml) {
        if (xml) {
            return xml(200, w -> {
                w.writeStartElement("results");
                w.writeEmptyElement("status");
                w.writeAttribute("rid", rid);
                w.writeAttribute("time-ms", Long.toString(millis));
                w.writeStartElement("suggest");
                w.writeAttribute("query", r.query());
                w.writeAttribute("found", Integer.toString(r.suggestions().size()));
                w.writeStartElement("suggestions");
                for (SuggestResult.Suggestion s : r.suggestions()) {
                    w.writeEmptyElement("item");
                    w.writeAttribute("suggestion", s.suggestion());
                    w.writeAttribute("score", Long.toString(s.score()));
                    w.writeAttribute("id", s.id());
                }
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            });
        }
        ObjectNode root = JSON.createObjectNode();
        status(root, rid, millis);
        ObjectNode suggest = root.putObject("suggest");
        suggest.put("query", r.query());
        suggest.put("found", r.suggestions().size());
        ArrayNode list = suggest.putArray("suggestions");
        r.suggestions().forEach(s -> list.addObject().put("suggestion", s.suggestion()).put("score", s.score()).put("id", s.id()));
        return json(200, root, null);
    }

    /**
     * What AWS's document service puts before each entry of {@code errors} (and of a search error's
     * {@code error.message}) in JSON answers: the entries are kept for old clients, the top-level
     * {@code message} is the one to read.
     */
    static final String DEPRECATED = "[*Deprecated*: Use the outer message field] ";

    /**
     * An accepted batch: {@code {"status":"success","adds":N,"deletes":N}}, with {@code warnings} only
     * when there are some (AWS's schema of the answer marks both errors and warnings optional).
     * XML: {@code <response status adds deletes><warnings><warning>text</warning></warnings></response>}.
     */
    static WireResponse uploaded(UploadResult r, boolean xml) {
        if (xml) {
            return xml(200, w -> {
                w.writeStartElement("response");
                w.writeAttribute("status", "success");
                w.writeAttribute("adds", Integer.toString(r.adds()));
                w.writeAttribute("deletes", Integer.toString(r.deletes()));
                if (!r.warnings().isEmpty()) {
                    w.writeStartElement("warnings");
                    for (String m : r.warnings()) {
                        element(w, "warning", null, m);
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            });
        }
        ObjectNode root = JSON.createObjectNode().put("status", "success").put("adds", r.adds()).put("deletes", r.deletes());
        if (!r.warnings().isEmpty()) {
            ArrayNode warnings = root.putArray("warnings");
            r.warnings().forEach(m -> warnings.addObject().put("message", m));
        }
        return json(200, root, null);
    }

    /**
     * A refused batch: nothing applied, every problem listed. JSON: {@code {"status":"error","errors":
     * [{"message":"[*Deprecated*…] …"}],"adds":0,"deletes":0,"message":"…"}} (the first problem as
     * the outer message, which the SDKs read); XML: {@code <response status="error" adds="0"
     * deletes="0"><errors><error>text</error></errors></response>}.
     */
    static WireResponse documentErrors(int status, List<String> errors, boolean xml) {
        if (xml) {
            return withType(xml(status, w -> {
                w.writeStartElement("response");
                w.writeAttribute("status", "error");
                w.writeAttribute("adds", "0");
                w.writeAttribute("deletes", "0");
                w.writeStartElement("errors");
                for (String m : errors) {
                    element(w, "error", null, m);
                }
                w.writeEndElement();
                w.writeEndElement();
            }), "DocumentServiceException");
        }
        ObjectNode root = JSON.createObjectNode().put("status", "error");
        ArrayNode list = root.putArray("errors");
        errors.forEach(m -> list.addObject().put("message", DEPRECATED + m));
        root.put("adds", 0).put("deletes", 0);
        root.put("message", errors.isEmpty() ? "" : errors.getFirst());
        return json(status, root, "DocumentServiceException");
    }

    /** A refused search or suggest: {@code {"error":{"rid","message":"[*Deprecated*…] …"},"message"}} with type SearchException. */
    static WireResponse searchError(int status, String message, String rid, boolean xml) {
        if (xml) {
            return withType(xml(status, w -> {
                w.writeStartElement("response");
                w.writeStartElement("error");
                w.writeAttribute("rid", rid);
                w.writeAttribute("message", message);
                w.writeEndElement();
                w.writeEndElement();
            }), "SearchException");
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("rid", rid).put("message", DEPRECATED + message);
        root.put("message", message);
        return json(status, root, "SearchException");
    }

    private static void status(ObjectNode root, String rid, long millis) {
        root.putObject("status").put("rid", rid).put("time-ms", millis);
    }

    private static List<String> values(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        return List.of(v.toString());
    }

    private static void element(XMLStreamWriter w, String tag, String name, String text) throws XMLStreamException {
        w.writeStartElement(tag);
        if (name != null) {
            w.writeAttribute("name", name);
        }
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static WireResponse json(int status, ObjectNode root, String errorType) {
        try {
            WireResponse r = WireResponse.of(status, "application/json", JSON.writeValueAsBytes(root));
            return errorType == null ? r : withType(r, errorType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WireResponse withType(WireResponse r, String type) {
        r.headers().set("x-amzn-ErrorType", type);
        return r;
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static WireResponse xml(int status, XmlBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return WireResponse.of(status, "application/xml", out.toByteArray());
    }

    /** A refusal by the domain's access policy: a JSON {@code message}, which the SDKs surface as the error's message. */
    static WireResponse forbidden(String message) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        return WireResponse.of(403, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static WireResponse plain(int status, String message) {
        return WireResponse.of(status, "text/plain", message.getBytes(StandardCharsets.UTF_8));
    }
}
