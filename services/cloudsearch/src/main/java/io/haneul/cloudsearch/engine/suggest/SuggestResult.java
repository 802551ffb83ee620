package io.haneul.cloudsearch.engine.suggest;

import java.util.List;

/** A suggest answer: {@code {query, found, suggestions:[{suggestion, score, id}]}}. */
public record SuggestResult(String query, List<Suggestion> suggestions) {

    public record Suggestion(String suggestion, long score, String id) {
    }
}
