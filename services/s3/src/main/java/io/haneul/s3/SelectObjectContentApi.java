package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.select.CountingStream;
import io.haneul.s3.select.ObjectInput;
import io.haneul.s3.select.SelectEvents;
import io.haneul.s3.select.SelectException;
import io.haneul.s3.select.SelectRecords;
import io.haneul.s3.select.SelectRun;
import io.haneul.s3.select.SelectSql;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.CSVInput;
import software.amazon.awssdk.services.s3.model.CSVOutput;
import software.amazon.awssdk.services.s3.model.InputSerialization;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * SelectObjectContent (S3 Select): an SQL expression ({@link SelectSql}) run over a CSV or JSON object
 * (plain or GZIP), answered as AWS answers, in {@code application/vnd.amazon.eventstream} messages
 * written with AWS's event-stream codec ({@link SelectEvents}): {@code Records} events of at most 64 KiB
 * of output records, made as the client reads the answer, then {@code Stats} (bytes scanned, processed,
 * returned) and {@code End}. A query that fails on the data within its first 64 KiB of records answers a
 * 400 error; one that fails later ends the stream with an error event. A failure to read the object's
 * bytes is told apart from bad data ({@link ObjectInput}): 500 {@code InternalError}, or an
 * {@code InternalError} error event once the stream has begun. Parquet input, BZIP2, ScanRange
 * and progress events are not offered (400 {@code InvalidRequest}).
 */
public final class SelectObjectContentApi {

    private final BucketService buckets;
    private final ObjectService objects;

    SelectObjectContentApi(BucketService buckets, ObjectService objects) {
        this.buckets = buckets;
        this.objects = objects;
    }

    public StreamingOutput selectObjectContent(RequestContext ctx, SelectObjectContentRequest r) {
        if (!"SQL".equalsIgnoreCase(r.expressionTypeAsString())) {
            throw S3Exception.invalidArgument("The expression type is not valid", "ExpressionType", r.expressionTypeAsString());
        }
        InputSerialization in = r.inputSerialization();
        OutputSerialization out = r.outputSerialization();
        if (in == null || out == null || (in.csv() == null) == (in.json() == null) && in.parquet() == null
                || (out.csv() == null) == (out.json() == null)) {
            throw S3Exception.malformedXml();
        }
        if (in.parquet() != null) {
            throw unsupported("Parquet input is not supported by Haneul's S3 Select.");
        }
        if (r.scanRange() != null) {
            throw unsupported("ScanRange is not supported by Haneul's S3 Select.");
        }
        String compression = in.compressionTypeAsString() == null ? "NONE" : in.compressionTypeAsString();
        if (!compression.equals("NONE") && !compression.equals("GZIP")) {
            throw unsupported("Compression " + compression + " is not supported by Haneul's S3 Select (NONE and GZIP are).");
        }
        SelectSql.Query query;
        SelectRun run;
        try {
            query = SelectSql.parse(r.expression());
            run = new SelectRun(query);
        } catch (SelectException e) {
            throw refused(e);
        }
        BucketRecord b = buckets.require(ctx, r.bucket(), "s3:GetObject", r.key());
        ObjectRecord o = objects.resolve(b, r.key(), null, "POST");
        Encryption.checkRead(o, r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5());
        SelectRecords.CsvWriter csv;
        try {
            csv = out.csv() != null ? new SelectRecords.CsvWriter(csvOut(out.csv())) : null;
        } catch (RuntimeException e) {
            throw refused(SelectException.of(e, "InvalidDataType")); // a format Commons CSV refuses, as when records were written
        }
        String jsonDelimiter = out.json() == null ? null : out.json().recordDelimiter();
        java.util.function.Function<SelectRun.Output, String> line = csv != null ? csv::line
                : result -> SelectRecords.jsonLine(result, jsonDelimiter);
        InputStream raw = new ObjectInput(objects.open(o));
        boolean answered = false;
        try {
            CountingStream counted = new CountingStream(compression.equals("GZIP") ? gunzip(raw) : raw);
            Iterator<io.haneul.s3.select.SelectEval.Row> rows = in.csv() != null ? SelectRecords.csv(counted, csvIn(in.csv()))
                    : SelectRecords.json(counted, query.fromPath());
            SelectEvents events = new SelectEvents(run.outputs(rows), line, counted, o.size());
            events.start();
            answered = true;
            return new StreamingOutput(SelectObjectContentResponse.builder().build(), 200, events, -1);
        } catch (SelectException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!answered) {
                closeQuietly(raw);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the request already failed; nothing more to do with the object's bytes
        }
    }

    /** The GZIP stream over {@code raw}; data with no GZIP header is S3's InvalidCompressionFormat (400), not a 500. */
    private static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw refused(SelectRecords.invalidCompression());
        } catch (ObjectInput.ReadFailure e) {
            throw refused(SelectException.readFailure());
        }
    }

    /** A query S3 Select refuses, with its own error code (ParseUnexpectedToken, CastFailed, ...), or the object unreadable (500). */
    private static io.haneul.core.error.AwsErrorException refused(SelectException e) {
        return new io.haneul.core.error.AwsErrorException(e.code(), e.getMessage(), e.isInternal() ? 500 : 400);
    }

    private static S3Exception unsupported(String message) {
        return new S3Exception(S3Error.InvalidRequest, message, Map.of());
    }

    private static SelectRecords.CsvIn csvIn(CSVInput c) {
        return new SelectRecords.CsvIn(c.fileHeaderInfoAsString(), c.comments(), c.quoteEscapeCharacter(), c.recordDelimiter(),
                c.fieldDelimiter(), c.quoteCharacter(), Boolean.TRUE.equals(c.allowQuotedRecordDelimiter()));
    }

    private static SelectRecords.CsvOut csvOut(CSVOutput c) {
        return new SelectRecords.CsvOut(c.quoteFieldsAsString(), c.quoteEscapeCharacter(), c.recordDelimiter(), c.fieldDelimiter(),
                c.quoteCharacter());
    }
}
