package io.haneul.s3.select;

import io.haneul.s3.select.SelectEval.Row;
import io.haneul.s3.select.SelectSql.Call;
import io.haneul.s3.select.SelectSql.Item;
import io.haneul.s3.select.SelectSql.Query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a parsed query over input records: filters with WHERE, projects each kept record (or, when
 * every selected item is an aggregate, folds them into one result), and stops at LIMIT. A result is an
 * ordered map of output names to values; {@code SELECT *} gives the record itself ({@link Output#whole}).
 */
public final class SelectRun {

    /** One output record: named values, or the input record whole ({@code SELECT *}). */
    public record Output(Map<String, Object> named, Row whole) {
    }

    private final Query query;
    private final SelectEval eval;
    private final boolean aggregate;

    public SelectRun(Query query) {
        this.query = query;
        this.eval = new SelectEval(query.alias());
        long aggregates = query.projection().stream().filter(i -> isAggregate(i)).count();
        if (aggregates > 0 && aggregates < query.projection().size()) {
            throw new SelectException("ParseUnsupportedSyntax", "Aggregates cannot be selected beside other expressions (there is no GROUP BY).");
        }
        this.aggregate = aggregates > 0;
    }

    private static boolean isAggregate(Item i) {
        return i.expr() instanceof Call c && SelectSql.AGGREGATES.contains(c.name());
    }

    /** Feeds {@code out} each result, in input order. */
    public void run(Iterator<Row> rows, Consumer<Output> out) {
        try {
            outputs(rows).forEachRemaining(out);
        } catch (RuntimeException e) {
            throw SelectException.of(e, "InvalidDataType");
        }
    }

    /**
     * The results, in input order, computed as they are asked for (an aggregate's one result reads every
     * record first). A failure on the data is thrown by {@code hasNext} or {@code next}, unwrapped.
     */
    public Iterator<Output> outputs(Iterator<Row> rows) {
        long limit = query.limit() == null ? Long.MAX_VALUE : query.limit();
        return aggregate ? aggregated(rows, limit) : projected(rows, limit);
    }

    private Iterator<Output> aggregated(Iterator<Row> rows, long limit) {
        return new Iterator<>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Output next() {
                if (done) {
                    throw new java.util.NoSuchElementException();
                }
                List<Accumulator> accumulators = query.projection().stream().map(i -> new Accumulator((Call) i.expr())).toList();
                long seen = 0;
                while (rows.hasNext() && seen < limit) {
                    Row row = rows.next();
                    if (eval.test(query.where(), row)) {
                        seen++;
                        for (Accumulator a : accumulators) {
                            a.add(row);
                        }
                    }
                }
                Map<String, Object> named = new LinkedHashMap<>();
                for (int i = 0; i < accumulators.size(); i++) {
                    named.put(name(query.projection().get(i), i), accumulators.get(i).result());
                }
                done = true;
                return new Output(named, null);
            }
        };
    }

    private Iterator<Output> projected(Iterator<Row> rows, long limit) {
        return new Iterator<>() {
            private long emitted;
            private Output ready;

            @Override
            public boolean hasNext() {
                while (ready == null && emitted < limit && rows.hasNext()) {
                    Row row = rows.next();
                    if (eval.test(query.where(), row)) {
                        emitted++;
                        ready = project(row);
                    }
                }
                return ready != null;
            }

            @Override
            public Output next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Output out = ready;
                ready = null;
                return out;
            }
        };
    }

    private Output project(Row row) {
        if (query.projection().isEmpty()) {
            return new Output(null, row);
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < query.projection().size(); i++) {
            named.put(name(query.projection().get(i), i), eval.eval(query.projection().get(i).expr(), row));
        }
        return new Output(named, null);
    }

    /** The output name: the alias or column name, else {@code _N} by position, as S3 Select names them. */
    private static String name(Item item, int index) {
        return item.name() != null ? item.name() : "_" + (index + 1);
    }

    /** COUNT, SUM, AVG, MIN or MAX over the kept records; NULL and MISSING values are skipped (COUNT(*) counts records). */
    private final class Accumulator {
        private final Call call;
        private long count;
        private BigDecimal sum = BigDecimal.ZERO;
        private Object best;

        Accumulator(Call call) {
            this.call = call;
            if (!call.star() && call.args().size() != 1) {
                throw new SelectException("IncorrectSqlFunctionArgumentType", call.name() + " takes one argument.");
            }
        }

        void add(Row row) {
            if (call.star()) {
                count++;
                return;
            }
            Object v = eval.eval(call.args().getFirst(), row);
            if (SelectEval.absent(v)) {
                return;
            }
            count++;
            switch (call.name()) {
                case "SUM", "AVG" -> {
                    BigDecimal n = SelectEval.number(v);
                    if (n == null) {
                        throw new SelectException("InvalidDataType", call.name() + " needs numbers; found '" + SelectEval.text(v)
                                + "' (CAST it).");
                    }
                    sum = SelectNumbers.checked(sum.add(n, MathContext.DECIMAL128));
                }
                case "MIN" -> best = best == null || SelectEval.compare(v, best) < 0 ? v : best;
                case "MAX" -> best = best == null || SelectEval.compare(v, best) > 0 ? v : best;
                default -> {
                }
            }
        }

        Object result() {
            return switch (call.name()) {
                case "COUNT" -> BigDecimal.valueOf(count);
                case "SUM" -> count == 0 ? null : sum;
                case "AVG" -> count == 0 ? null : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
                default -> best;
            };
        }
    }

    /** The whole-record rows of a list, for tests and small inputs. */
    static List<Output> all(SelectRun run, Iterator<Row> rows) {
        List<Output> out = new ArrayList<>();
        run.run(rows, out::add);
        return out;
    }
}
