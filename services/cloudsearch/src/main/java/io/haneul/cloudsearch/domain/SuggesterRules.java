package io.haneul.cloudsearch.domain;

import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's rules for a suggester: its source is a single-valued text or literal field of the domain,
 * its SortExpression an expression over the domain's fields other than {@code _score}, and a domain
 * has at most ten.
 */
public final class SuggesterRules {

    public static final int MAX_SUGGESTERS = 10;

    private SuggesterRules() {
    }

    public static void check(Suggester s, int defined, boolean replaces, Map<String, IndexField> fields, Set<String> expressions) {
        if (s.documentSuggesterOptions() == null) {
            throw CloudSearchException.invalid("Suggester '" + s.suggesterName() + "' needs DocumentSuggesterOptions.");
        }
        Enums.check(s.documentSuggesterOptions().fuzzyMatchingAsString(), List.of("none", "low", "high"),
                "suggester.documentSuggesterOptions.fuzzyMatching");
        List<String> problems = problems(s, fields, expressions);
        if (!problems.isEmpty()) {
            throw CloudSearchException.invalid(problems.getFirst());
        }
        if (!replaces && defined >= MAX_SUGGESTERS) {
            throw CloudSearchException.limitExceeded("The domain already has the maximum of " + MAX_SUGGESTERS + " suggesters.");
        }
    }

    /** The references of {@code s} that do not resolve (checked when defined and again by IndexDocuments). */
    public static List<String> problems(Suggester s, Map<String, IndexField> fields, Set<String> expressions) {
        List<String> problems = new ArrayList<>();
        String source = s.documentSuggesterOptions().sourceField();
        IndexField f = fields.get(source);
        if (f == null || !("text".equals(f.indexFieldTypeAsString()) || "literal".equals(f.indexFieldTypeAsString()))) {
            problems.add("Source field '" + source + "' of suggester '" + s.suggesterName() + "' is not a text or literal index field.");
        }
        String sort = s.documentSuggesterOptions().sortExpression();
        if (sort != null) {
            if (sort.contains("_score")) {
                problems.add("The sort expression of suggester '" + s.suggesterName() + "' cannot use _score.");
            } else {
                problems.addAll(ExpressionRules.problems(s.suggesterName(), sort, fields, expressions));
            }
        }
        return problems;
    }
}
