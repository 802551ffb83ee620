package io.haneul.cloudsearch.domain;

import org.apache.lucene.expressions.js.JavascriptCompiler;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's rules for an expression: the syntax and functions of Lucene's JavaScript expressions (the
 * set CloudSearch documents), and inputs that exist: {@code _score}, {@code _time}, {@code _rand},
 * other expressions, single-valued int, double and date fields that are sort-enabled, and a latlon
 * field's {@code .latitude} / {@code .longitude}. Compiled with the compiler the search side
 * evaluates expressions with, so that what is accepted here runs there.
 */
public final class ExpressionRules {

    private static final Set<String> BUILT_INS = Set.of("_score", "_time", "_rand");

    private ExpressionRules() {
    }

    /** Checks {@code value} and returns its problems (empty when it may be defined). */
    public static List<String> problems(String name, String value, Map<String, IndexField> fields, Set<String> expressions) {
        String[] variables;
        try {
            variables = JavascriptCompiler.compile(value).variables;
        } catch (ParseException | IllegalArgumentException e) {
            return List.of("Syntax error in expression '" + name + "': " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String v : variables) {
            if (!BUILT_INS.contains(v) && !(expressions.contains(v) && !v.equals(name)) && !numeric(v, fields) && !location(v, fields)) {
                problems.add("Expression '" + name + "' refers to '" + v
                        + "', which is not a sort-enabled int, double or date field, a latlon field's latitude or longitude,"
                        + " another expression, _score, _time or _rand.");
            }
        }
        return problems;
    }

    public static void check(String name, String value, Map<String, IndexField> fields, Set<String> expressions) {
        List<String> problems = problems(name, value, fields, expressions);
        if (!problems.isEmpty()) {
            throw CloudSearchException.invalid(problems.getFirst());
        }
    }

    private static boolean numeric(String v, Map<String, IndexField> fields) {
        IndexField f = fields.get(v);
        if (f == null) {
            return false;
        }
        IndexField e = FieldDefaults.effective(f);
        return switch (f.indexFieldTypeAsString()) {
            case "int" -> e.intOptions().sortEnabled();
            case "double" -> e.doubleOptions().sortEnabled();
            case "date" -> e.dateOptions().sortEnabled();
            default -> false;
        };
    }

    private static boolean location(String v, Map<String, IndexField> fields) {
        int dot = v.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String part = v.substring(dot + 1);
        IndexField f = fields.get(v.substring(0, dot));
        return f != null && "latlon".equals(f.indexFieldTypeAsString()) && (part.equals("latitude") || part.equals("longitude"));
    }
}
