package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.AnalysisSchemeRules;
import io.haneul.cloudsearch.domain.CloudSearchException;
import io.haneul.cloudsearch.domain.ExpressionRules;
import io.haneul.cloudsearch.domain.IndexFieldRules;
import io.haneul.cloudsearch.domain.OptionKind;
import io.haneul.cloudsearch.domain.OptionState;
import io.haneul.cloudsearch.domain.SuggesterRules;
import io.haneul.cloudsearch.store.OptionRow;
import io.haneul.cloudsearch.store.SqlDomainStore;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.OptionStatus;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Index fields, analysis schemes, expressions and suggesters: defined (checked against the domain's
 * other options), described (latest or deployed) and deleted (pending until IndexDocuments). A
 * change waits in RequiresIndexDocuments; {@link DomainService#indexDocuments} deploys it.
 */
final class OptionService {

    /** A described option: its definition and its status. */
    record Described<T>(T options, OptionStatus status) {
    }

    private final SqlDomainStore store;
    private final Clock clock;
    private final Shapes shapes;

    OptionService(SqlDomainStore store, Clock clock, Shapes shapes) {
        this.store = store;
        this.clock = clock;
        this.shapes = shapes;
    }

    // definitions

    Described<IndexField> defineIndexField(String account, String region, String domain, IndexField field) {
        return define(account, region, domain, OptionKind.FIELD, field.indexFieldName(), field, IndexField.class, snap ->
                IndexFieldRules.check(field, snap.fields(), snap.schemes().keySet()));
    }

    Described<AnalysisScheme> defineAnalysisScheme(String account, String region, String domain, AnalysisScheme scheme) {
        return define(account, region, domain, OptionKind.SCHEME, scheme.analysisSchemeName(), scheme, AnalysisScheme.class,
                snap -> AnalysisSchemeRules.check(scheme));
    }

    Described<Expression> defineExpression(String account, String region, String domain, Expression expression) {
        return define(account, region, domain, OptionKind.EXPRESSION, expression.expressionName(), expression, Expression.class,
                snap -> ExpressionRules.check(expression.expressionName(), expression.expressionValue(), snap.fields(),
                        snap.expressions().keySet()));
    }

    Described<Suggester> defineSuggester(String account, String region, String domain, Suggester suggester) {
        return define(account, region, domain, OptionKind.SUGGESTER, suggester.suggesterName(), suggester, Suggester.class,
                snap -> SuggesterRules.check(suggester, snap.suggesters().size(), snap.suggesters().containsKey(suggester.suggesterName()),
                        snap.fields(), snap.expressions().keySet()));
    }

    // descriptions

    List<Described<IndexField>> describeIndexFields(String account, String region, String domain, List<String> names, boolean deployed) {
        return describe(account, region, domain, OptionKind.FIELD, names, deployed, IndexField.class);
    }

    List<Described<AnalysisScheme>> describeAnalysisSchemes(String account, String region, String domain, List<String> names,
                                                            boolean deployed) {
        return describe(account, region, domain, OptionKind.SCHEME, names, deployed, AnalysisScheme.class);
    }

    List<Described<Expression>> describeExpressions(String account, String region, String domain, List<String> names, boolean deployed) {
        return describe(account, region, domain, OptionKind.EXPRESSION, names, deployed, Expression.class);
    }

    List<Described<Suggester>> describeSuggesters(String account, String region, String domain, List<String> names, boolean deployed) {
        return describe(account, region, domain, OptionKind.SUGGESTER, names, deployed, Suggester.class);
    }

    // deletions

    Described<IndexField> deleteIndexField(String account, String region, String domain, String name) {
        return delete(account, region, domain, OptionKind.FIELD, name, IndexField.class);
    }

    Described<AnalysisScheme> deleteAnalysisScheme(String account, String region, String domain, String name) {
        return delete(account, region, domain, OptionKind.SCHEME, name, AnalysisScheme.class);
    }

    Described<Expression> deleteExpression(String account, String region, String domain, String name) {
        return delete(account, region, domain, OptionKind.EXPRESSION, name, Expression.class);
    }

    Described<Suggester> deleteSuggester(String account, String region, String domain, String name) {
        return delete(account, region, domain, OptionKind.SUGGESTER, name, Suggester.class);
    }

    // the shared steps

    private interface Check {
        void check(Snapshot latest);
    }

    private <T extends SdkPojo> Described<T> define(String account, String region, String domain, OptionKind kind, String name,
                                                    T definition, Class<T> type, Check check) {
        long now = clock.millis();
        OptionRow row = store.update(tx -> {
            DomainService.require(tx, account, region, domain);
            check.check(Snapshot.latest(tx.options(account, region, domain), shapes));
            OptionRow old = tx.option(account, region, domain, kind.stored(), name).orElse(null);
            long version = tx.nextVersion(account, region, domain);
            OptionRow next = new OptionRow(kind.stored(), name, shapes.write(definition), old == null ? null : old.deployed(),
                    old == null || old.pendingDeletion() ? now : old.createdAt(), now, version,
                    OptionState.REQUIRES_INDEX_DOCUMENTS.wire(), 0, false);
            tx.putOption(account, region, domain, next);
            return next;
        });
        return new Described<>(shapes.read(row.doc(), type), Shapes.status(row, now));
    }

    private <T extends SdkPojo> List<Described<T>> describe(String account, String region, String domain, OptionKind kind,
                                                            List<String> names, boolean deployed, Class<T> type) {
        long now = clock.millis();
        Set<String> wanted = names == null || names.isEmpty() ? null : new HashSet<>(names);
        List<OptionRow> rows = store.read(tx -> {
            DomainService.require(tx, account, region, domain);
            return tx.options(account, region, domain, kind.stored());
        });
        return rows.stream()
                .filter(r -> wanted == null || wanted.contains(r.name()))
                .filter(r -> !deployed || r.deployed() != null)
                .map(r -> new Described<>(shapes.read(deployed ? r.deployed() : r.doc(), type), Shapes.status(r, now)))
                .toList();
    }

    private <T extends SdkPojo> Described<T> delete(String account, String region, String domain, OptionKind kind, String name,
                                                    Class<T> type) {
        long now = clock.millis();
        OptionRow row = store.update(tx -> {
            DomainService.require(tx, account, region, domain);
            OptionRow old = tx.option(account, region, domain, kind.stored(), name).filter(r -> !r.pendingDeletion())
                    .orElseThrow(() -> CloudSearchException.notFound(kind.label() + " not found: " + name));
            long version = tx.nextVersion(account, region, domain);
            OptionRow next = new OptionRow(old.kind(), name, old.doc(), old.deployed(), old.createdAt(), now, version,
                    OptionState.REQUIRES_INDEX_DOCUMENTS.wire(), 0, true);
            tx.putOption(account, region, domain, next);
            return next;
        });
        return new Described<>(shapes.read(row.doc(), type), Shapes.status(row, now));
    }
}
