package io.haneul.s3.select;

import io.haneul.s3.select.SelectSql.Between;
import io.haneul.s3.select.SelectSql.Binary;
import io.haneul.s3.select.SelectSql.Call;
import io.haneul.s3.select.SelectSql.Cast;
import io.haneul.s3.select.SelectSql.Column;
import io.haneul.s3.select.SelectSql.Expr;
import io.haneul.s3.select.SelectSql.In;
import io.haneul.s3.select.SelectSql.IsNull;
import io.haneul.s3.select.SelectSql.Like;
import io.haneul.s3.select.SelectSql.Literal;
import io.haneul.s3.select.SelectSql.Unary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates S3 Select expressions over one record with SQL's three-valued logic: a comparison with
 * NULL or MISSING is unknown (null), and WHERE keeps a record only when its condition is TRUE. Values
 * are null, {@link #MISSING}, String, BigDecimal, Boolean, List and Map (JSON). CSV fields are strings;
 * a comparison or arithmetic of a string with a number reads the string as a number when it is one
 * (S3 Select asks for a CAST there; Haneul is lenient).
 */
public final class SelectEval {

    /** A path that names nothing in the record (JSON), as distinct from a null value. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    /** One input record: CSV fields with the header's names (may be empty), or a JSON value. */
    public record Row(List<String> fields, Map<String, Integer> header, Object json) {

        static Row csv(List<String> fields, Map<String, Integer> header) {
            return new Row(fields, header, null);
        }

        static Row json(Object value) {
            return new Row(null, Map.of(), value);
        }

        boolean isCsv() {
            return fields != null;
        }
    }

    private final String alias;
    /** Each LIKE of the query with its last compiled pattern: a literal pattern compiles once per query. */
    private final Map<Like, SelectLike> likes = new java.util.IdentityHashMap<>();

    public SelectEval(String alias) {
        this.alias = alias;
    }

    public Object eval(Expr e, Row row) {
        return switch (e) {
            case Literal l -> l.value();
            case Column c -> column(c.path(), row);
            case Unary u -> unary(u, row);
            case Binary b -> binary(b, row);
            case Call c -> call(c, row);
            case Cast c -> cast(eval(c.value(), row), c.type());
            case Like l -> like(l, row);
            case IsNull n -> {
                Object v = eval(n.value(), row);
                boolean is = n.missing() ? v == MISSING : v == null || v == MISSING;
                yield is != n.negated();
            }
            case Between b -> {
                Object v = eval(b.value(), row);
                Boolean in = and(compareOp(">=", v, eval(b.low(), row)), compareOp("<=", v, eval(b.high(), row)));
                yield in == null ? null : in != b.negated();
            }
            case In in -> {
                Object v = eval(in.value(), row);
                Boolean found = Boolean.FALSE;
                for (Expr option : in.options()) {
                    found = or(found, compareOp("=", v, eval(option, row)));
                }
                yield found == null ? null : found != in.negated();
            }
        };
    }

    /** True when the condition holds for the record (unknown is not enough). */
    public boolean test(Expr condition, Row row) {
        return condition == null || Boolean.TRUE.equals(eval(condition, row));
    }

    private Object column(List<Object> path, Row row) {
        int from = 0;
        if (alias != null && path.getFirst() instanceof String head && head.equalsIgnoreCase(alias)) {
            if (path.size() == 1) {
                return row.isCsv() ? row.fields() : row.json();
            }
            from = 1;
        }
        Object first = path.get(from);
        Object value;
        if (row.isCsv()) {
            value = csvColumn(String.valueOf(first), row);
        } else {
            value = step(row.json(), first);
        }
        for (int i = from + 1; i < path.size(); i++) {
            value = step(value, path.get(i));
        }
        return value;
    }

    private static Object csvColumn(String name, Row row) {
        if (name.length() > 1 && name.charAt(0) == '_' && name.substring(1).chars().allMatch(Character::isDigit)) {
            long index;
            try {
                index = Long.parseLong(name.substring(1));
            } catch (NumberFormatException e) {
                return MISSING; // more digits than a long: past every record's last column
            }
            if (index < 1) {
                throw new SelectException("InvalidColumnIndex", "Column positions start at _1.");
            }
            return index <= row.fields().size() ? row.fields().get((int) index - 1) : MISSING;
        }
        Integer index = row.header().get(name);
        if (index == null) {
            for (Map.Entry<String, Integer> e : row.header().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    index = e.getValue();
                    break;
                }
            }
        }
        if (index == null) {
            if (row.header().isEmpty()) {
                throw new SelectException("InvalidColumnIndex", "The column " + name + " needs a header line (FileHeaderInfo USE); "
                        + "use positions such as _1 otherwise.");
            }
            return MISSING;
        }
        return index < row.fields().size() ? row.fields().get(index) : MISSING;
    }

    private static Object step(Object value, Object key) {
        if (key instanceof Integer i) {
            return value instanceof List<?> list && i >= 0 && i < list.size() ? list.get(i) : MISSING;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(String.valueOf(key))) {
                    return e.getValue();
                }
            }
        }
        return MISSING;
    }

    private Object unary(Unary u, Row row) {
        Object v = eval(u.operand(), row);
        if (u.op().equals("NOT")) {
            Boolean b = bool(v);
            return b == null ? null : !b;
        }
        BigDecimal n = number(v);
        return n == null ? null : n.negate();
    }

    private Object binary(Binary b, Row row) {
        switch (b.op()) {
            case "AND" -> {
                return and(bool(eval(b.left(), row)), bool(eval(b.right(), row)));
            }
            case "OR" -> {
                return or(bool(eval(b.left(), row)), bool(eval(b.right(), row)));
            }
            default -> {
            }
        }
        Object l = eval(b.left(), row);
        Object r = eval(b.right(), row);
        return switch (b.op()) {
            case "=", "!=", "<", "<=", ">", ">=" -> compareOp(b.op(), l, r);
            case "||" -> absent(l) || absent(r) ? null : text(l) + text(r);
            default -> arithmetic(b.op(), number(l), number(r));
        };
    }

    private static Object arithmetic(String op, BigDecimal l, BigDecimal r) {
        if (l == null || r == null) {
            return null;
        }
        return SelectNumbers.checked(switch (op) {
            case "+" -> l.add(r, MathContext.DECIMAL128);
            case "-" -> l.subtract(r, MathContext.DECIMAL128);
            case "*" -> l.multiply(r, MathContext.DECIMAL128);
            case "/" -> {
                if (r.signum() == 0) {
                    throw new SelectException("DivisionByZero", "Division by zero.");
                }
                yield l.divide(r, MathContext.DECIMAL64);
            }
            default -> {
                if (r.signum() == 0) {
                    throw new SelectException("DivisionByZero", "Division by zero.");
                }
                yield l.remainder(r, MathContext.DECIMAL128);
            }
        });
    }

    static Boolean compareOp(String op, Object l, Object r) {
        if (absent(l) || absent(r)) {
            return null;
        }
        int c = compare(l, r);
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Numbers numerically (a string that is a number counts as one), booleans, else text. */
    static int compare(Object l, Object r) {
        if (l instanceof BigDecimal || r instanceof BigDecimal) {
            BigDecimal a = number(l);
            BigDecimal b = number(r);
            if (a != null && b != null) {
                return a.compareTo(b);
            }
        }
        if (l instanceof Boolean a && r instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        return text(l).compareTo(text(r));
    }

    private Object like(Like l, Row row) {
        Object v = eval(l.value(), row);
        Object p = eval(l.pattern(), row);
        Object esc = l.escape() == null ? null : eval(l.escape(), row);
        if (absent(v) || absent(p)) {
            return null;
        }
        String escape = esc == null ? null : text(esc);
        if (escape != null && escape.length() != 1) {
            throw new SelectException("InvalidEscapeSequence", "The ESCAPE value must be one character.");
        }
        String pattern = text(p);
        SelectLike compiled = likes.get(l);
        if (compiled == null || !compiled.isFor(pattern, escape)) {
            compiled = SelectLike.compile(pattern, escape);
            likes.put(l, compiled);
        }
        return compiled.matches(text(v)) != l.negated();
    }

    private Object call(Call c, Row row) {
        if (SelectSql.AGGREGATES.contains(c.name())) {
            throw new SelectException("ParseUnsupportedSyntax", c.name() + " is an aggregate: it may only be selected, not used in WHERE "
                    + "or inside another expression.");
        }
        List<Object> args = c.args().stream().map(a -> eval(a, row)).toList();
        Object first = args.isEmpty() ? null : args.getFirst();
        return switch (c.name()) {
            case "LOWER" -> absent(first) ? null : text(first).toLowerCase(Locale.ROOT);
            case "UPPER" -> absent(first) ? null : text(first).toUpperCase(Locale.ROOT);
            case "TRIM" -> absent(first) ? null : text(first).strip();
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> absent(first) ? null : BigDecimal.valueOf(text(first).codePointCount(0, text(first).length()));
            case "SUBSTRING" -> substring(args);
            case "COALESCE" -> args.stream().filter(a -> !absent(a)).findFirst().orElse(null);
            case "NULLIF" -> args.size() == 2 && Boolean.TRUE.equals(compareOp("=", args.get(0), args.get(1))) ? null : first;
            default -> throw new SelectException("UnsupportedFunction", "The function " + c.name() + " is not supported.");
        };
    }

    private static Object substring(List<Object> args) {
        if (args.isEmpty() || absent(args.getFirst())) {
            return null;
        }
        String s = text(args.getFirst());
        long start = args.size() > 1 ? SelectNumbers.clampedInt(argNumber(args.get(1))) : 1;
        long from = Math.max(0, start - 1);
        long to = args.size() > 2 ? Math.min(s.length(), Math.max(from, start - 1 + SelectNumbers.clampedInt(argNumber(args.get(2)))))
                : s.length();
        return from >= s.length() ? "" : s.substring((int) from, (int) Math.max(from, to));
    }

    /** A SUBSTRING position or length: a number, else S3's InvalidDataType. */
    private static BigDecimal argNumber(Object v) {
        BigDecimal n = number(v);
        if (n == null) {
            throw new SelectException("IncorrectSqlFunctionArgumentType", "SUBSTRING takes a number here, not '" + text(v) + "'.");
        }
        return n;
    }

    /** CAST: numbers, strings and booleans; a value that does not convert is S3's CastFailed. */
    static Object cast(Object v, String type) {
        if (absent(v)) {
            return v == MISSING ? MISSING : null;
        }
        switch (type) {
            case "INT", "INTEGER", "BIGINT", "SMALLINT" -> {
                BigDecimal n = number(v);
                if (n == null) {
                    throw castFailed(v, type);
                }
                return n.setScale(0, RoundingMode.DOWN);
            }
            case "FLOAT", "DOUBLE", "REAL", "DECIMAL", "NUMERIC" -> {
                BigDecimal n = number(v);
                if (n == null) {
                    throw castFailed(v, type);
                }
                return n;
            }
            case "STRING", "VARCHAR", "CHAR", "TEXT" -> {
                return text(v);
            }
            case "BOOL", "BOOLEAN" -> {
                Boolean b = v instanceof Boolean x ? x : switch (text(v).strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                };
                if (b == null) {
                    throw castFailed(v, type);
                }
                return b;
            }
            case "TIMESTAMP" -> {
                try {
                    java.time.OffsetDateTime.parse(text(v));
                    return text(v);
                } catch (java.time.format.DateTimeParseException e) {
                    throw castFailed(v, type);
                }
            }
            default -> throw new SelectException("InvalidCast", "Cannot cast to " + type + ".");
        }
    }

    private static SelectException castFailed(Object v, String type) {
        return new SelectException("CastFailed", "Attempt to convert from one data type to another using CAST failed in the SQL expression: "
                + text(v) + " AS " + type + ".");
    }

    static boolean absent(Object v) {
        return v == null || v == MISSING;
    }

    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal n) {
            return SelectNumbers.bounded(n);
        }
        if (v instanceof Number || v instanceof String) {
            return SelectNumbers.parse(v.toString());
        }
        return null;
    }

    static String text(Object v) {
        if (v instanceof BigDecimal n) {
            if (SelectNumbers.bounded(n) == null) {
                return n.toString(); // e.g. 1E+5000000 from JSON input: never spelled out digit by digit
            }
            return n.stripTrailingZeros().scale() <= 0 ? n.toBigInteger().toString() : n.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    static Boolean bool(Object v) {
        return v instanceof Boolean b ? b : null;
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }
}
