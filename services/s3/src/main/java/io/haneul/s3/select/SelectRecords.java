package io.haneul.s3.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.s3.select.SelectEval.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * S3 Select's input and output records: CSV read and written with Apache Commons CSV under the
 * request's delimiters, quote and escape characters, comment prefix and header handling
 * ({@code USE}: the first line names the columns; {@code IGNORE}: it is skipped; {@code NONE}: it is
 * data), and JSON read with Jackson as a stream of top-level values ({@code DOCUMENT} or {@code LINES}),
 * optionally into the path the FROM clause names ({@code S3Object[*].items[*]}).
 */
public final class SelectRecords {

    /** CSV input settings; null members take S3's defaults. */
    public record CsvIn(String fileHeaderInfo, String comments, String quoteEscape, String recordDelimiter, String fieldDelimiter,
                        String quote, boolean allowQuotedRecordDelimiter) {
    }

    /** CSV output settings; null members take S3's defaults. */
    public record CsvOut(String quoteFields, String quoteEscape, String recordDelimiter, String fieldDelimiter, String quote) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SelectRecords() {
    }

    /** The CSV records of {@code in}. */
    public static Iterator<Row> csv(InputStream in, CsvIn settings) {
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder()
                .setDelimiter(or(settings.fieldDelimiter(), ","))
                .setQuote(or(settings.quote(), "\"").charAt(0))
                .setRecordSeparator(or(settings.recordDelimiter(), "\n"))
                .setIgnoreEmptyLines(true);
        String escape = settings.quoteEscape();
        if (escape != null && !escape.isEmpty() && !escape.equals(or(settings.quote(), "\""))) {
            format.setEscape(escape.charAt(0));
        }
        if (settings.comments() != null && !settings.comments().isEmpty()) {
            format.setCommentMarker(settings.comments().charAt(0));
        }
        String header = or(settings.fileHeaderInfo(), "NONE").toUpperCase(java.util.Locale.ROOT);
        try {
            RecordSizeLimit limit = new RecordSizeLimit();
            CSVParser parser = format.get().parse(limit.reader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            Iterator<CSVRecord> records = parser.iterator();
            Map<String, Integer> names = new LinkedHashMap<>();
            try {
                if (!header.equals("NONE") && records.hasNext()) {
                    CSVRecord first = records.next();
                    if (header.equals("USE")) {
                        for (int i = 0; i < first.size(); i++) {
                            names.putIfAbsent(first.get(i), i);
                        }
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw csvError(e);
            }
            limit.startRecord();
            Map<String, Integer> fixed = Collections.unmodifiableMap(names);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return records.hasNext();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw csvError(e);
                    }
                }

                @Override
                public Row next() {
                    CSVRecord r = records.next();
                    limit.startRecord();
                    List<String> fields = new ArrayList<>(r.size());
                    long length = 0;
                    for (String field : r) {
                        fields.add(field);
                        length += field.length();
                    }
                    RecordSizeLimit.check(length);
                    return Row.csv(fields, fixed);
                }
            };
        } catch (IOException e) {
            throw csvError(e);
        }
    }

    /** A CSV read failure as S3's 400: undecodable compressed input, else a parse error; or the object's bytes unreadable. */
    private static SelectException csvError(Exception e) {
        if (ObjectInput.failed(e)) {
            return SelectException.readFailure();
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
            return invalidCompression();
        }
        return new SelectException("CSVParsingError", "The CSV input could not be parsed: " + e.getMessage());
    }

    /** GZIP input that is not GZIP data, or is cut short. */
    public static SelectException invalidCompression() {
        return new SelectException("InvalidCompressionFormat", "The file is not in a supported compression format. Only GZIP is supported.");
    }

    /** The JSON records of {@code in}: each top-level value, or the elements at {@code fromPath} inside each. */
    public static Iterator<Row> json(InputStream in, List<String> fromPath) {
        try {
            RecordSizeLimit limit = new RecordSizeLimit();
            MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(limit.stream(in));
            List<String> steps = fromPath.isEmpty() || !fromPath.getFirst().equals("*") ? fromPath : fromPath.subList(1, fromPath.size());
            return new Iterator<>() {
                private final java.util.LinkedList<Object> pending = new java.util.LinkedList<>();

                @Override
                public boolean hasNext() {
                    try {
                        while (pending.isEmpty()) {
                            limit.startRecord(); // each top-level value is read under the 1 MB cap
                            if (!values.hasNextValue()) {
                                break;
                            }
                            expand(plain(values.nextValue()), steps, 0, pending);
                        }
                    } catch (SelectException e) {
                        throw e;
                    } catch (IOException | RuntimeException e) {
                        throw jsonError(e);
                    }
                    return !pending.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return Row.json(pending.poll());
                }
            };
        } catch (IOException e) {
            throw jsonError(e);
        }
    }

    /** A JSON read failure as S3's 400: undecodable compressed input, else a parse error; or the object's bytes unreadable. */
    private static SelectException jsonError(Exception e) {
        if (ObjectInput.failed(e)) {
            return SelectException.readFailure();
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return invalidCompression();
        }
        return new SelectException("JSONParsingError", "The JSON input could not be parsed: " + e.getMessage());
    }

    private static void expand(Object value, List<String> steps, int at, java.util.Deque<Object> out) {
        if (at == steps.size()) {
            out.add(value);
            return;
        }
        String step = steps.get(at);
        if (step.equals("*")) {
            if (value instanceof List<?> list) {
                list.forEach(v -> expand(v, steps, at + 1, out));
            }
        } else if (value instanceof Map<?, ?> map && map.containsKey(step)) {
            expand(map.get(step), steps, at + 1, out);
        }
    }

    /** A JSON value as plain Java: Map, List, String, BigDecimal, Boolean or null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            node.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(v -> l.add(plain(v)));
            return l;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** Writes output records as CSV text in one format, which is built once for the query's records. */
    public static final class CsvWriter {
        private final CSVFormat format;

        public CsvWriter(CsvOut settings) {
            CSVFormat.Builder b = CSVFormat.DEFAULT.builder().setDelimiter(or(settings.fieldDelimiter(), ","))
                    .setQuote(or(settings.quote(), "\"").charAt(0)).setRecordSeparator(or(settings.recordDelimiter(), "\n"))
                    .setQuoteMode("ALWAYS".equalsIgnoreCase(settings.quoteFields()) ? QuoteMode.ALL : QuoteMode.MINIMAL);
            if (settings.quoteEscape() != null && !settings.quoteEscape().isEmpty()
                    && !settings.quoteEscape().equals(or(settings.quote(), "\""))) {
                b.setEscape(settings.quoteEscape().charAt(0));
            }
            this.format = b.get();
        }

        /** One output record as CSV text, with its record delimiter. */
        public String line(SelectRun.Output o) {
            List<String> values = new ArrayList<>();
            if (o.whole() != null) {
                if (o.whole().isCsv()) {
                    values.addAll(o.whole().fields());
                } else {
                    values.add(jsonText(o.whole().json()));
                }
            } else {
                o.named().values().forEach(v -> values.add(SelectEval.absent(v) ? "" : v instanceof Map || v instanceof List
                        ? jsonText(v) : SelectEval.text(v)));
            }
            StringBuilder sb = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(sb, format)) {
                printer.printRecord(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sb.toString();
        }
    }

    /** One output record as a JSON object (or the input value whole), with its record delimiter. */
    public static String jsonLine(SelectRun.Output o, String recordDelimiter) {
        Object value;
        if (o.whole() != null) {
            if (o.whole().isCsv()) {
                Map<String, Object> m = new LinkedHashMap<>();
                List<String> fields = o.whole().fields();
                for (int i = 0; i < fields.size(); i++) {
                    m.put("_" + (i + 1), fields.get(i));
                }
                value = m;
            } else {
                value = o.whole().json();
            }
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            o.named().forEach((k, v) -> {
                if (v != SelectEval.MISSING) {
                    m.put(k, v);
                }
            });
            value = m;
        }
        return jsonText(value) + or(recordDelimiter, "\n");
    }

    private static String jsonText(Object value) {
        try {
            return JSON.writeValueAsString(numbersPlain(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whole numbers written without a fraction (SUM of integers is 6, not 6.0). */
    private static Object numbersPlain(Object value) {
        if (value instanceof BigDecimal n) {
            if (SelectNumbers.bounded(n) == null) {
                return n; // written in exponent form, not expanded
            }
            BigDecimal s = n.stripTrailingZeros();
            return s.scale() <= 0 ? (Object) s.toBigInteger() : s;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, numbersPlain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(SelectRecords::numbersPlain).toList();
        }
        return value;
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }
}
