package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.ses.domain.SesException;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SES v2 import and export jobs. An import reads contacts or suppressed addresses from an object of
 * Haneul's S3 (CSV or JSON lines, see {@link ImportRecords}); an export writes metrics or message
 * insights computed from the mail sent here (see {@link Exports}) into an S3 object. Both run to the
 * end while the create call is answered, so a job is COMPLETED (or FAILED, with the reason) when its
 * id is handed back; a finished job cannot be cancelled.
 */
public final class JobsApi {

    /** A stored job (import or export), as its Get operation reports it. */
    public static final class Job {
        public String id;
        public String kind;
        public String status;
        public long createdMs;
        public Long completedMs;
        public String errorMessage;
        public int processed;
        public int failed;
        public int exported;
        /** The request's data source and destination, as the SDK's JSON (echoed by Get). */
        public String request;
        public String sourceType;
        public String destinationType;
        /** An export's data source, as {@link Exports#describe} records it. */
        public java.util.Map<String, Object> source;
    }

    private static final Pattern S3_URL = Pattern.compile("^s3://([^/]+)/(.*?([^/]+)/?)$");

    private final SesRuntime rt;
    private final ImportRecords imports;
    private final Exports exports;

    JobsApi(SesRuntime rt) {
        this.rt = rt;
        this.imports = new ImportRecords(rt);
        this.exports = new Exports(new SentMail(rt.store()));
    }

    /** (bucket, key) of an {@code s3://bucket/key} URL. */
    static String[] s3(String url) {
        Matcher m = url == null ? null : S3_URL.matcher(url);
        if (m == null || !m.matches()) {
            throw SesException.invalid("Invalid S3 URL " + url + ": expected s3://bucket/key.");
        }
        return new String[]{m.group(1), m.group(2)};
    }

    private ObjectStorage storage() {
        return rt.find(ObjectStorage.class).orElseThrow(() -> SesException.invalid("S3 is not running in this Haneul."));
    }

    private Job require(Scope s, String kind, String id) {
        return rt.docs().get(s, kind, id, Job.class)
                .orElseThrow(() -> SesException.notFound("InvalidParameterValue", "Job " + id + " does not exist."));
    }

    private Job newJob(Scope s, String kind) {
        Job j = new Job();
        j.id = UUID.randomUUID().toString();
        j.kind = kind;
        j.status = "PROCESSING";
        j.createdMs = rt.clock().millis();
        return j;
    }

    private void finish(Scope s, Job j) {
        j.completedMs = rt.clock().millis();
        rt.docs().put(s, j.kind, j.id, j, j.createdMs);
    }

    private static FailureInfo failure(Job j) {
        return j.errorMessage == null ? null : FailureInfo.builder().errorMessage(j.errorMessage).build();
    }

    // ---- imports ----

    public CreateImportJobResponse createImportJob(RequestContext ctx, CreateImportJobRequest r) {
        Scope s = Scope.of(ctx);
        ImportDestination d = r.importDestination();
        ImportDataSource src = r.importDataSource();
        if (d == null || (d.contactListDestination() == null) == (d.suppressionListDestination() == null)) {
            throw SesException.invalid("ImportDestination must name exactly one of ContactListDestination and SuppressionListDestination.");
        }
        String[] where = s3(src.s3Url());
        if (d.contactListDestination() != null) {
            try {
                rt.contacts().requireList(s, d.contactListDestination().contactListName());
            } catch (SesException e) {
                throw SesException.invalid(e.getMessage());
            }
        }
        Job j = newJob(s, Docs.IMPORT_JOB);
        j.destinationType = d.contactListDestination() != null ? "CONTACT_LIST" : "SUPPRESSION_LIST";
        j.request = Docs.json(java.util.Map.of("s3Url", src.s3Url(), "dataFormat", src.dataFormatAsString(),
                "contactList", d.contactListDestination() == null ? "" : d.contactListDestination().contactListName(),
                "action", d.contactListDestination() != null ? d.contactListDestination().contactListImportActionAsString()
                        : d.suppressionListDestination().suppressionListImportActionAsString()));
        try (ObjectStorage.StoredObject o = storage().getObject(s.account(), where[0], where[1])) {
            ImportRecords.Result result = d.contactListDestination() != null
                    ? imports.contacts(s, o.content(), src.dataFormatAsString(), d.contactListDestination().contactListName(),
                    d.contactListDestination().contactListImportActionAsString())
                    : imports.suppressed(s, o.content(), src.dataFormatAsString(), d.suppressionListDestination().suppressionListImportActionAsString());
            j.processed = result.processed();
            j.failed = result.failed();
            j.status = "COMPLETED";
        } catch (ObjectStorage.ObjectStorageException e) {
            j.status = "FAILED";
            j.errorMessage = e.code() + ": " + e.getMessage();
        }
        finish(s, j);
        return CreateImportJobResponse.builder().jobId(j.id).build();
    }

    private static java.util.Map<?, ?> request(Job j) {
        return Docs.parse(j.request, java.util.Map.class);
    }

    private static ImportDestination importDestination(Job j) {
        java.util.Map<?, ?> q = request(j);
        return j.destinationType.equals("CONTACT_LIST")
                ? ImportDestination.builder().contactListDestination(c -> c.contactListName((String) q.get("contactList"))
                .contactListImportAction((String) q.get("action"))).build()
                : ImportDestination.builder().suppressionListDestination(x -> x.suppressionListImportAction((String) q.get("action"))).build();
    }

    public GetImportJobResponse getImportJob(RequestContext ctx, GetImportJobRequest r) {
        Job j = require(Scope.of(ctx), Docs.IMPORT_JOB, r.jobId());
        java.util.Map<?, ?> q = request(j);
        return GetImportJobResponse.builder().jobId(j.id).jobStatus(j.status).importDestination(importDestination(j))
                .importDataSource(x -> x.s3Url((String) q.get("s3Url")).dataFormat((String) q.get("dataFormat")))
                .createdTimestamp(Instant.ofEpochMilli(j.createdMs))
                .completedTimestamp(j.completedMs == null ? null : Instant.ofEpochMilli(j.completedMs))
                .processedRecordsCount(j.processed).failedRecordsCount(j.failed).failureInfo(failure(j)).build();
    }

    public ListImportJobsResponse listImportJobs(RequestContext ctx, ListImportJobsRequest r) {
        List<Job> all = rt.docs().list(Scope.of(ctx), Docs.IMPORT_JOB, Job.class).stream()
                .filter(j -> r.importDestinationType() == null || j.destinationType.equals(r.importDestinationTypeAsString()))
                .sorted(java.util.Comparator.comparingLong((Job j) -> j.createdMs)).toList();
        Paging.Page<Job> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListImportJobsResponse.builder().importJobs(page.items().stream().map(j -> ImportJobSummary.builder().jobId(j.id)
                .jobStatus(j.status).importDestination(importDestination(j)).createdTimestamp(Instant.ofEpochMilli(j.createdMs))
                .processedRecordsCount(j.processed).failedRecordsCount(j.failed).build()).toList()).nextToken(page.nextToken()).build();
    }

    // ---- exports ----

    public CreateExportJobResponse createExportJob(RequestContext ctx, CreateExportJobRequest r) {
        Scope s = Scope.of(ctx);
        ExportDataSource src = r.exportDataSource();
        if (src == null || (src.metricsDataSource() == null) == (src.messageInsightsDataSource() == null)) {
            throw SesException.invalid("ExportDataSource must name exactly one of MetricsDataSource and MessageInsightsDataSource.");
        }
        ExportDestination dest = r.exportDestination();
        if (dest.s3Url() == null) {
            throw SesException.invalid("ExportDestination.S3Url is required: Haneul writes exports into its own S3.");
        }
        String[] where = s3(dest.s3Url());
        Exports.Output out = src.metricsDataSource() != null ? exports.metrics(s, src.metricsDataSource(), dest.dataFormatAsString())
                : exports.insights(s, src.messageInsightsDataSource(), dest.dataFormatAsString());
        Job j = newJob(s, Docs.EXPORT_JOB);
        j.sourceType = src.metricsDataSource() != null ? "METRICS_DATA" : "MESSAGE_INSIGHTS";
        j.request = Docs.json(java.util.Map.of("s3Url", dest.s3Url(), "dataFormat", dest.dataFormatAsString()));
        j.source = Exports.describe(src);
        j.processed = out.processed();
        j.exported = out.exported();
        try {
            storage().putObject(s.account(), s.region(), where[0], where[1], out.bytes(),
                    "CSV".equals(dest.dataFormatAsString()) ? "text/csv" : "application/json");
            j.status = "COMPLETED";
        } catch (ObjectStorage.ObjectStorageException e) {
            j.status = "FAILED";
            j.errorMessage = e.code() + ": " + e.getMessage();
        }
        finish(s, j);
        return CreateExportJobResponse.builder().jobId(j.id).build();
    }

    public GetExportJobResponse getExportJob(RequestContext ctx, GetExportJobRequest r) {
        Job j = require(Scope.of(ctx), Docs.EXPORT_JOB, r.jobId());
        java.util.Map<?, ?> q = request(j);
        return GetExportJobResponse.builder().jobId(j.id).jobStatus(j.status).exportSourceType(j.sourceType)
                .exportDestination(x -> x.s3Url((String) q.get("s3Url")).dataFormat((String) q.get("dataFormat")))
                .exportDataSource(Exports.source(j.source))
                .createdTimestamp(Instant.ofEpochMilli(j.createdMs))
                .completedTimestamp(j.completedMs == null ? null : Instant.ofEpochMilli(j.completedMs))
                .statistics(x -> x.processedRecordsCount(j.processed).exportedRecordsCount(j.exported)).failureInfo(failure(j)).build();
    }

    public ListExportJobsResponse listExportJobs(RequestContext ctx, ListExportJobsRequest r) {
        List<Job> all = rt.docs().list(Scope.of(ctx), Docs.EXPORT_JOB, Job.class).stream()
                .filter(j -> r.exportSourceType() == null || j.sourceType.equals(r.exportSourceTypeAsString()))
                .filter(j -> r.jobStatus() == null || j.status.equals(r.jobStatusAsString()))
                .sorted(java.util.Comparator.comparingLong((Job j) -> j.createdMs)).toList();
        Paging.Page<Job> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListExportJobsResponse.builder().exportJobs(page.items().stream().map(j -> ExportJobSummary.builder().jobId(j.id)
                .jobStatus(j.status).exportSourceType(j.sourceType).createdTimestamp(Instant.ofEpochMilli(j.createdMs))
                .completedTimestamp(j.completedMs == null ? null : Instant.ofEpochMilli(j.completedMs)).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public CancelExportJobResponse cancelExportJob(RequestContext ctx, CancelExportJobRequest r) {
        Job j = require(Scope.of(ctx), Docs.EXPORT_JOB, r.jobId());
        if (!j.status.equals("CREATED") && !j.status.equals("PROCESSING")) {
            throw SesException.invalid("Export job " + j.id + " is " + j.status + " and cannot be cancelled.");
        }
        return CancelExportJobResponse.builder().build();
    }
}
