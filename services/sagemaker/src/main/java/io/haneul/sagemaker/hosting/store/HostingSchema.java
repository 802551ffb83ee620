package io.haneul.sagemaker.hosting.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * SageMaker hosting's tables (component {@value #COMPONENT}): models, endpoint configurations,
 * endpoints, transform jobs and registry entries are kept as their Describe answers' SDK wire documents
 * ({@code doc}) in one table keyed by kind and name, with the columns listings filter and sort on beside
 * them; tags are kept by resource ARN, so that any resource of the service can carry them.
 */
public final class HostingSchema {

    public static final String COMPONENT = "sagemaker-hosting";

    public static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "hosting resources and tags", """
            CREATE TABLE sagemaker_host_resources (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
                name TEXT NOT NULL, status TEXT NOT NULL, created BIGINT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (account, region, kind, name));
            CREATE INDEX sagemaker_host_resources_by_status ON sagemaker_host_resources (kind, status);
            CREATE TABLE sagemaker_host_tags (arn TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
                PRIMARY KEY (arn, tag_key))
            """));

    private HostingSchema() {
    }
}
