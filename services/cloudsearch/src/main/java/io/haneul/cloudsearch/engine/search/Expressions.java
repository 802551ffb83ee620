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
            Expression e = compiled.computeIfAbsent(name, n -> compile(n, sources.get(n)));
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

    private static Expression compile(String name, String text) {
        try {
            return JavascriptCompiler.compile(text);
        } catch (ParseException | IllegalArgumentException e) {
            throw new SearchException("Invalid expression '" + name + "': " + e.getMessage());
        }
    }

    /** An expression given inline (a sort key like {@code "year*2"} is not allowed by CloudSearch; names only). */
    Bindings bindings() {
        return bindings;
    }
}
