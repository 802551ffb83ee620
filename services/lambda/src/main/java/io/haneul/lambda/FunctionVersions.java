package io.haneul.lambda;

import io.haneul.lambda.domain.VersionRouter;
import io.haneul.lambda.store.SqlAliasStore;
import io.haneul.lambda.store.SqlVersionStore;

/**
 * What {@link FunctionService} needs to resolve a qualifier: the published versions, the aliases,
 * and the router that splits an alias's invocations by weight.
 */
record FunctionVersions(SqlVersionStore versions, SqlAliasStore aliases, VersionRouter router) {
}
