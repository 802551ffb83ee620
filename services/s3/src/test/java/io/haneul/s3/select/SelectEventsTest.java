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
}
