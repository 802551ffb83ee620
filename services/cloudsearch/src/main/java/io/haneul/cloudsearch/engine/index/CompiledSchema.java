package io.haneul.cloudsearch.engine.index;

import io.haneul.cloudsearch.engine.DomainSchema;
import io.haneul.cloudsearch.engine.analysis.SchemeAnalyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A domain's schema ready for Lucene: field specs by name (dynamic ones matched in order), the
 * analyzers of every text field, expressions and suggesters by name, and a fingerprint of what
 * shapes the index (fields and analysis schemes), so that an index built with another schema is
 * known to need rebuilding.
 */
public final class CompiledSchema {

    private static final String DEFAULT_SCHEME = "_en_default_";

    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final List<FieldSpec> dynamic = new ArrayList<>();
    private final Map<String, SchemeAnalyzers.Pair> schemes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> expressions = new LinkedHashMap<>();
    private final Map<String, Suggester> suggesters = new LinkedHashMap<>();
    private final String fingerprint;
    private final boolean derivesFields;
    private final Map<String, org.apache.lucene.expressions.Expression> compiledExpressions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Analyzer indexAnalyzer;
    private final Analyzer queryAnalyzer;

    public CompiledSchema(DomainSchema schema) {
        for (AnalysisScheme s : schema.analysisSchemes()) {
            schemes.put(s.analysisSchemeName(), SchemeAnalyzers.of(s));
        }
        for (IndexField f : schema.fields()) {
            FieldSpec spec = FieldSpec.of(f);
            if (spec.dynamic()) {
                dynamic.add(spec);
            } else {
                fields.put(spec.name(), spec);
            }
        }
        for (Expression e : schema.expressions()) {
            expressions.put(e.expressionName(), e.expressionValue());
        }
        for (Suggester s : schema.suggesters()) {
            suggesters.put(s.suggesterName(), s);
        }
        this.derivesFields = fields.values().stream().anyMatch(f -> f.defaultValue() != null || !f.sourceFields().isEmpty());
        this.fingerprint = digest(schema.fields().toString() + "|" + schema.analysisSchemes().toString());
        this.indexAnalyzer = new PerField(true);
        this.queryAnalyzer = new PerField(false);
    }

    /**
     * An expression's text compiled to bytecode, kept while this schema lives (compiling costs more
     * than many searches; a compiled expression is immutable and shared between searches). Bounded:
     * request expressions ({@code expr.NAME}) are the caller's to vary.
     */
    public org.apache.lucene.expressions.Expression compiledExpression(String text) throws java.text.ParseException {
        org.apache.lucene.expressions.Expression e = compiledExpressions.get(text);
        if (e == null) {
            e = org.apache.lucene.expressions.js.JavascriptCompiler.compile(text);
            if (compiledExpressions.size() >= 512) {
                compiledExpressions.clear();
            }
            compiledExpressions.put(text, e);
        }
        return e;
    }

    /** The spec of a document or query field, a dynamic field's instance included; empty when none matches. */
    public Optional<FieldSpec> field(String name) {
        FieldSpec spec = fields.get(name);
        if (spec != null) {
            return Optional.of(spec);
        }
        for (FieldSpec d : dynamic) {
            if (d.matches(name)) {
                return Optional.of(d.named(name));
            }
        }
        return Optional.empty();
    }

    /** The fields declared by name (dynamic patterns not included). */
    public java.util.Collection<FieldSpec> declared() {
        return fields.values();
    }

    /** Whether any declared field takes a default value or copies source fields (documents then differ from what was sent). */
    public boolean derivesFields() {
        return derivesFields;
    }

    /** Text fields searched when a query names none: every declared text and text-array field. */
    public List<String> defaultSearchFields() {
        return fields.values().stream().filter(f -> f.type() == FieldType.TEXT).map(FieldSpec::name).toList();
    }

    public Map<String, String> expressions() {
        return expressions;
    }

    public Map<String, Suggester> suggesters() {
        return suggesters;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Analyzes every field at index time: text fields by their scheme, everything else untouched. */
    public Analyzer indexAnalyzer() {
        return indexAnalyzer;
    }

    /** As {@link #indexAnalyzer}, with synonyms. */
    public Analyzer queryAnalyzer() {
        return queryAnalyzer;
    }

    public Analyzer analyzerOf(String field, boolean index) {
        Optional<FieldSpec> spec = field(field);
        if (spec.isEmpty() || spec.get().type() != FieldType.TEXT) {
            return KEYWORD;
        }
        SchemeAnalyzers.Pair pair = scheme(spec.get().analysisScheme());
        return index ? pair.index() : pair.query();
    }

    private SchemeAnalyzers.Pair scheme(String name) {
        String n = name == null || name.isBlank() ? DEFAULT_SCHEME : name;
        return schemes.computeIfAbsent(n,
                k -> SchemeAnalyzers.builtIn(k).orElseGet(() -> SchemeAnalyzers.builtIn(DEFAULT_SCHEME).orElseThrow()));
    }

    private static final Analyzer KEYWORD = new KeywordAnalyzer();

    private final class PerField extends DelegatingAnalyzerWrapper {
        private final boolean index;

        PerField(boolean index) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.index = index;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return analyzerOf(fieldName, index);
        }
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
