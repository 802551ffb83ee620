package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.FieldDefaults;
import io.haneul.cloudsearch.domain.Languages;
import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.domain.OptionState;
import io.haneul.cloudsearch.engine.DomainSchema;
import io.haneul.cloudsearch.store.OptionRow;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A domain's named options at one moment, read from its rows: the latest definitions with pending
 * deletions left out (what new definitions are checked against and what the search side works with).
 */
record Snapshot(Map<String, IndexField> fields, Map<String, AnalysisScheme> schemes, Map<String, Expression> expressions,
                Map<String, Suggester> suggesters) {

    static Snapshot latest(List<OptionRow> rows, Shapes shapes) {
        return of(rows, shapes, false);
    }

    /**
     * What the search side can apply: the latest definitions less those that failed to validate and
     * those whose analysis scheme or suggester source is gone (deleted since, not yet re-indexed).
     */
    static Snapshot servable(List<OptionRow> rows, Shapes shapes) {
        Snapshot all = of(rows, shapes, true);
        Map<String, IndexField> fields = new TreeMap<>();
        all.fields.forEach((name, f) -> {
            IndexField e = FieldDefaults.effective(f);
            String scheme = e.textOptions() != null ? e.textOptions().analysisScheme()
                    : e.textArrayOptions() != null ? e.textArrayOptions().analysisScheme() : null;
            if (scheme == null || all.schemes.containsKey(scheme) || Languages.isBuiltInScheme(scheme)) {
                fields.put(name, f);
            }
        });
        Map<String, Suggester> suggesters = new TreeMap<>();
        all.suggesters.forEach((name, s) -> {
            if (fields.containsKey(s.documentSuggesterOptions().sourceField())) {
                suggesters.put(name, s);
            }
        });
        return new Snapshot(fields, all.schemes, all.expressions, suggesters);
    }

    private static Snapshot of(List<OptionRow> rows, Shapes shapes, boolean validOnly) {
        Map<String, IndexField> fields = new TreeMap<>();
        Map<String, AnalysisScheme> schemes = new TreeMap<>();
        Map<String, Expression> expressions = new TreeMap<>();
        Map<String, Suggester> suggesters = new TreeMap<>();
        for (OptionRow r : rows) {
            if (r.pendingDeletion() || validOnly && OptionState.FAILED_TO_VALIDATE.wire().equals(r.state())) {
                continue;
            }
            switch (OptionKind.valueOf(r.kind().toUpperCase(java.util.Locale.ROOT))) {
                case FIELD -> fields.put(r.name(), shapes.read(r.doc(), IndexField.class));
                case SCHEME -> schemes.put(r.name(), shapes.read(r.doc(), AnalysisScheme.class));
                case EXPRESSION -> expressions.put(r.name(), shapes.read(r.doc(), Expression.class));
                case SUGGESTER -> suggesters.put(r.name(), shapes.read(r.doc(), Suggester.class));
                default -> {
                }
            }
        }
        return new Snapshot(fields, schemes, expressions, suggesters);
    }

    /** The configuration the search side applies: every field option spelled out (see {@link FieldDefaults}). */
    DomainSchema schema() {
        Map<String, IndexField> effective = new LinkedHashMap<>();
        fields.forEach((name, f) -> effective.put(name, FieldDefaults.effective(f)));
        return new DomainSchema(List.copyOf(effective.values()), List.copyOf(schemes.values()), List.copyOf(expressions.values()),
                List.copyOf(suggesters.values()));
    }
}
