package io.haneul.cloudsearch.engine;

import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.util.List;

/**
 * A domain's search configuration in the configuration API's own shapes (the SDK's model classes),
 * so that the configuration side and the engine share one vocabulary and no translation.
 * Only options that are not pending deletion are listed.
 */
public record DomainSchema(List<IndexField> fields, List<AnalysisScheme> analysisSchemes,
                           List<Expression> expressions, List<Suggester> suggesters) {

    public DomainSchema {
        fields = List.copyOf(fields);
        analysisSchemes = List.copyOf(analysisSchemes);
        expressions = List.copyOf(expressions);
        suggesters = List.copyOf(suggesters);
    }
}
