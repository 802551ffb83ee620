package io.haneul.transcoder.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * Elastic Transcoder's tables (component {@code transcoder}). Pipelines, custom presets and jobs are
 * kept as their SDK wire documents ({@code doc}), with the columns the listings filter and sort on
 * beside them: ids start with their creation time in milliseconds, so ordering by id is ordering by age.
 */
public final class TranscoderSchema {

    public static final String COMPONENT = "transcoder";

    public static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "pipelines, custom presets and jobs", """
            CREATE TABLE transcoder_pipelines (account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (account, region, id));
            CREATE TABLE transcoder_presets (account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
                PRIMARY KEY (account, region, id));
            CREATE TABLE transcoder_jobs (account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, pipeline_id TEXT NOT NULL,
                status TEXT NOT NULL, progress INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account, region, id));
            CREATE INDEX transcoder_jobs_by_pipeline ON transcoder_jobs (account, region, pipeline_id, id);
            CREATE INDEX transcoder_jobs_by_status ON transcoder_jobs (account, region, status, id);
            CREATE INDEX transcoder_jobs_by_id ON transcoder_jobs (id)
            """));

    private TranscoderSchema() {
    }
}
