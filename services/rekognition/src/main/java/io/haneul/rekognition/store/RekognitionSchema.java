package io.haneul.rekognition.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * Rekognition's tables (component {@code rekognition}): collections with a revision that every change
 * to their faces or users bumps (so that each node knows when its in-memory vectors are stale), faces
 * with their embedding as little-endian float32 bytes, users, and collection tags.
 */
public final class RekognitionSchema {

    public static final String COMPONENT = "rekognition";

    private static final String TABLES = """
            CREATE TABLE rekognition_collections (account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL,
                created_ms BIGINT NOT NULL, face_model_version TEXT NOT NULL, revision BIGINT NOT NULL,
                PRIMARY KEY (account, region, id));
            CREATE TABLE rekognition_faces (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                face_id TEXT NOT NULL, image_id TEXT NOT NULL, external_image_id TEXT, user_id TEXT, confidence TEXT NOT NULL,
                box TEXT NOT NULL, embedding %s NOT NULL, created_ms BIGINT NOT NULL,
                PRIMARY KEY (account, region, collection_id, face_id));
            CREATE INDEX rekognition_faces_by_user ON rekognition_faces (account, region, collection_id, user_id);
            CREATE TABLE rekognition_users (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                user_id TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, collection_id, user_id));
            CREATE TABLE rekognition_tags (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                tag_key TEXT NOT NULL, tag_value TEXT NOT NULL, PRIMARY KEY (account, region, collection_id, tag_key))
            """;

    /**
     * Stored-video jobs: the Start request as JSON (so that any node can run the job, and a repeated
     * ClientRequestToken can be checked against it), status, the probed metadata, and one row per result
     * item (an SDK shape as JSON) with the keys Get* sorts by. {@code result_view} separates the label segments
     * of {@code AggregateBy SEGMENTS} from the per-timestamp items.
     */
    private static final String VIDEO = """
            CREATE TABLE rekognition_video_jobs (account TEXT NOT NULL, region TEXT NOT NULL, job_id TEXT NOT NULL,
                api TEXT NOT NULL, client_token TEXT, request TEXT NOT NULL, status TEXT NOT NULL, status_message TEXT,
                metadata TEXT, created_ms BIGINT NOT NULL, finished_ms BIGINT, PRIMARY KEY (account, region, job_id));
            CREATE INDEX rekognition_video_jobs_by_token ON rekognition_video_jobs (account, region, api, client_token);
            CREATE TABLE rekognition_video_results (account TEXT NOT NULL, region TEXT NOT NULL, job_id TEXT NOT NULL,
                result_view TEXT NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, sort_key TEXT NOT NULL, item TEXT NOT NULL,
                PRIMARY KEY (account, region, job_id, result_view, seq))
            """;

    /**
     * Resources kept as stored state without a model behind them: stream processors (their definition as the
     * Create request's JSON, status, the time a label-detection session stops by itself), Face Liveness
     * sessions, Custom Labels projects, their versions and datasets (each entry's JSON line, and its labels with
     * their bounding-box counts, which ListDatasetLabels and the label filters read), and the tags of every resource but collections
     * (which keep theirs in {@code rekognition_tags}), keyed by ARN.
     */
    private static final String STORED = """
            CREATE TABLE rekognition_stream_processors (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                definition TEXT NOT NULL, status TEXT NOT NULL, status_message TEXT, session_id TEXT, stop_at_ms BIGINT,
                created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL, PRIMARY KEY (account, region, name));
            CREATE TABLE rekognition_liveness_sessions (account TEXT NOT NULL, region TEXT NOT NULL, session_id TEXT NOT NULL,
                settings TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, session_id));
            CREATE INDEX rekognition_liveness_sessions_by_age ON rekognition_liveness_sessions (created_ms);
            CREATE TABLE rekognition_projects (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                feature TEXT NOT NULL, auto_update TEXT, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, name));
            CREATE TABLE rekognition_project_versions (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                version TEXT NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL, status_message TEXT,
                created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, project, version));
            CREATE TABLE rekognition_datasets (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                dataset_type TEXT NOT NULL, status TEXT NOT NULL, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL,
                PRIMARY KEY (account, region, project, dataset_type));
            CREATE TABLE rekognition_dataset_entries (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                dataset_type TEXT NOT NULL, source_ref TEXT NOT NULL, entry TEXT NOT NULL,
                PRIMARY KEY (account, region, project, dataset_type, source_ref));
            CREATE TABLE rekognition_dataset_labels (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                dataset_type TEXT NOT NULL, source_ref TEXT NOT NULL, label TEXT NOT NULL, boxes INTEGER NOT NULL,
                PRIMARY KEY (account, region, project, dataset_type, source_ref, label));
            CREATE TABLE rekognition_resource_tags (account TEXT NOT NULL, region TEXT NOT NULL, arn TEXT NOT NULL,
                tag_key TEXT NOT NULL, tag_value TEXT NOT NULL, PRIMARY KEY (account, region, arn, tag_key))
            """;

    /**
     * Project policies (one row per policy of a project, its current revision id and document as sent) and
     * bulk media analysis jobs: the Start request as JSON, status, failure, where the results were written,
     * and a unique ClientRequestToken per account and region, so that racing Starts with one token make one job.
     */
    private static final String POLICIES_AND_BULK = """
            CREATE TABLE rekognition_project_policies (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                policy_name TEXT NOT NULL, revision_id TEXT NOT NULL, document TEXT NOT NULL, created_ms BIGINT NOT NULL,
                updated_ms BIGINT NOT NULL, PRIMARY KEY (account, region, project, policy_name));
            CREATE TABLE rekognition_media_analysis_jobs (account TEXT NOT NULL, region TEXT NOT NULL, job_id TEXT NOT NULL,
                client_token TEXT, request TEXT NOT NULL, status TEXT NOT NULL, failure_code TEXT, failure_message TEXT,
                results_key TEXT, summary_key TEXT, created_ms BIGINT NOT NULL, completed_ms BIGINT,
                PRIMARY KEY (account, region, job_id));
            CREATE UNIQUE INDEX rekognition_media_analysis_jobs_by_token ON rekognition_media_analysis_jobs (account, region, client_token);
            CREATE INDEX rekognition_media_analysis_jobs_by_age ON rekognition_media_analysis_jobs (account, region, created_ms)
            """;

    public static final List<Migration> MIGRATIONS = List.of(new Migration(1, "collections, faces with embeddings, users, tags",
            TABLES.formatted("BLOB"), TABLES.formatted("BYTEA")),
            Migration.of(50, "stored-video jobs and their results", VIDEO),
            Migration.of(51, "ClientRequestToken of user operations and the response each answered", """
                    CREATE TABLE rekognition_request_tokens (account TEXT NOT NULL, region TEXT NOT NULL, operation TEXT NOT NULL,
                        token TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL, created_ms BIGINT NOT NULL,
                        PRIMARY KEY (account, region, operation, token))
                    """),
            Migration.of(52, "one video job per ClientRequestToken, enforced by the store so that racing Starts cannot both insert "
                    + "(a duplicate made by that race before this version keeps its job but loses its token)", """
                    UPDATE rekognition_video_jobs SET client_token = NULL WHERE client_token IS NOT NULL AND EXISTS (
                        SELECT 1 FROM rekognition_video_jobs o WHERE o.account = rekognition_video_jobs.account
                        AND o.region = rekognition_video_jobs.region AND o.api = rekognition_video_jobs.api
                        AND o.client_token = rekognition_video_jobs.client_token AND o.job_id < rekognition_video_jobs.job_id);
                    DROP INDEX rekognition_video_jobs_by_token;
                    CREATE UNIQUE INDEX rekognition_video_jobs_by_token ON rekognition_video_jobs (account, region, api, client_token)
                    """),
            Migration.of(53, "request tokens purged by age", """
                    CREATE INDEX rekognition_request_tokens_by_age ON rekognition_request_tokens (created_ms)
                    """),
            Migration.of(54, "a request token is claimed before its work runs: its response is empty until the work answers", """
                    CREATE TABLE rekognition_request_tokens_claimed (account TEXT NOT NULL, region TEXT NOT NULL, operation TEXT NOT NULL,
                        token TEXT NOT NULL, request TEXT NOT NULL, response TEXT, created_ms BIGINT NOT NULL,
                        PRIMARY KEY (account, region, operation, token));
                    INSERT INTO rekognition_request_tokens_claimed (account, region, operation, token, request, response, created_ms)
                        SELECT account, region, operation, token, request, response, created_ms FROM rekognition_request_tokens;
                    DROP TABLE rekognition_request_tokens;
                    ALTER TABLE rekognition_request_tokens_claimed RENAME TO rekognition_request_tokens;
                    CREATE INDEX rekognition_request_tokens_by_age ON rekognition_request_tokens (created_ms)
                    """),
            Migration.of(55, "stream processors, Face Liveness sessions, Custom Labels projects, versions and datasets, tags by ARN", STORED),
            Migration.of(56, "project policies, and bulk media analysis jobs with their ClientRequestToken", POLICIES_AND_BULK),
            Migration.of(57, "project policies keyed by the project's creation time too: a project created again under the same name "
                    + "never sees the policies of the one before (those whose project is gone are dropped)", """
                    CREATE TABLE rekognition_project_policies_by_project (account TEXT NOT NULL, region TEXT NOT NULL, project TEXT NOT NULL,
                        project_created_ms BIGINT NOT NULL, policy_name TEXT NOT NULL, revision_id TEXT NOT NULL, document TEXT NOT NULL,
                        created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL,
                        PRIMARY KEY (account, region, project, project_created_ms, policy_name));
                    INSERT INTO rekognition_project_policies_by_project (account, region, project, project_created_ms, policy_name,
                        revision_id, document, created_ms, updated_ms)
                        SELECT p.account, p.region, p.project, j.created_ms, p.policy_name, p.revision_id, p.document, p.created_ms, p.updated_ms
                        FROM rekognition_project_policies p JOIN rekognition_projects j
                        ON j.account = p.account AND j.region = p.region AND j.name = p.project;
                    DROP TABLE rekognition_project_policies;
                    ALTER TABLE rekognition_project_policies_by_project RENAME TO rekognition_project_policies
                    """));

    private RekognitionSchema() {
    }
}
