package io.haneul.s3.select;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Select answer's events, made as they are read: Records chunks, then Stats and End, or an error event. */
class SelectEventsTest {

    private static final SelectRecords.CsvIn HEADER = new SelectRecords.CsvIn("USE", null, null, null, null, null, false);

    private static SelectEvents events(String csv, String sql) {
        CountingStream input = new CountingStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        SelectRecords.CsvWriter out = new SelectRecords.CsvWriter(new SelectRecords.CsvOut(null, null, null, null, null));
        SelectSql.Query q = SelectSql.parse(sql);
        return new SelectEvents(new SelectRun(q).outputs(SelectRecords.csv(input, HEADER)), out::line, input, csv.length());
    }

    /** The events of {@code SELECT n} over the CSV the object's stream gives ({@code object} already wrapped as the API wraps it). */
    private static SelectEvents events(InputStream object) {
        CountingStream input = new CountingStream(object);
        SelectRecords.CsvWriter out = new SelectRecords.CsvWriter(new SelectRecords.CsvOut(null, null, null, null, null));
        return new SelectEvents(new SelectRun(SelectSql.parse("SELECT n FROM S3Object")).outputs(SelectRecords.csv(input, HEADER)),
                out::line, input, 0);
    }

    /** Serves {@code bytes}, then fails as a read of a blob that is gone does. */
    private static InputStream lostAfter(byte[] bytes) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(bytes), new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.nio.file.NoSuchFileException("blobs/ab/abcdef");
            }
        });
    }

    /** The error code the answer ends with: thrown before the first event, or the last event's. */
    private static String errorCode(SelectEvents e) throws Exception {
        try {
            e.start();
        } catch (SelectException refused) {
            return refused.code();
        }
        Message last = decode(e).getLast();
        return "error".equals(header(last, ":message-type")) ? header(last, ":error-code") : null;
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static List<Message> decode(InputStream in) throws Exception {
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(in.readAllBytes());
        return decoder.getDecodedMessages();
    }

    private static String header(Message m, String name) {
        return m.getHeaders().get(name).getString();
    }

    @Test
    void recordsComeInChunksThenStatsAndEnd() throws Exception {
        String csv = "n\n" + "12345\n".repeat(20_000);
        SelectEvents e = events(csv, "SELECT n FROM S3Object");
        e.start();
        List<Message> messages = decode(e);
        assertEquals(List.of("Records", "Records", "Stats", "End"), messages.stream().map(m -> header(m, ":event-type")).toList());
        assertTrue(messages.getFirst().getPayload().length >= SelectEvents.RECORDS_CHUNK);
        assertEquals(120_000, messages.get(0).getPayload().length + messages.get(1).getPayload().length);
        String stats = new String(messages.get(2).getPayload(), StandardCharsets.UTF_8);
        assertTrue(stats.contains("<BytesProcessed>" + csv.length() + "</BytesProcessed><BytesReturned>120000</BytesReturned>"), stats);
    }

    @Test
    void aFailureBeforeTheFirstEventIsThrownAndOneAfterItIsAnErrorEvent() throws Exception {
        assertEquals("CastFailed", assertThrows(SelectException.class,
                () -> events("n\noops\n", "SELECT CAST(n AS INT) FROM S3Object").start()).code());
        SelectEvents late = events("n\n" + "12345\n".repeat(20_000) + "oops\n", "SELECT CAST(n AS INT) FROM S3Object");
        late.start();
        List<Message> messages = decode(late);
        Message last = messages.getLast();
        assertEquals("error", header(last, ":message-type"));
        assertEquals("CastFailed", header(last, ":error-code"));
        assertEquals(120_000, messages.stream().filter(m -> "event".equals(header(m, ":message-type")))
                .mapToInt(m -> m.getPayload().length).sum());
    }

    @Test
    void aReadFailureAfterTheFirstEventIsAnInternalErrorEventNotADataError() throws Exception {
        byte[] good = ("n\n" + "12345\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        SelectEvents lost = events(new ObjectInput(lostAfter(good)));
        lost.start();
        List<Message> messages = decode(lost);
        Message last = messages.getLast();
        assertEquals("error", header(last, ":message-type"));
        assertEquals("InternalError", header(last, ":error-code"));
        assertEquals("We encountered an internal error. Please try again.", header(last, ":error-message"));
        assertTrue(messages.getFirst().getPayload().length >= SelectEvents.RECORDS_CHUNK, "records before the failure were sent");

        byte[] unclosedQuote = (new String(good, StandardCharsets.UTF_8) + "\"12345\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("CSVParsingError", errorCode(events(new ObjectInput(new ByteArrayInputStream(unclosedQuote)))),
                "bad data at the same place stays a data error");
    }

    @Test
    void aReadFailureBeforeTheFirstEventIsTheServersFailure() {
        SelectException e = assertThrows(SelectException.class,
                () -> events(new ObjectInput(lostAfter("n\n1\n".getBytes(StandardCharsets.UTF_8)))).start());
        assertEquals("InternalError", e.code());
        assertTrue(e.isInternal());
        assertEquals(false, SelectException.of(new IllegalStateException("bad"), "InvalidDataType").isInternal());
    }

    @Test
    void compressedInputThatCannotBeReadIsNotInvalidCompression() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40_000; i++) {
            csv.append(random.nextInt(1_000_000)).append('\n');
        }
        byte[] gz = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
        byte[] half = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertEquals("InternalError", errorCode(events(new java.util.zip.GZIPInputStream(new ObjectInput(lostAfter(half))))));
        assertEquals("InvalidCompressionFormat", errorCode(events(new java.util.zip.GZIPInputStream(
                new ObjectInput(new ByteArrayInputStream(half))))), "data cut short is the data's fault");
    }
}
