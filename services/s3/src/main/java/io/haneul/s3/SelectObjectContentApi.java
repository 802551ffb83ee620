package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
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
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * SelectObjectContent (S3 Select): an SQL expression ({@link SelectSql}) run over a CSV or JSON object
 * (plain or GZIP), answered as AWS answers, in {@code application/vnd.amazon.eventstream} messages
 * written with AWS's event-stream codec: {@code Records} events of at most 64 KiB of output records,
 * then {@code Stats} (bytes scanned, processed, returned) and {@code End}. The result is computed
 * before the answer starts, so a query that fails on the data (a failed CAST) answers a 400 error
 * rather than an error event. Parquet input, BZIP2, ScanRange and progress events are not offered
 * (400 {@code NotImplemented}-style errors below).
 */
public final class SelectObjectContentApi {

    static final int RECORDS_CHUNK = 64 * 1024;
    /**
     * The most output records one answer may hold: the answer is built in memory before it is sent
     * (so that a failure on the data is a 400, not an error event mid-stream), and this bounds that.
     * AWS streams without such a cap; a query that selects more answers 400 and should narrow its WHERE
     * or LIMIT.
     */
    static final int MAX_RETURNED = 64 * 1024 * 1024;

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
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        EventBuffer events = new EventBuffer();
        long[] processed = {0};
        long[] returned = {0};
        try (InputStream raw = objects.open(o); CountingStream counted = new CountingStream(
                compression.equals("GZIP") ? gunzip(raw) : raw)) {
            Iterator<io.haneul.s3.select.SelectEval.Row> rows = in.csv() != null ? SelectRecords.csv(counted, csvIn(in.csv()))
                    : SelectRecords.json(counted, query.fromPath());
            run.run(rows, result -> {
                String line = out.csv() != null ? SelectRecords.csvLine(result, csvOut(out.csv()))
                        : SelectRecords.jsonLine(result, out.json().recordDelimiter());
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                returned[0] += bytes.length;
                if (returned[0] > MAX_RETURNED) {
                    throw new SelectException("OverMaxResultSize", "The result is larger than the " + (MAX_RETURNED >> 20)
                            + " MiB Haneul's S3 Select holds for one answer; narrow the query with WHERE or LIMIT.");
                }
                records.writeBytes(bytes);
                if (records.size() >= RECORDS_CHUNK) {
                    event(events, "Records", "application/octet-stream", records.toByteArray());
                    records.reset();
                }
            });
            processed[0] = counted.count;
        } catch (SelectException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.size() > 0) {
            event(events, "Records", "application/octet-stream", records.toByteArray());
        }
        String stats = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Stats><BytesScanned>" + o.size() + "</BytesScanned><BytesProcessed>"
                + processed[0] + "</BytesProcessed><BytesReturned>" + returned[0] + "</BytesReturned></Stats>";
        event(events, "Stats", "text/xml", stats.getBytes(StandardCharsets.UTF_8));
        event(events, "End", null, new byte[0]);
        return new StreamingOutput(SelectObjectContentResponse.builder().build(), 200, events.asInput(), events.size());
    }

    /** The GZIP stream over {@code raw}; data with no GZIP header is S3's InvalidCompressionFormat (400), not a 500. */
    private static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw refused(SelectRecords.invalidCompression());
        }
    }

    /** A query S3 Select refuses, with its own error code (ParseUnexpectedToken, CastFailed, ...). */
    private static io.haneul.core.error.AwsErrorException refused(SelectException e) {
        return new io.haneul.core.error.AwsErrorException(e.code(), e.getMessage(), 400);
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

    private static void event(ByteArrayOutputStream out, String type, String contentType, byte[] payload) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":message-type", HeaderValue.fromString("event"));
        h.put(":event-type", HeaderValue.fromString(type));
        if (contentType != null) {
            h.put(":content-type", HeaderValue.fromString(contentType));
        }
        try {
            new Message(h, payload).encode(out);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encoded events, read back as the body without copying them. */
    private static final class EventBuffer extends ByteArrayOutputStream {
        InputStream asInput() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    /** Counts the (uncompressed) bytes the query read: S3's BytesProcessed. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
