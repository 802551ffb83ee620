package io.haneul.transcoder;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.transcoder.domain.Ids;
import io.haneul.transcoder.domain.PipelineRules;
import io.haneul.transcoder.domain.TranscoderException;
import io.haneul.transcoder.store.Page;
import io.haneul.transcoder.store.SqlDocuments;
import io.haneul.transcoder.store.SqlJobs;
import software.amazon.awssdk.services.elastictranscoder.model.Notifications;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import software.amazon.awssdk.services.elastictranscoder.model.PipelineOutputConfig;

import java.util.List;

/**
 * Pipelines: where a job's input is read and its outputs written, the role, the KMS key and the
 * notification topics, and whether the pipeline runs its jobs (Active) or holds them (Paused).
 * Stored as the SDK {@code Pipeline} document; buckets and topics are checked when set.
 */
final class PipelineService {

    static final int PAGE_SIZE = 50;

    /** The settings of a create or update; null members are left as they are on update. */
    record Settings(String name, String inputBucket, String outputBucket, String role, String awsKmsKeyArn,
                    Notifications notifications, PipelineOutputConfig contentConfig, PipelineOutputConfig thumbnailConfig) {
    }

    private final SqlDocuments pipelines;
    private final SqlJobs jobs;
    private final Ids ids;
    private final Resources resources;
    private final SdkDocuments sdk = new SdkDocuments();
    private final PipelineListener listener;

    /** Told when a pipeline becomes Active, so that the jobs it held run. */
    interface PipelineListener {
        void resumed(String account, String region, String pipelineId);
    }

    PipelineService(SqlDocuments pipelines, SqlJobs jobs, Ids ids, Resources resources, PipelineListener listener) {
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.ids = ids;
        this.resources = resources;
        this.listener = listener;
    }

    Pipeline create(String account, String region, Settings s) {
        String id = ids.next();
        Pipeline pipeline = Pipeline.builder().id(id).arn(arn(account, region, id)).name(s.name()).status("Active")
                .inputBucket(s.inputBucket()).role(s.role()).awsKmsKeyArn(s.awsKmsKeyArn())
                .notifications(s.notifications() == null ? emptyNotifications() : s.notifications())
                .build();
        pipeline = withOutputs(pipeline, s.outputBucket(), s.contentConfig(), s.thumbnailConfig());
        check(account, pipeline);
        pipelines.insert(account, region, id, sdk.write(pipeline));
        return pipeline;
    }

    Pipeline read(String account, String region, String id) {
        return pipelines.find(account, region, id).map(doc -> sdk.read(doc, Pipeline.class))
                .orElseThrow(() -> notFound(account, id));
    }

    Page<Pipeline> list(String account, String region, String pageToken, boolean ascending) {
        List<SqlDocuments.Row> rows = pipelines.list(account, region, pageToken, ascending, PAGE_SIZE + 1);
        Page<SqlDocuments.Row> page = Page.of(rows, PAGE_SIZE, SqlDocuments.Row::id);
        return new Page<>(page.items().stream().map(r -> sdk.read(r.doc(), Pipeline.class)).toList(), page.nextToken());
    }

    Pipeline update(String account, String region, String id, Settings s) {
        Pipeline current = read(account, region, id);
        Pipeline.Builder b = current.toBuilder();
        if (s.name() != null) {
            b.name(s.name());
        }
        if (s.inputBucket() != null) {
            b.inputBucket(s.inputBucket());
        }
        if (s.role() != null) {
            b.role(s.role());
        }
        if (s.awsKmsKeyArn() != null) {
            b.awsKmsKeyArn(s.awsKmsKeyArn());
        }
        if (s.notifications() != null) {
            b.notifications(s.notifications());
        }
        Pipeline updated = b.build();
        if (s.contentConfig() != null || s.thumbnailConfig() != null) {
            PipelineOutputConfig content = s.contentConfig() != null ? s.contentConfig() : current.contentConfig();
            PipelineOutputConfig thumbnails = s.thumbnailConfig() != null ? s.thumbnailConfig() : current.thumbnailConfig();
            boolean separate = content != null && content.bucket() != null;
            updated = withOutputs(updated, separate ? null : current.outputBucket(), separate ? content : withoutBucket(content),
                    separate ? thumbnails : withoutBucket(thumbnails));
        }
        check(account, updated);
        return save(account, region, updated);
    }

    Pipeline updateStatus(String account, String region, String id, String status) {
        Pipeline current = read(account, region, id);
        Pipeline updated = save(account, region, current.toBuilder().status(status).build());
        if (status.equals("Active") && !"Active".equals(current.status())) {
            listener.resumed(account, region, id);
        }
        return updated;
    }

    Pipeline updateNotifications(String account, String region, String id, Notifications notifications) {
        Pipeline current = read(account, region, id);
        checkTopics(notifications);
        return save(account, region, current.toBuilder().notifications(notifications).build());
    }

    void delete(String account, String region, String id) {
        read(account, region, id);
        if (jobs.hasOpenJobs(account, region, id)) {
            throw TranscoderException.inUse("The pipeline is currently in use by one or more jobs that are Submitted or Progressing: "
                    + "account=" + account + ", pipelineId=" + id + ".");
        }
        pipelines.delete(account, region, id);
    }

    private Pipeline save(String account, String region, Pipeline pipeline) {
        if (!pipelines.replace(account, region, pipeline.id(), sdk.write(pipeline))) {
            throw notFound(account, pipeline.id());
        }
        return pipeline;
    }

    /**
     * Fills OutputBucket or ContentConfig/ThumbnailConfig as AWS answers them: a pipeline with an
     * OutputBucket reports that bucket in both configs too.
     */
    private static Pipeline withOutputs(Pipeline p, String outputBucket, PipelineOutputConfig content, PipelineOutputConfig thumbnails) {
        PipelineRules.checkOutputs(outputBucket, content, thumbnails);
        if (outputBucket != null) {
            return p.toBuilder().outputBucket(outputBucket)
                    .contentConfig(withBucket(content, outputBucket)).thumbnailConfig(withBucket(thumbnails, outputBucket)).build();
        }
        return p.toBuilder().outputBucket(null).contentConfig(content).thumbnailConfig(thumbnails).build();
    }

    private static PipelineOutputConfig withBucket(PipelineOutputConfig config, String bucket) {
        return (config == null ? PipelineOutputConfig.builder() : config.toBuilder()).bucket(bucket).build();
    }

    private static PipelineOutputConfig withoutBucket(PipelineOutputConfig config) {
        return config == null ? null : config.toBuilder().bucket(null).build();
    }

    private void check(String account, Pipeline p) {
        resources.requireBucket(account, p.inputBucket());
        resources.requireBucket(account, p.contentConfig() == null ? null : p.contentConfig().bucket());
        resources.requireBucket(account, p.thumbnailConfig() == null ? null : p.thumbnailConfig().bucket());
        checkTopics(p.notifications());
    }

    private void checkTopics(Notifications n) {
        if (n == null) {
            return;
        }
        resources.requireTopic("Progressing", n.progressing());
        resources.requireTopic("Completed", n.completed());
        resources.requireTopic("Warning", n.warning());
        resources.requireTopic("Error", n.error());
    }

    private static Notifications emptyNotifications() {
        return Notifications.builder().progressing("").completed("").warning("").error("").build();
    }

    static String arn(String account, String region, String id) {
        return "arn:aws:elastictranscoder:" + region + ":" + account + ":pipeline/" + id;
    }

    static TranscoderException notFound(String account, String id) {
        return TranscoderException.notFound("The specified pipeline was not found: account=" + account + ", pipelineId=" + id + ".");
    }
}
