package io.haneul.s3.select;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The S3 Select SQL subset over CSV and JSON records, written as S3 writes them. */
class SelectRunTest {

    private static final SelectRecords.CsvIn HEADER = new SelectRecords.CsvIn("USE", null, null, null, null, null, false);
    private static final SelectRecords.CsvOut CSV_OUT = new SelectRecords.CsvOut(null, null, null, null, null);

    private static String csv(String data, String sql) {
        SelectSql.Query q = SelectSql.parse(sql);
        return SelectRun.all(new SelectRun(q), SelectRecords.csv(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), HEADER))
                .stream().map(new SelectRecords.CsvWriter(CSV_OUT)::line).collect(Collectors.joining());
    }

    private static String json(String data, String sql) {
        SelectSql.Query q = SelectSql.parse(sql);
        return SelectRun.all(new SelectRun(q), SelectRecords.json(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)),
                q.fromPath())).stream().map(o -> SelectRecords.jsonLine(o, null)).collect(Collectors.joining());
    }

    static final String PEOPLE = "name,city,age\nalice,Seoul,34\nbob,\"Busan, South\",27\ncarol,Seoul,45\n";

    @Test
    void filtersProjectsAndQuotes() {
        assertEquals("bob,\"Busan, South\"\n", csv(PEOPLE, "SELECT name, city FROM S3Object WHERE age < 30"));
        assertEquals("alice\ncarol\n", csv(PEOPLE, "SELECT s._1 FROM S3Object s WHERE s.city = 'Seoul'"));
        assertEquals("carol\n", csv(PEOPLE, "SELECT s.name FROM S3Object s WHERE s.city LIKE 'Se%' AND NOT s.name = 'alice'"));
        assertEquals("alice\n", csv(PEOPLE, "SELECT name FROM S3Object LIMIT 1"));
        assertEquals("ALICE,5\n", csv(PEOPLE, "SELECT UPPER(name), CHAR_LENGTH(name) FROM S3Object WHERE age BETWEEN 30 AND 40"));
        assertEquals("bob\ncarol\n", csv(PEOPLE, "SELECT name FROM S3Object WHERE name IN ('bob', 'carol')"));
        assertEquals("3,106,35.33333333333333\n", csv(PEOPLE, "SELECT COUNT(*), SUM(CAST(age AS INT)), AVG(CAST(age AS FLOAT)) FROM S3Object"));
    }

    @Test
    void jsonPathsNullsAndMissing() {
        String data = "{\"a\": {\"b\": [1, 2]}, \"n\": null}\n{\"a\": {\"b\": [3]}}\n";
        assertEquals("{\"x\":2}\n", json(data, "SELECT s.a.b[1] AS x FROM S3Object s WHERE s.n IS NULL AND s.n IS NOT MISSING"));
        assertEquals("{\"b\":[3]}\n", json(data, "SELECT s.a.b FROM S3Object s WHERE s.n IS MISSING"));
        assertEquals("{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n", json("{\"items\": [{\"v\": 1}, {\"v\": 2}]} {\"items\": [{\"v\": 3}]}",
                "SELECT * FROM S3Object[*].items[*]"));
    }

    @Test
    void refusesWhatS3SelectRefuses() {
        assertEquals("ParseExpectedKeyword", assertThrows(SelectException.class, () -> SelectSql.parse("SELECT name S3Object")).code());
        assertEquals("ParseUnexpectedToken", assertThrows(SelectException.class, () -> SelectSql.parse("SELECT * FROM Table")).code());
        assertEquals("CastFailed", assertThrows(SelectException.class, () -> csv(PEOPLE, "SELECT CAST(name AS INT) FROM S3Object")).code());
        assertEquals("ParseUnsupportedSyntax", assertThrows(SelectException.class,
                () -> new SelectRun(SelectSql.parse("SELECT name, COUNT(*) FROM S3Object"))).code());
    }

    @Test
    void hugeExponentsAndBadNumbersAreRefusedNotExpanded() {
        String data = "a\n1e5000000\n1e999999999\n";
        assertEquals("CastFailed", assertThrows(SelectException.class, () -> csv(data, "SELECT CAST(a AS INT) FROM S3Object")).code());
        assertEquals("", csv(data, "SELECT a FROM S3Object WHERE a + 1 > 2"));
        assertEquals("InvalidDataType", assertThrows(SelectException.class, () -> SelectSql.parse("SELECT 1e999999999 FROM S3Object")).code());
        assertEquals("ParseUnexpectedToken", assertThrows(SelectException.class, () -> SelectSql.parse("SELECT 1.2.3 FROM S3Object")).code());
        assertEquals("InvalidDataType", assertThrows(SelectException.class,
                () -> csv(PEOPLE, "SELECT 1e6000 * 1e6000 FROM S3Object")).code());
        assertEquals("{\"a\":1E+5000000}\n", json("{\"a\": 1e5000000}", "SELECT s.a FROM S3Object s"));
        assertEquals("IncorrectSqlFunctionArgumentType", assertThrows(SelectException.class,
                () -> csv(PEOPLE, "SELECT SUBSTRING(name, 'x') FROM S3Object")).code());
        assertEquals("\"\"\n".repeat(3), csv(PEOPLE, "SELECT _99999999999 FROM S3Object"));
        assertEquals("ali\n", csv(PEOPLE, "SELECT SUBSTRING(name, 1, 3) FROM S3Object LIMIT 1"));
        assertEquals("CastFailed", assertThrows(SelectException.class,
                () -> csv("a\n" + "9".repeat(SelectNumbers.MAX_LENGTH + 1) + "\n", "SELECT CAST(a AS INT) FROM S3Object")).code());
    }

    @Test
    void likeMatchesWithoutBacktrackingBlowUp() {
        String data = "v\n" + "a".repeat(3000) + "\nab\nx%y\nxzy\n\u00e9t\u00e9\n";
        // a regex with .* per % takes minutes on the 3,000 a's; the wildcard walk is immediate
        assertEquals("ab\n", csv(data, "SELECT v FROM S3Object WHERE v LIKE '%a%b'"));
        assertEquals("", csv(data, "SELECT v FROM S3Object WHERE v LIKE '%a%a%a%a%b'"));
        assertEquals("x%y\n", csv(data, "SELECT v FROM S3Object WHERE v LIKE 'x!%_' ESCAPE '!'"));
        assertEquals("x%y\nxzy\n", csv(data, "SELECT v FROM S3Object WHERE v LIKE 'x_y'"));
        assertEquals("\u00e9t\u00e9\n", csv(data, "SELECT v FROM S3Object WHERE v LIKE '_t_'"));
        assertEquals("ab\n", csv(data, "SELECT v FROM S3Object WHERE v LIKE '%%b' AND v NOT LIKE 'b%'"));
        assertEquals(5, csv(data, "SELECT v FROM S3Object WHERE v LIKE '%'").lines().count());
        assertEquals(0, csv(data, "SELECT v FROM S3Object WHERE v LIKE '_'").length());
    }

    @Test
    void unreadableInputIsTheClientsError() throws Exception {
        assertEquals("CSVParsingError", assertThrows(SelectException.class, () -> csv("\"name,city\nalice,Seoul\n", "SELECT * FROM S3Object"))
                .code());
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(PEOPLE.getBytes(StandardCharsets.UTF_8));
        }
        byte[] cut = java.util.Arrays.copyOf(zipped.toByteArray(), 14); // the header and a little of the deflate stream
        assertEquals("InvalidCompressionFormat", assertThrows(SelectException.class, () -> SelectRecords.csv(
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(cut)), HEADER)).code());
        assertEquals("InvalidCompressionFormat", assertThrows(SelectException.class, () -> SelectRecords.json(
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(cut)), java.util.List.of()).hasNext()).code());
    }

    @Test
    void aRecordOverOneMegabyteIsRefusedWhileReading() {
        String big = "x".repeat(RecordSizeLimit.MAX_RECORD + 1);
        assertEquals("OverMaxRecordSize", assertThrows(SelectException.class, () -> csv("a\n" + big + "\n", "SELECT * FROM S3Object")).code());
        // an unclosed quote stops at about 1 MB instead of reading the rest of the object
        assertEquals("OverMaxRecordSize", assertThrows(SelectException.class,
                () -> csv("a\n\"" + "y\n".repeat(2 * RecordSizeLimit.MAX_RECORD), "SELECT * FROM S3Object")).code());
        assertEquals("OverMaxRecordSize", assertThrows(SelectException.class,
                () -> json("{\"a\": 1}\n{\"b\": \"" + big + big + "\"}\n", "SELECT * FROM S3Object")).code());
        String many = ("1234567890\n").repeat(200_000); // 2.2 MB of small records is fine
        assertEquals("200000\n", csv("n\n" + many, "SELECT COUNT(*) FROM S3Object"));
        assertEquals("{\"_1\":200000}\n", json(many, "SELECT COUNT(*) FROM S3Object"));
    }
}
