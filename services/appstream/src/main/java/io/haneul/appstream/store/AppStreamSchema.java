package io.haneul.appstream.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * AppStream's tables (component {@code appstream}). Every resource (fleet, stack, image, builder,
 * application, user...) is its SDK wire document in {@code appstream_resources}, keyed by kind and
 * name; {@code next_state}/{@code next_at} say which state a resource settles into and when (a fleet
 * STARTING becomes RUNNING), applied when it is next read, so no timer is needed. Associations
 * (fleet to stack, user to stack, application to fleet...) are rows of {@code appstream_links}; tags
 * belong to an ARN.
 */
public final class AppStreamSchema {

    public static final String COMPONENT = "appstream";

    public static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "resources, associations and tags", """
            CREATE TABLE appstream_resources (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                doc TEXT NOT NULL, next_state TEXT, next_at BIGINT, PRIMARY KEY (account, region, kind, name));
            CREATE TABLE appstream_links (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
                doc TEXT, PRIMARY KEY (account, region, kind, a, b));
            CREATE INDEX appstream_links_by_b ON appstream_links (region, kind, b);
            CREATE TABLE appstream_tags (account TEXT NOT NULL, region TEXT NOT NULL, arn TEXT NOT NULL, tag_key TEXT NOT NULL,
                tag_value TEXT NOT NULL, PRIMARY KEY (account, region, arn, tag_key))
            """));

    private AppStreamSchema() {
    }
}
