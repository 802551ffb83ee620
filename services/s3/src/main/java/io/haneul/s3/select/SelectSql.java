package io.haneul.s3.select;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The S3 Select SQL subset, parsed into {@link Expr} trees: {@code SELECT} a list of expressions (with
 * {@code AS} aliases) or {@code *}, {@code FROM S3Object} with an optional {@code [*]}/path and alias,
 * {@code WHERE} with comparisons, {@code AND}/{@code OR}/{@code NOT}, {@code LIKE} (with {@code ESCAPE}),
 * {@code IS [NOT] NULL}/{@code MISSING}, {@code BETWEEN}, {@code IN}, arithmetic and {@code ||}, and
 * {@code LIMIT}; {@code CAST}, the aggregates {@code COUNT}/{@code SUM}/{@code AVG}/{@code MIN}/{@code MAX}
 * and the string functions {@code LOWER}, {@code UPPER}, {@code TRIM}, {@code CHAR_LENGTH},
 * {@code SUBSTRING}, {@code COALESCE}, {@code NULLIF}. Columns are {@code s.name}, {@code name},
 * {@code "Quoted"} or positions {@code _1}. S3 Select's grammar is its own SQL dialect (no general SQL
 * parser library parses {@code S3Object[*]} paths), so this is a small recursive-descent parser over a
 * tokenizer; errors are {@link SelectException}s with S3's parse error codes.
 */
public final class SelectSql {

    /** A parsed query. {@code projection} empty means {@code *}. */
    public record Query(List<Item> projection, List<String> fromPath, String alias, Expr where, Long limit) {
    }

    /** One projected expression with the name it is written under (its alias, else the column's name, else null). */
    public record Item(Expr expr, String name) {
    }

    /** An expression node. */
    public sealed interface Expr permits Literal, Column, Unary, Binary, Call, Cast, Like, IsNull, Between, In {
    }

    public record Literal(Object value) implements Expr {
    }

    /** A path: names and indexes (Integer) after the optional table alias. */
    public record Column(List<Object> path) implements Expr {
    }

    public record Unary(String op, Expr operand) implements Expr {
    }

    public record Binary(String op, Expr left, Expr right) implements Expr {
    }

    /** A function call; {@code star} for {@code COUNT(*)}. */
    public record Call(String name, List<Expr> args, boolean star) implements Expr {
    }

    public record Cast(Expr value, String type) implements Expr {
    }

    public record Like(Expr value, Expr pattern, Expr escape, boolean negated) implements Expr {
    }

    /** {@code IS [NOT] NULL} or {@code IS [NOT] MISSING}. */
    public record IsNull(Expr value, boolean missing, boolean negated) implements Expr {
    }

    public record Between(Expr value, Expr low, Expr high, boolean negated) implements Expr {
    }

    public record In(Expr value, List<Expr> options, boolean negated) implements Expr {
    }

    static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "LIMIT", "AS", "AND", "OR", "NOT", "LIKE", "ESCAPE",
            "IS", "NULL", "MISSING", "BETWEEN", "IN", "CAST", "TRUE", "FALSE");

    private final List<String> tokens;
    private int at;

    private SelectSql(String sql) {
        this.tokens = tokenize(sql);
    }

    /** Parses an S3 Select expression. */
    public static Query parse(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SelectException("MissingRequiredParameter", "The SQL expression is required.");
        }
        try {
            return new SelectSql(sql).query();
        } catch (RuntimeException e) {
            throw SelectException.of(e, "ParseUnexpectedToken");
        }
    }

    private Query query() {
        expectKeyword("SELECT");
        List<Item> projection = new ArrayList<>();
        if (peek("*")) {
            at++;
        } else {
            do {
                Expr e = expr();
                String name = null;
                if (acceptKeyword("AS")) {
                    name = identifier();
                } else if (isIdentifier(peekToken()) && !RESERVED.contains(upper(peekToken()))) {
                    name = identifier();
                } else if (e instanceof Column c && c.path().getLast() instanceof String last) {
                    name = last;
                }
                projection.add(new Item(e, name));
            } while (accept(","));
        }
        expectKeyword("FROM");
        String table = identifier();
        if (!table.equalsIgnoreCase("S3Object")) {
            throw new SelectException("ParseUnexpectedToken", "The FROM clause must name S3Object, not " + table + ".");
        }
        List<String> from = new ArrayList<>();
        while (peek("[") || peek(".")) {
            if (accept("[")) {
                expect("*");
                expect("]");
                from.add("*");
            } else {
                at++;
                from.add(identifier());
            }
        }
        String alias = null;
        if (acceptKeyword("AS")) {
            alias = identifier();
        } else if (isIdentifier(peekToken()) && !RESERVED.contains(upper(peekToken()))) {
            alias = identifier();
        }
        Expr where = acceptKeyword("WHERE") ? expr() : null;
        Long limit = null;
        if (acceptKeyword("LIMIT")) {
            String n = next();
            try {
                limit = Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new SelectException("ParseUnexpectedToken", "LIMIT takes a whole number, not " + n + ".");
            }
        }
        if (at < tokens.size()) {
            throw new SelectException("ParseUnexpectedToken", "Unexpected token: " + tokens.get(at));
        }
        return new Query(projection, from, alias, where, limit);
    }

    private Expr expr() {
        return leftAssociative(this::and, "OR");
    }

    private Expr and() {
        return leftAssociative(this::not, "AND");
    }

    private Expr not() {
        if (acceptKeyword("NOT")) {
            return new Unary("NOT", not());
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        String t = peekToken();
        if (t == null) {
            return left;
        }
        if (Set.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(t)) {
            at++;
            return new Binary(t.equals("<>") ? "!=" : t, left, additive());
        }
        if (acceptKeyword("IS")) {
            boolean negated = acceptKeyword("NOT");
            if (acceptKeyword("NULL")) {
                return new IsNull(left, false, negated);
            }
            expectKeyword("MISSING");
            return new IsNull(left, true, negated);
        }
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("LIKE")) {
            Expr pattern = additive();
            Expr escape = acceptKeyword("ESCAPE") ? additive() : null;
            return new Like(left, pattern, escape, negated);
        }
        if (acceptKeyword("BETWEEN")) {
            Expr low = additive();
            expectKeyword("AND");
            return new Between(left, low, additive(), negated);
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Expr> options = new ArrayList<>();
            do {
                options.add(additive());
            } while (accept(","));
            expect(")");
            return new In(left, options, negated);
        }
        if (negated) {
            throw new SelectException("ParseUnexpectedToken", "Unexpected token after NOT: " + peekToken());
        }
        return left;
    }

    private Expr additive() {
        return leftAssociative(this::multiplicative, "+", "-", "||");
    }

    private Expr multiplicative() {
        return leftAssociative(this::unary, "*", "/", "%");
    }

    /** Operands joined by any of {@code operators} (keywords in any case), grouped from the left. */
    private Expr leftAssociative(java.util.function.Supplier<Expr> operand, String... operators) {
        Expr left = operand.get();
        String t = peekToken();
        while (t != null && !t.startsWith("\"") && java.util.Arrays.asList(operators).contains(upper(t))) {
            at++;
            left = new Binary(upper(t), left, operand.get());
            t = peekToken();
        }
        return left;
    }

    private Expr unary() {
        if (accept("-")) {
            return new Unary("-", unary());
        }
        return primary();
    }

    private Expr primary() {
        String t = next();
        if (t == null) {
            throw new SelectException("ParseUnexpectedTerm", "The expression ended early.");
        }
        if (t.equals("(")) {
            Expr e = expr();
            expect(")");
            return e;
        }
        if (t.startsWith("'")) {
            return new Literal(t.substring(1, t.length() - 1).replace("''", "'"));
        }
        if (Character.isDigit(t.charAt(0)) || (t.charAt(0) == '.' && t.length() > 1)) {
            BigDecimal n = SelectNumbers.parse(t);
            if (n == null) {
                throw new SelectException(t.chars().filter(ch -> ch == '.').count() > 1 || t.matches(".*[eE].*[eE].*|.*[eE]$")
                        ? "ParseUnexpectedToken" : "InvalidDataType", "The number " + t + " is not valid or is out of range.");
            }
            return new Literal(n);
        }
        String word = upper(t);
        switch (word) {
            case "TRUE" -> {
                return new Literal(Boolean.TRUE);
            }
            case "FALSE" -> {
                return new Literal(Boolean.FALSE);
            }
            case "NULL" -> {
                return new Literal(null);
            }
            case "CAST" -> {
                expect("(");
                Expr value = expr();
                expectKeyword("AS");
                String type = upper(identifier());
                if (accept("(")) { // e.g. DECIMAL(10, 2): precision is not kept
                    while (!accept(")")) {
                        next();
                    }
                }
                expect(")");
                return new Cast(value, type);
            }
            default -> {
            }
        }
        if (!isIdentifier(t)) {
            throw new SelectException("ParseUnexpectedToken", "Unexpected token: " + t);
        }
        if (peek("(") && !t.startsWith("\"")) {
            at++;
            if (word.equals("COUNT") && accept("*")) {
                expect(")");
                return new Call("COUNT", List.of(), true);
            }
            List<Expr> args = new ArrayList<>();
            if (!peek(")")) {
                if (word.equals("SUBSTRING")) {
                    args.add(expr());
                    if (acceptKeyword("FROM") || accept(",")) {
                        args.add(expr());
                        if (acceptKeyword("FOR") || accept(",")) {
                            args.add(expr());
                        }
                    }
                } else {
                    do {
                        args.add(expr());
                    } while (accept(","));
                }
            }
            expect(")");
            return new Call(word, args, false);
        }
        List<Object> path = new ArrayList<>();
        path.add(unquote(t));
        while (peek(".") || peek("[")) {
            if (accept(".")) {
                path.add(identifier());
            } else {
                at++;
                String index = next();
                expect("]");
                try {
                    path.add(Integer.parseInt(index));
                } catch (NumberFormatException e) {
                    path.add(index.startsWith("'") ? index.substring(1, index.length() - 1) : index);
                }
            }
        }
        return new Column(path);
    }

    // ---- tokens ----

    private static List<String> tokenize(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= sql.length()) {
                        throw new SelectException("LexerInvalidLiteral", "An unterminated quoted literal starts at " + i + ".");
                    }
                    if (sql.charAt(j) == c) {
                        if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(sql.substring(i, j + 1));
                i = j + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i;
                while (j < sql.length() && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.'
                        || sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                    j++;
                }
                out.add(sql.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                out.add(sql.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < sql.length() ? sql.substring(i, i + 2) : "";
                if (Set.of("<=", ">=", "!=", "<>", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("()[],.*=<>+-/%".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new SelectException("LexerInvalidChar", "The character '" + c + "' is not valid here.");
                }
            }
        }
        return out;
    }

    private static boolean isIdentifier(String t) {
        return t != null && (t.startsWith("\"") || Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    private String identifier() {
        String t = next();
        if (!isIdentifier(t)) {
            throw new SelectException("ParseExpectedIdentForAlias", "Expected a name, found " + t + ".");
        }
        return unquote(t);
    }

    private static String unquote(String t) {
        return t.startsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t;
    }

    private static String upper(String t) {
        return t == null ? "" : t.toUpperCase(Locale.ROOT);
    }

    private String peekToken() {
        return at < tokens.size() ? tokens.get(at) : null;
    }

    private boolean peek(String t) {
        return t.equals(peekToken());
    }

    private String next() {
        return at < tokens.size() ? tokens.get(at++) : null;
    }

    private boolean accept(String t) {
        if (peek(t)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw new SelectException("ParseUnexpectedToken", "Expected " + t + ", found " + peekToken() + ".");
        }
    }

    private boolean acceptKeyword(String keyword) {
        String t = peekToken();
        if (t != null && !t.startsWith("\"") && t.equalsIgnoreCase(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw new SelectException("ParseExpectedKeyword", "Expected " + keyword + ", found " + peekToken() + ".");
        }
    }
}
