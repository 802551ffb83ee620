package io.haneul.cloudsearch.engine.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.cloudsearch.engine.document.DocumentOp;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LatLonDocValuesField;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against a domain's schema and turns it into a Lucene document. Each field is
 * indexed as its options ask: searchable terms or points under its own name, doc values for sorting
 * and expressions ({@link Names#sort}) and for facets ({@link Names#facet}); the document's fields as
 * sent (defaults and source fields applied) are stored once as JSON ({@link Names#SOURCE}) for
 * {@code return}, and highlighted text fields are also stored under their own name for the highlighter.
 */
public final class DocumentMapper {

    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_FIELDS = 200;
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();

    /** The problems of a document, empty when it fits the schema (AWS's messages). */
    public List<String> validate(DocumentOp op, CompiledSchema schema) {
        List<String> errors = new ArrayList<>();
        String id = op.id();
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !validId(id)) {
            errors.add("Invalid document id '" + id + "': ids are 1 to " + MAX_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, _, -, /, #, : and .");
        }
        if (!(op instanceof DocumentOp.Add add)) {
            return errors;
        }
        if (add.bytes() > MAX_DOCUMENT_BYTES) {
            errors.add("Document " + id + " is " + add.bytes() + " bytes; the limit is " + MAX_DOCUMENT_BYTES + " bytes");
        }
        if (add.fields().size() > MAX_FIELDS) {
            errors.add("Document " + id + " has " + add.fields().size() + " fields; the limit is " + MAX_FIELDS);
        }
        for (Map.Entry<String, List<String>> f : add.fields().entrySet()) {
            String name = f.getKey();
            if (!validFieldName(name) || name.equals("score")) {
                errors.add("Validation error for field '" + name + "' of document " + id
                        + ": field names are 1 to 64 characters of a-z, 0-9 and _, starting with a letter, and not 'score'");
                continue;
            }
            var spec = schema.field(name);
            if (spec.isEmpty()) {
                errors.add("Validation error for field '" + name + "' of document " + id + ": the domain has no such index field");
                continue;
            }
            if (!spec.get().array() && f.getValue().size() > 1) {
                errors.add("Validation error for field '" + name + "' of document " + id + ": multiple values given for a "
                        + spec.get().type().name().toLowerCase() + " field (use a -array field)");
                continue;
            }
            for (String v : f.getValue()) {
                String problem = check(spec.get().type(), v);
                if (problem != null) {
                    errors.add("Validation error for field '" + name + "' of document " + id + ": " + problem);
                    break;
                }
            }
        }
        return errors;
    }

    /** {@code [A-Za-z0-9_\-/#:.]+}, checked by hand: it runs for every document of every batch. */
    private static boolean validId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '/' || c == '#' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return !id.isEmpty();
    }

    /** {@code [a-z][a-z0-9_]{0,63}}, checked by hand for the same reason. */
    private static boolean validFieldName(String name) {
        if (name.isEmpty() || name.length() > 64 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String check(FieldType type, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
                return "Invalid codepoint " + Integer.toHexString(c).toUpperCase();
            }
        }
        try {
            switch (type) {
                case INT -> FieldValues.parseInt(v);
                case DOUBLE -> FieldValues.parseDouble(v);
                case DATE -> FieldValues.parseDate(v);
                case LATLON -> FieldValues.parseLatLon(v);
                case LITERAL -> {
                    // a char is at most 3 bytes in UTF-8: short values need no encoding to be measured
                    if (v.length() > 4096 / 3 && v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4096) {
                        return "literal values are at most 4096 bytes";
                    }
                }
                case TEXT -> {
                }
            }
        } catch (RuntimeException e) {
            return "Invalid " + type.name().toLowerCase() + " value '" + v + "'";
        }
        return null;
    }

    /** The fields the document holds once defaults and source fields are applied (what is stored and returned). */
    public Map<String, List<String>> effectiveFields(DocumentOp.Add add, CompiledSchema schema) {
        if (!schema.derivesFields() && allKnown(add.fields(), schema)) {
            return add.fields(); // nothing to add or leave out: the common case, without a copy
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        add.fields().forEach((name, values) -> {
            if (schema.field(name).isPresent()) {
                out.put(name, values);
            }
        });
        for (FieldSpec spec : schema.declared()) {
            if (!spec.sourceFields().isEmpty()) {
                List<String> copied = new ArrayList<>(out.getOrDefault(spec.name(), List.of()));
                for (String source : spec.sourceFields()) {
                    copied.addAll(add.fields().getOrDefault(source, List.of()));
                }
                if (!copied.isEmpty()) {
                    out.put(spec.name(), spec.array() ? copied : List.of(copied.getFirst()));
                }
            }
            if (!out.containsKey(spec.name()) && spec.defaultValue() != null) {
                out.put(spec.name(), List.of(spec.defaultValue()));
            }
        }
        return out;
    }

    private static boolean allKnown(Map<String, List<String>> fields, CompiledSchema schema) {
        for (String name : fields.keySet()) {
            if (schema.field(name).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The Lucene document of an add whose fields were validated (fields the schema lacks now are skipped). */
    public Document toLucene(String id, Map<String, List<String>> fields, CompiledSchema schema) {
        return toLucene(id, fields, null, schema);
    }

    /**
     * As {@link #toLucene(String, Map, CompiledSchema)}, given {@code fieldsJson}, the fields already
     * written as JSON (for the database), which is stored as the returned source when every field is
     * returned instead of writing it again.
     */
    public Document toLucene(String id, Map<String, List<String>> fields, String fieldsJson, CompiledSchema schema) {
        Document doc = new Document();
        doc.add(new StringField(Names.ID, id, Field.Store.YES));
        doc.add(new SortedDocValuesField(Names.ID, new BytesRef(id)));
        Map<String, List<String>> returned = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            var spec = schema.field(f.getKey());
            if (spec.isEmpty()) {
                continue;
            }
            List<String> values = f.getValue();
            try {
                for (String v : values) {
                    index(doc, spec.get(), v);
                }
                if (!values.isEmpty() && spec.get().sortable()) {
                    sortValue(doc, spec.get(), values.getFirst());
                }
            } catch (RuntimeException e) {
                continue;
            }
            if (spec.get().returned()) {
                returned.put(f.getKey(), values);
            }
        }
        if (fieldsJson != null && returned.size() == fields.size()) {
            doc.add(new StoredField(Names.SOURCE, fieldsJson));
            return doc;
        }
        try {
            doc.add(new StoredField(Names.SOURCE, json.writeValueAsString(returned)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return doc;
    }

    private static void index(Document doc, FieldSpec spec, String v) {
        String name = spec.name();
        switch (spec.type()) {
            case INT, DATE -> {
                long l = spec.type() == FieldType.INT ? FieldValues.parseInt(v) : FieldValues.parseDate(v);
                if (spec.search()) {
                    doc.add(new LongPoint(name, l));
                }
                if (spec.facet()) {
                    doc.add(new SortedNumericDocValuesField(Names.facet(name), l));
                }
            }
            case DOUBLE -> {
                double d = FieldValues.parseDouble(v);
                if (spec.search()) {
                    doc.add(new DoublePoint(name, d));
                }
                if (spec.facet()) {
                    doc.add(new SortedNumericDocValuesField(Names.facet(name), NumericUtils.doubleToSortableLong(d)));
                }
            }
            case LATLON -> {
                double[] ll = FieldValues.parseLatLon(v);
                if (spec.search()) {
                    doc.add(new LatLonPoint(name, ll[0], ll[1]));
                }
                if (spec.facet()) {
                    doc.add(new SortedSetDocValuesField(Names.facet(name), new BytesRef(v)));
                }
            }
            case LITERAL -> {
                if (spec.search()) {
                    doc.add(new StringField(name, v, Field.Store.NO));
                }
                if (spec.facet()) {
                    doc.add(new SortedSetDocValuesField(Names.facet(name), new BytesRef(v)));
                }
            }
            case TEXT -> doc.add(new TextField(name, v, spec.highlight() ? Field.Store.YES : Field.Store.NO));
        }
    }

    private static void sortValue(Document doc, FieldSpec spec, String v) {
        String name = Names.sort(spec.name());
        switch (spec.type()) {
            case INT -> doc.add(new NumericDocValuesField(name, FieldValues.parseInt(v)));
            case DATE -> doc.add(new NumericDocValuesField(name, FieldValues.parseDate(v)));
            case DOUBLE -> doc.add(new DoubleDocValuesField(name, FieldValues.parseDouble(v)));
            case LATLON -> {
                double[] ll = FieldValues.parseLatLon(v);
                doc.add(new LatLonDocValuesField(name, ll[0], ll[1]));
                doc.add(new DoubleDocValuesField(name + ".latitude", ll[0]));
                doc.add(new DoubleDocValuesField(name + ".longitude", ll[1]));
            }
            case LITERAL, TEXT -> doc.add(new SortedDocValuesField(name, new BytesRef(truncate(v))));
        }
    }

    private static String truncate(String v) {
        return v.length() > 1000 ? v.substring(0, 1000) : v;
    }
}
