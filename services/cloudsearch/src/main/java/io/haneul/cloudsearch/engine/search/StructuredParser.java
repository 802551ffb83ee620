package io.haneul.cloudsearch.engine.search;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudSearch's structured query language, which has no parser library: prefix-notation
 * {@code (and|or|not boost=N …)}, {@code (term|phrase|prefix field=F boost=N 'value')},
 * {@code (near field=F distance=N 'words')}, {@code (range field=F [a,b])}, {@code matchall},
 * {@code field:'value'}, {@code field:N}, {@code field:[a,b}} and bare values (searched in every
 * text field). Strings are single-quoted with {@code \'} and {@code \\} escapes; range brackets
 * {@code [ ]} include a bound, braces {@code { }} exclude it, an empty bound is open.
 */
final class StructuredParser {

    private final FieldQueries fields;
    private final List<String> defaultFields;
    private String s;
    private int at;

    StructuredParser(FieldQueries fields, List<String> defaultFields) {
        this.fields = fields;
        this.defaultFields = defaultFields;
    }

    Query parse(String text) {
        this.s = text;
        this.at = 0;
        skip();
        if (at >= s.length()) {
            throw error("empty query");
        }
        Query q = expression();
        skip();
        if (at < s.length()) {
            throw error("unexpected '" + s.substring(at, Math.min(s.length(), at + 20)) + "'");
        }
        return q;
    }

    private Query expression() {
        skip();
        if (peek() == '(') {
            at++;
            skip();
            String op = word();
            Map<String, String> options = new LinkedHashMap<>();
            List<Object> args = new ArrayList<>();
            while (true) {
                skip();
                if (at >= s.length()) {
                    throw error("missing ')'");
                }
                if (peek() == ')') {
                    at++;
                    break;
                }
                int mark = at;
                if (Character.isLetter(peek())) {
                    String name = word();
                    if (peek() == '=') {
                        at++;
                        options.put(name, scalar());
                        continue;
                    }
                    at = mark;
                }
                if (peek() == '(' || isFieldValue() || "matchall".equals(lookWord())) {
                    args.add(expression());
                } else {
                    args.add(valueToken());
                }
            }
            return compound(op, options, args);
        }
        if ("matchall".equals(lookWord())) {
            word();
            return new MatchAllDocsQuery();
        }
        if (isFieldValue()) {
            String field = word();
            at++; // ':'
            return fieldValue(field, valueToken());
        }
        Object v = valueToken();
        if (v instanceof Range) {
            throw error("a range needs a field");
        }
        return anyField((String) v);
    }

    private Query compound(String op, Map<String, String> options, List<Object> args) {
        Query q = switch (op) {
            case "and", "or" -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                for (Object a : args) {
                    b.add(asQuery(a, options), op.equals("and") ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
                }
                yield b.build();
            }
            case "not" -> {
                if (args.size() != 1) {
                    throw error("'not' takes one expression");
                }
                yield new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                        .add(asQuery(args.getFirst(), options), BooleanClause.Occur.MUST_NOT).build();
            }
            case "matchall" -> new MatchAllDocsQuery();
            case "term", "phrase", "prefix", "near", "range" -> {
                if (args.size() != 1) {
                    throw error("'" + op + "' takes one value");
                }
                String field = options.get("field");
                Object v = args.getFirst();
                if (op.equals("range")) {
                    if (!(v instanceof Range r) || field == null) {
                        throw error("'range' needs field= and a range");
                    }
                    yield fields.range(field, r.lo, r.includeLo, r.hi, r.includeHi);
                }
                if (!(v instanceof String value)) {
                    throw error("'" + op + "' needs a value");
                }
                if (field == null) {
                    yield anyField(value, op, options);
                }
                yield single(op, field, value, options);
            }
            default -> throw error("unknown operator '" + op + "'");
        };
        return boost(q, options);
    }

    private Query single(String op, String field, String value, Map<String, String> options) {
        return switch (op) {
            case "term" -> fields.term(field, value);
            case "phrase" -> fields.phrase(field, value, 0);
            case "prefix" -> fields.prefix(field, value);
            case "near" -> fields.phrase(field, value, intOption(options, "distance", 0));
            default -> throw error("unknown operator '" + op + "'");
        };
    }

    private Query asQuery(Object arg, Map<String, String> options) {
        if (arg instanceof Query q) {
            return q;
        }
        if (arg instanceof String v) {
            return options.containsKey("field") ? fields.term(options.get("field"), v) : anyField(v);
        }
        throw error("a range needs a field");
    }

    private Query fieldValue(String field, Object v) {
        if (v instanceof Range r) {
            return fields.range(field, r.lo, r.includeLo, r.hi, r.includeHi);
        }
        return fields.term(field, (String) v);
    }

    private Query anyField(String value) {
        return anyField(value, "term", Map.of());
    }

    private Query anyField(String value, String op, Map<String, String> options) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String f : defaultFields) {
            b.add(single(op, f, value, options), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private Query boost(Query q, Map<String, String> options) {
        String boost = options.get("boost");
        if (boost == null) {
            return q;
        }
        try {
            return new BoostQuery(q, Float.parseFloat(boost));
        } catch (NumberFormatException e) {
            throw error("invalid boost '" + boost + "'");
        }
    }

    private int intOption(Map<String, String> options, String name, int dflt) {
        String v = options.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error("invalid " + name + " '" + v + "'");
        }
    }

    private record Range(String lo, boolean includeLo, String hi, boolean includeHi) {
    }

    /** A quoted string, a bare number or word, or a range. */
    private Object valueToken() {
        skip();
        char c = peek();
        if (c == '[' || c == '{') {
            at++;
            String lo = bound(',');
            expect(',');
            String hi = bound(']', '}');
            char close = peek();
            at++;
            return new Range(lo, c == '[', hi, close == ']');
        }
        return scalar();
    }

    private String bound(char... ends) {
        skip();
        char c = peek();
        for (char e : ends) {
            if (c == e) {
                return null;
            }
        }
        String v = scalar();
        skip();
        return v;
    }

    private String scalar() {
        skip();
        if (peek() == '\'' || peek() == '"') {
            char quote = s.charAt(at++);
            StringBuilder b = new StringBuilder();
            while (at < s.length() && s.charAt(at) != quote) {
                char c = s.charAt(at++);
                if (c == '\\' && at < s.length()) {
                    c = s.charAt(at++);
                }
                b.append(c);
            }
            if (at >= s.length()) {
                throw error("missing closing quote");
            }
            at++;
            return b.toString();
        }
        int start = at;
        while (at < s.length() && !Character.isWhitespace(s.charAt(at)) && "()[]{},".indexOf(s.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw error("expected a value at position " + at);
        }
        return s.substring(start, at);
    }

    private boolean isFieldValue() {
        int i = at;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i > at && i < s.length() && s.charAt(i) == ':' && Character.isLetter(s.charAt(at));
    }

    private String lookWord() {
        int mark = at;
        String w = Character.isLetter(peek()) ? word() : "";
        at = mark;
        return w;
    }

    private String word() {
        int start = at;
        while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.')) {
            at++;
        }
        if (start == at) {
            throw error("expected a word at position " + at);
        }
        return s.substring(start, at);
    }

    private void expect(char c) {
        skip();
        if (peek() != c) {
            throw error("expected '" + c + "' at position " + at);
        }
        at++;
    }

    private char peek() {
        return at < s.length() ? s.charAt(at) : '\0';
    }

    private void skip() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    private SearchException error(String what) {
        return new SearchException("Syntax error in query: " + what);
    }
}
