package io.haneul.sagemaker.hosting;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.sagemaker.hosting.domain.TransformRecords;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Runs batch transform jobs from the durable scheduler (kind {@value #KIND}): the model is loaded once,
 * every object under the input S3 prefix is read (gunzipped for CompressionType Gzip), split into
 * records (SplitType Line or None), sent to the model one record at a time (SingleRecord) or in
 * batches up to MaxPayloadInMB (MultiRecord), and the answers are assembled (AssembleWith Line or None,
 * optionally joined with their input records, JoinSource Input) into {@code <S3OutputPath>/<relative
 * key>.out}. A stop is noticed between batches. A node that dies mid-job leaves the entry to run again.
 */
final class TransformRunner implements JobHandler {

    static final String KIND = "sagemaker.transform";
    private static final Logger LOG = LoggerFactory.getLogger(TransformRunner.class);

    private final Hosting h;
    private final ModelApi models;
    private final VariantModels variantModels;

    TransformRunner(Hosting h, ModelApi models, VariantModels variantModels) {
        this.h = h;
        this.models = models;
        this.variantModels = variantModels;
    }

    static String payload(String account, String region, String name) {
        return new io.haneul.sagemaker.JobKey(account, region, name).payload();
    }

    /** The job was stopped between batches. */
    private static final class Stopped extends Exception {
    }

    @Override
    public void handle(Job entry) throws Exception {
        io.haneul.sagemaker.JobKey key = io.haneul.sagemaker.JobKey.parse(entry.payload());
        String account = key.account();
        String region = key.region();
        String name = key.name();
        Optional<HostingStore.Row> row = h.store.find(account, region, Hosting.TRANSFORM_JOB, name);
        if (row.isEmpty()) {
            return;
        }
        DescribeTransformJobResponse job = h.docs.read(row.get().doc(), DescribeTransformJobResponse.class);
        if (row.get().status().equals("Stopping")) {
            finish(account, region, job, "Stopping", "Stopped", null);
            return;
        }
        if (!row.get().status().equals("InProgress")) {
            return;
        }
        if (job.transformStartTime() == null) {
            job = job.toBuilder().transformStartTime(h.clock.instant()).build();
            h.store.replace(account, region, Hosting.TRANSFORM_JOB, name, "InProgress", "InProgress", h.write(job));
        }
        try {
            run(account, region, job);
            finish(account, region, job, "InProgress", "Completed", null);
        } catch (Stopped s) {
            finish(account, region, job, "Stopping", "Stopped", null);
        } catch (HostingException | ModelArtifacts.LoadFailure e) {
            finish(account, region, job, null, "Failed", e.getMessage());
        } catch (AlgorithmException e) {
            finish(account, region, job, null, "Failed", (e.clientError() ? "ClientError: " : "AlgorithmError: ") + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("transform job {} failed", name, e);
            finish(account, region, job, null, "Failed", "InternalServerError: " + e.getMessage());
        }
    }

    private void run(String account, String region, DescribeTransformJobResponse job)
            throws ModelArtifacts.LoadFailure, AlgorithmException, Stopped {
        DescribeModelResponse model = models.model(account, region, job.modelName());
        ObjectStorage s3 = h.storage.get();
        S3Location in = S3Location.parse(job.transformInput().dataSource().s3DataSource().s3Uri(), "S3Uri");
        S3Location out = S3Location.parse(job.transformOutput().s3OutputPath(), "S3OutputPath");
        List<ObjectStorage.ObjectInfo> objects = list(s3, account, in);
        if (objects.isEmpty()) {
            throw HostingException.validation("No S3 objects found under S3 URL \"" + in.uri() + "\" given in input data source.");
        }
        TransformRecords records = new TransformRecords(job.transformInput().splitTypeAsString(), job.batchStrategyAsString(),
                job.maxPayloadInMB() == null ? 6 : job.maxPayloadInMB(), job.transformOutput().assembleWithAsString(),
                job.dataProcessing() == null ? null : job.dataProcessing().joinSourceAsString(), job.transformInput().contentType());
        try (Predictor predictor = variantModels.predictor(account, model)) {
            for (ObjectStorage.ObjectInfo o : objects) {
                byte[] body = read(s3, account, in.bucket(), o.key(), "Gzip".equals(job.transformInput().compressionTypeAsString()));
                List<byte[]> answers = new ArrayList<>();
                String[] answerType = {job.transformOutput().accept()};
                for (byte[] batch : records.batches(body)) {
                    if (stopRequested(account, region, job.transformJobName())) {
                        throw new Stopped();
                    }
                    Predictor.Prediction prediction = predictor.predict(batch, job.transformInput().contentType(), job.transformOutput().accept());
                    answers.add(prediction.body());
                    answerType[0] = answerType[0] == null ? prediction.contentType() : answerType[0];
                }
                String relative = o.key().substring(Math.min(o.key().length(), in.key().length()));
                relative = relative.startsWith("/") ? relative.substring(1) : relative;
                if (relative.isEmpty()) {
                    relative = o.key().substring(o.key().lastIndexOf('/') + 1);
                }
                S3Location target = out.child(relative + ".out");
                s3.putObject(account, region, target.bucket(), target.key(), records.assemble(body, answers), answerType[0]);
            }
        }
    }

    private boolean stopRequested(String account, String region, String name) {
        return h.store.find(account, region, Hosting.TRANSFORM_JOB, name).map(r -> r.status().equals("Stopping")).orElse(true);
    }

    private static List<ObjectStorage.ObjectInfo> list(ObjectStorage s3, String account, S3Location in) {
        List<ObjectStorage.ObjectInfo> all = new ArrayList<>();
        String after = null;
        try {
            while (true) {
                List<ObjectStorage.ObjectInfo> page = s3.listObjects(account, in.bucket(), in.key(), after, 1000);
                page.stream().filter(o -> !o.key().endsWith("/")).forEach(all::add);
                if (page.size() < 1000) {
                    return all;
                }
                after = page.getLast().key();
            }
        } catch (ObjectStorage.ObjectStorageException e) {
            throw HostingException.validation("No S3 objects found under S3 URL \"" + in.uri() + "\" given in input data source: " + e.getMessage());
        }
    }

    private static byte[] read(ObjectStorage s3, String account, String bucket, String key, boolean gzip) {
        try (ObjectStorage.StoredObject o = s3.getObject(account, bucket, key);
             InputStream in = gzip ? new GZIPInputStream(o.content()) : o.content()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw HostingException.validation("Could not read s3://" + bucket + "/" + key + ": " + e.getMessage());
        }
    }

    private void finish(String account, String region, DescribeTransformJobResponse job, String expected, String status, String reason) {
        DescribeTransformJobResponse done = job.toBuilder().transformJobStatus(status).failureReason(reason)
                .transformEndTime(h.clock.instant()).build();
        if (expected == null) {
            h.store.replace(account, region, Hosting.TRANSFORM_JOB, job.transformJobName(), null, status, h.write(done));
        } else if (!h.store.replace(account, region, Hosting.TRANSFORM_JOB, job.transformJobName(), expected, status, h.write(done))
                && status.equals("Completed")) {
            // stopped after its last batch: it ends Stopped
            finish(account, region, job, "Stopping", "Stopped", null);
        }
    }
}
