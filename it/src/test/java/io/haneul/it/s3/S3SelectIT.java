package io.haneul.it.s3;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.Stats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SelectObjectContent (S3 Select) over CSV and JSON objects, read by the SDK for Java v2's async client
 * (Records, Stats and End events through its event-stream visitor) and by boto3 (its EventStream), with
 * the SQL subset: projections with aliases and positions, WHERE with comparisons, AND/OR, LIKE, IS NULL,
 * CAST, LIMIT and the aggregates.
 */
class S3SelectIT {

    static final String CSV = "name,city,age\nalice,Seoul,34\nbob,Busan,27\ncarol,Seoul,45\ndave,,19\n";
    static final String JSON_LINES = """
            {"name": "alice", "tags": ["a"], "score": 9.5, "city": "Seoul"}
            {"name": "bob", "score": 7, "city": null}
            {"name": "carol", "score": 8.25}
            """;

    static TestServer server;
    static S3Client s3;
    static S3AsyncClient async;
    static final String BUCKET = S3Clients.bucket("select");

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
        async = S3AsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Clients.ACCOUNT_A, "secret"))).build();
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putObject(r -> r.bucket(BUCKET).key("people.csv"), RequestBody.fromString(CSV));
        s3.putObject(r -> r.bucket(BUCKET).key("scores.json"), RequestBody.fromString(JSON_LINES));
    }

    @AfterAll
    static void stop() throws Exception {
        async.close();
        s3.close();
        server.close();
    }

    record Result(String records, Stats stats, boolean ended) {
    }

    static Result select(String key, String sql, boolean csvInput, boolean csvOutput) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        AtomicReference<Stats> stats = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        SelectObjectContentRequest request = SelectObjectContentRequest.builder().bucket(BUCKET).key(key).expression(sql)
                .expressionType(ExpressionType.SQL)
                .inputSerialization(i -> {
                    if (csvInput) {
                        i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.USE));
                    } else {
                        i.json(j -> j.type("LINES"));
                    }
                })
                .outputSerialization(o -> {
                    if (csvOutput) {
                        o.csv(c -> { });
                    } else {
                        o.json(j -> { });
                    }
                }).build();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(r -> records.writeBytes(r.payload().asByteArray()))
                        .onStats(s -> stats.set(s.details()))
                        .onEnd(e -> ended.set(true)).build())
                .build();
        async.selectObjectContent(request, handler).join();
        return new Result(records.toString(StandardCharsets.UTF_8), stats.get(), ended.get());
    }

    @Test
    void csvProjectionFilterAndLimitThroughTheAsyncClient() {
        Result r = select("people.csv", "SELECT s.name, s._3 AS years FROM S3Object s WHERE s.city = 'Seoul' AND CAST(s.age AS INT) > 30",
                true, true);
        assertEquals("alice,34\ncarol,45\n", r.records());
        assertTrue(r.ended());
        assertEquals((long) CSV.length(), r.stats().bytesScanned());
        assertEquals((long) CSV.length(), r.stats().bytesProcessed());
        assertEquals((long) "alice,34\ncarol,45\n".length(), r.stats().bytesReturned());

        assertEquals("bob\n", select("people.csv", "select name from S3Object where name like 'b%' or city is null and age < '20' limit 1",
                true, true).records());
        assertEquals("{\"name\":\"dave\"}\n", select("people.csv", "SELECT s.name FROM S3Object s WHERE s.city = ''", true, false).records());
        assertEquals("4,125,31.25,19,45\n", select("people.csv",
                "SELECT COUNT(*), SUM(CAST(age AS INT)), AVG(CAST(age AS INT)), MIN(CAST(age AS INT)), MAX(CAST(age AS INT)) FROM S3Object",
                true, true).records());
        assertEquals("alice,Seoul,34\n", select("people.csv", "SELECT * FROM S3Object LIMIT 1", true, true).records());
    }

    @Test
    void jsonRecordsAndNulls() {
        assertEquals("{\"name\":\"bob\"}\n", select("scores.json", "SELECT s.name FROM S3Object[*] s WHERE s.city IS NULL AND s.score < 8",
                false, false).records());
        assertEquals("{\"name\":\"carol\",\"score\":8.25}\n", select("scores.json",
                "SELECT s.name, s.score FROM S3Object s WHERE s.city IS MISSING", false, false).records());
        assertEquals("{\"_1\":3,\"_2\":24.75}\n", select("scores.json", "SELECT COUNT(*), SUM(s.score) FROM S3Object s", false, false).records());
    }

    @Test
    void dataThatIsNotGzipIsTheClientsError() {
        SelectObjectContentRequest request = SelectObjectContentRequest.builder().bucket(BUCKET).key("people.csv")
                .expression("SELECT * FROM S3Object").expressionType(ExpressionType.SQL)
                .inputSerialization(i -> i.compressionType("GZIP").csv(c -> c.fileHeaderInfo(FileHeaderInfo.USE)))
                .outputSerialization(o -> o.csv(c -> { })).build();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder().build()).build();
        CompletionException e = assertThrows(CompletionException.class, () -> async.selectObjectContent(request, handler).join());
        software.amazon.awssdk.services.s3.model.S3Exception cause = (software.amazon.awssdk.services.s3.model.S3Exception) e.getCause();
        assertEquals(400, cause.statusCode());
        assertEquals("InvalidCompressionFormat", cause.awsErrorDetails().errorCode());
    }

    @Test
    void aBadQueryIsTheClientsError() {
        CompletionException e = assertThrows(CompletionException.class, () -> select("people.csv", "SELECT FROM WHERE", true, true));
        assertInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class, e.getCause());
        assertEquals(400, ((software.amazon.awssdk.services.s3.model.S3Exception) e.getCause()).statusCode());
        CompletionException cast = assertThrows(CompletionException.class,
                () -> select("people.csv", "SELECT CAST(name AS INT) FROM S3Object", true, true));
        assertEquals("CastFailed", ((software.amazon.awssdk.services.s3.model.S3Exception) cast.getCause()).awsErrorDetails().errorCode());
    }

    @Test
    void aFailureAfterTheFirstRecordsEndsTheStreamWithAnErrorEvent() throws Exception {
        BotoParity.check(server, work, S3Clients.ACCOUNT_A, """
                s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
                s3.put_object(Bucket="%s", Key="numbers.csv", Body=("n\\n" + "12345\\n" * 20000 + "oops\\n").encode())
                r = s3.select_object_content(Bucket="%s", Key="numbers.csv", ExpressionType="SQL",
                        Expression="SELECT CAST(n AS INT) FROM S3Object", InputSerialization={"CSV": {"FileHeaderInfo": "USE"}},
                        OutputSerialization={"CSV": {}})
                records = b""
                try:
                    for e in r["Payload"]:
                        records += e.get("Records", {}).get("Payload", b"")
                    DIFFS.append("no error event")
                except botocore.exceptions.EventStreamError as e:
                    same("error", {"Code": e.response["Error"]["Code"]}, {"Code": "CastFailed"})
                same("records", {"r": records}, {"r": b"12345\\n" * 20000})
                """.formatted(BUCKET, BUCKET));
    }

    @Test
    void boto3ReadsTheEventStream() throws Exception {
        BotoParity.check(server, work, S3Clients.ACCOUNT_A, """
                s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
                r = s3.select_object_content(Bucket="%s", Key="people.csv", ExpressionType="SQL",
                        Expression="SELECT s.name FROM S3Object s WHERE CAST(s.age AS INT) < 30",
                        InputSerialization={"CSV": {"FileHeaderInfo": "USE"}}, OutputSerialization={"CSV": {}})
                events = list(r["Payload"])
                records = b"".join(e["Records"]["Payload"] for e in events if "Records" in e)
                same("records", {"r": records.decode()}, {"r": "bob\\ndave\\n"})
                same("stats", [e for e in events if "Stats" in e][0],
                     {"Stats": {"Details": {"BytesScanned": %d, "BytesProcessed": %d, "BytesReturned": 9}}})
                same("end", events[-1], {"End": {}})
                """.formatted(BUCKET, CSV.length(), CSV.length()));
    }
}
