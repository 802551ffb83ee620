package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;
import io.haneul.cloudsearch.engine.index.FieldType;
import io.haneul.cloudsearch.engine.index.Names;
import org.apache.lucene.expressions.Bindings;
import org.apache.lucene.expressions.Expression;
import org.apache.lucene.expressions.js.JavascriptCompiler;
import org.apache.lucene.search.DoubleValuesSource;

import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Expressions as CloudSearch evaluates them, with Lucene's expressions module (whose functions are
 * exactly CloudSearch's): variables are sort-enabled single-valued int, double and date fields (dates
 * as epoch milliseconds), {@code loc.latitude} / {@code loc.longitude} of latlon fields, {@code _score},
 * {@code _time} (now, epoch ms), {@code _rand}, and other expressions by name (the domain's and this
 * request's {@code expr.NAME}).
 */
public final class Expressions {

    private final CompiledSchema schema;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, Expression> compiled = new HashMap<>();
    private final long now;
    private final double random;
    private final Bindings bindings = new Bindings() {
        @Override
        public DoubleValuesSource getDoubleValuesSource(String name) {
            return variable(name, new HashSet<>());
        }
    };

    public Expressions(CompiledSchema schema, Map<String, String> requestExpressions, long now, double random) {
        this.schema = schema;
        this.sources.putAll(schema.expressions());
        this.sources.putAll(requestExpressions);
        this.now = now;
        this.random = random;
    }

    public boolean has(String name) {
        return sources.containsKey(name);
    }

    private static final java.util.regex.Pattern HAVERSIN = java.util.regex.Pattern.compile(
            "\\s*haversin\\(\\s*([-+]?[0-9.]+)\\s*,\\s*([-+]?[0-9.]+)\\s*,\\s*([a-z][a-z0-9_]*)\\.latitude\\s*,"
                    + "\\s*\\3\\.longitude\\s*\\)\\s*");

    /**
     * For an expression that is exactly {@code haversin(LAT, LON, F.latitude, F.longitude)} over a
     * sort-enabled latlon field, Lucene's distance sort on that field: the same order (both sort by
     * great-circle distance), but it skips documents that cannot enter the top hits instead of
     * computing the expression for every match. Documents without the field sort last.
     */
    public java.util.Optional<org.apache.lucene.search.SortField> distanceSort(String name) {
        String text = sources.get(name);
        java.util.regex.Matcher m = text == null ? null : HAVERSIN.matcher(text);
        if (m == null || !m.matches()) {
            return java.util.Optional.empty();
        }
        double lat;
        double lon;
        try {
            lat = Double.parseDouble(m.group(1));
            lon = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            return java.util.Optional.empty();
        }
        return schema.field(m.group(3)).filter(f -> f.type() == FieldType.LATLON && f.sortable())
                .map(f -> org.apache.lucene.document.LatLonDocValuesField.newDistanceSort(Names.sort(f.name()), lat, lon));
    }

    /** The values of the named expression over documents. */
    public DoubleValuesSource source(String name) {
        return variable(name, new HashSet<>());
    }

    /** Compiles an expression the way DefineExpression and expr.NAME need it valid; the message says why not. */
    public static String problem(String expression) {
        try {
            JavascriptCompiler.compile(expression);
            return null;
        } catch (ParseException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private DoubleValuesSource variable(String name, Set<String> resolving) {
        switch (name) {
            case "_score":
                return DoubleValuesSource.SCORES;
            case "_time":
                return DoubleValuesSource.constant(now);
            case "_rand":
                return DoubleValuesSource.constant(random);
            default:
                break;
        }
        if (sources.containsKey(name)) {
            if (!resolving.add(name)) {
                throw new SearchException("Invalid expression '" + name + "': it refers to itself");
            }
            Expression e = compiled.computeIfAbsent(name, n -> compile(schema, n, sources.get(n)));
            Bindings nested = new Bindings() {
                @Override
                public DoubleValuesSource getDoubleValuesSource(String v) {
                    return variable(v, resolving);
                }
            };
            DoubleValuesSource s = e.getDoubleValuesSource(nested);
            resolving.remove(name);
            return s;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && (name.endsWith(".latitude") || name.endsWith(".longitude"))) {
            String field = name.substring(0, dot);
            FieldSpec spec = schema.field(field).filter(s -> s.type() == FieldType.LATLON && s.sortable())
                    .orElseThrow(() -> unknown(name));
            return DoubleValuesSource.fromDoubleField(Names.sort(spec.name()) + name.substring(dot));
        }
        FieldSpec spec = schema.field(name).orElseThrow(() -> unknown(name));
        if (!spec.sortable()) {
            throw new SearchException("Invalid expression: field '" + name + "' must be a sort-enabled single-valued field");
        }
        return switch (spec.type()) {
            case INT, DATE -> DoubleValuesSource.fromLongField(Names.sort(name));
            case DOUBLE -> DoubleValuesSource.fromDoubleField(Names.sort(name));
            default -> throw new SearchException("Invalid expression: field '" + name + "' is not a numeric field");
        };
    }

    private static SearchException unknown(String name) {
        return new SearchException("Invalid expression: unknown field or expression '" + name + "'");
    }

    private static Expression compile(CompiledSchema schema, String name, String text) {
        try {
            return schema.compiledExpression(text);
        } catch (ParseException | IllegalArgumentException e) {
            throw new SearchException("Invalid expression '" + name + "': " + e.getMessage());
        }
    }

    /** An expression given inline (a sort key like {@code "year*2"} is not allowed by CloudSearch; names only). */
    Bindings bindings() {
        return bindings;
    }
}
