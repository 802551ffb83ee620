package io.haneul.it.cloudsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.BotoScript;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CloudSearch through boto3: a whole round trip (configure with {@code cloudsearch}, upload and search with
 * {@code cloudsearchdomain}), and documents/batch answers compared whole.
 */
class CloudSearchBoto3IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void configureUploadSearchAndSuggest() throws Exception {
        Path file = work.resolve("cs_test.py");
        Files.writeString(file, """
                import json, sys
                import boto3
                cs = boto3.client("cloudsearch", endpoint_url=sys.argv[1], region_name="us-east-1")
                cs.create_domain(DomainName="books")
                cs.define_index_field(DomainName="books", IndexField={"IndexFieldName": "title", "IndexFieldType": "text"})
                cs.define_index_field(DomainName="books", IndexField={"IndexFieldName": "author", "IndexFieldType": "literal"})
                cs.define_index_field(DomainName="books", IndexField={"IndexFieldName": "pages", "IndexFieldType": "int"})
                cs.define_suggester(DomainName="books", Suggester={"SuggesterName": "t",
                    "DocumentSuggesterOptions": {"SourceField": "title", "FuzzyMatching": "high"}})
                cs.index_documents(DomainName="books")
                status = cs.describe_domains(DomainNames=["books"])["DomainStatusList"][0]
                doc = boto3.client("cloudsearchdomain", endpoint_url="http://" + status["DocService"]["Endpoint"], region_name="us-east-1")
                search = boto3.client("cloudsearchdomain", endpoint_url="http://" + status["SearchService"]["Endpoint"], region_name="us-east-1")
                batch = [{"type": "add", "id": "b1", "fields": {"title": "Running with Scissors", "author": "Burroughs", "pages": 315}},
                         {"type": "add", "id": "b2", "fields": {"title": "The Old Man and the Sea", "author": "Hemingway", "pages": 127}},
                         {"type": "add", "id": "b3", "fields": {"title": "A Farewell to Arms", "author": "Hemingway", "pages": 355}}]
                up = doc.upload_documents(documents=json.dumps(batch).encode(), contentType="application/json")
                r = search.search(query="run")
                f = search.search(query="matchall", queryParser="structured", facet=json.dumps({"author": {}}),
                                  sort="pages desc", size=2, highlight=json.dumps({"title": {}}))
                s = search.suggest(suggester="t", query="a farwel", size=3)
                try:
                    search.search(query="(or", queryParser="structured")
                    err = None
                except search.exceptions.SearchException as e:
                    err = e.response["Error"]["Code"]
                try:
                    doc.upload_documents(documents=b'[{"type":"add","id":"x","fields":{"pages":"many"}}]', contentType="application/json")
                    derr = None
                except doc.exceptions.DocumentServiceException as e:
                    derr = e.response["Error"]["Code"]
                print(json.dumps({"adds": up["adds"], "status": up["status"],
                                  "run": [h["id"] for h in r["hits"]["hit"]], "title": r["hits"]["hit"][0]["fields"]["title"],
                                  "sorted": [h["id"] for h in f["hits"]["hit"]], "found": f["hits"]["found"],
                                  "facets": {b["value"]: b["count"] for b in f["facets"]["author"]["buckets"]},
                                  "suggest": [x["suggestion"] for x in s["suggest"]["suggestions"]],
                                  "error": err, "docError": derr}))
                """);
        JsonNode out = BotoScript.json(file, CloudSearchClients.ACCOUNT, 180, server.endpoint().toString());
        assertEquals("success", out.get("status").asText());
        assertEquals(3, out.get("adds").asInt());
        assertEquals("[\"b1\"]", out.get("run").toString());
        assertEquals("[\"Running with Scissors\"]", out.get("title").toString());
        assertEquals("[\"b3\",\"b1\"]", out.get("sorted").toString());
        assertEquals(3, out.get("found").asInt());
        assertEquals(2, out.get("facets").get("Hemingway").asInt());
        assertEquals("[\"A Farewell to Arms\"]", out.get("suggest").toString());
        assertEquals("SearchException", out.get("error").asText());
        assertEquals("DocumentServiceException", out.get("docError").asText());
    }

    /**
     * documents/batch answers compared whole, through boto3's {@code cloudsearchdomain} client
     * (UploadDocuments and its DocumentServiceException as botocore parses them) and as the bodies
     * AWS documents (JSON and XML, read with urllib): success with adds and deletes and no warnings;
     * refused batches (unknown field, bad value, not an array, wrong content type, over 5 MB) with
     * every problem listed, the outer message the SDKs read, and nothing applied.
     */
    @Test
    void batchAnswersAsAwsWritesThem() throws Exception {
        Path file = work.resolve("cs_batches.py");
        Files.writeString(file, """
                import json, sys, urllib.request, urllib.error
                import boto3
                cs = boto3.client("cloudsearch", endpoint_url=sys.argv[1], region_name="us-east-1")
                cs.create_domain(DomainName="movies")
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "title", "IndexFieldType": "text"})
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "year", "IndexFieldType": "int"})
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "genres", "IndexFieldType": "literal-array"})
                cs.index_documents(DomainName="movies")
                status = cs.describe_domains(DomainNames=["movies"])["DomainStatusList"][0]
                doc = boto3.client("cloudsearchdomain", endpoint_url="http://" + status["DocService"]["Endpoint"], region_name="us-east-1")
                search = boto3.client("cloudsearchdomain", endpoint_url="http://" + status["SearchService"]["Endpoint"], region_name="us-east-1")

                def strip(r):
                    r = dict(r)
                    meta = r.pop("ResponseMetadata")
                    return {"http": meta["HTTPStatusCode"], "body": r}

                def upload(body, content_type="application/json"):
                    try:
                        return strip(doc.upload_documents(documents=body, contentType=content_type))
                    except doc.exceptions.DocumentServiceException as e:
                        return strip(e.response)

                def raw(body, content_type):
                    req = urllib.request.Request("http://" + status["DocService"]["Endpoint"] + "/2013-01-01/documents/batch",
                                                 data=body, headers={"Content-Type": content_type}, method="POST")
                    try:
                        with urllib.request.urlopen(req) as r:
                            return {"http": r.status, "type": r.headers["x-amzn-ErrorType"], "body": r.read().decode()}
                    except urllib.error.HTTPError as e:
                        return {"http": e.code, "type": e.headers["x-amzn-ErrorType"], "body": e.read().decode()}

                out = {}
                out["success"] = upload(json.dumps([
                    {"type": "add", "id": "m1", "fields": {"title": "Star Wars", "year": 1977, "genres": ["Action", "Fantasy"]}},
                    {"type": "add", "id": "m2", "fields": {"title": "Alien", "year": "1979"}},
                    {"type": "delete", "id": "m0"}]).encode())
                bad = json.dumps([
                    {"type": "add", "id": "m3", "fields": {"title": "Brazil", "nosuch": "x"}},
                    {"type": "add", "id": "m4", "fields": {"title": "Heat", "year": "nineteen"}}]).encode()
                out["invalid"] = upload(bad)
                out["invalidBody"] = raw(bad, "application/json")
                out["notArray"] = upload(b'{"type": "add", "id": "m5", "fields": {"title": "Ran"}}')
                out["contentType"] = upload(b'[]', "text/plain")
                out["tooLarge"] = upload(b"[" + b" " * (5 * 1024 * 1024) + b"]")
                out["xmlSuccess"] = raw(b'<batch><add id="m6"><field name="title">Jaws</field></add><delete id="m7"/></batch>', "application/xml")
                out["xmlError"] = raw(b'<batch><add id="m8"><field name="year">soon</field></add></batch>', "application/xml")
                out["found"] = search.search(query="matchall", queryParser="structured", size=10)["hits"]["found"]
                print(json.dumps(out))
                """);
        JsonNode out = BotoScript.json(file, CloudSearchClients.ACCOUNT, 180, server.endpoint().toString());

        assertEquals(JSON.readTree("""
                {"http": 200, "body": {"status": "success", "adds": 2, "deletes": 1}}"""), out.get("success"));

        String unknown = "Validation error for field 'nosuch' of document m3: the domain has no such index field";
        String badInt = "Validation error for field 'year' of document m4: Invalid int value 'nineteen'";
        assertEquals(refused(400, unknown), out.get("invalid"));
        JsonNode invalidBody = out.get("invalidBody");
        assertEquals(400, invalidBody.get("http").asInt());
        assertEquals("DocumentServiceException", invalidBody.get("type").asText());
        assertEquals(JSON.readTree("""
                {"status": "error",
                 "errors": [{"message": "[*Deprecated*: Use the outer message field] %s"},
                            {"message": "[*Deprecated*: Use the outer message field] %s"}],
                 "adds": 0, "deletes": 0, "message": "%s"}""".formatted(unknown, badInt, unknown)),
                JSON.readTree(invalidBody.get("body").asText()));
        assertEquals(refused(400, "Expected a JSON array of document operations"), out.get("notArray"));
        assertEquals(refused(415, "Invalid Content-Type 'text/plain': use application/json or application/xml"), out.get("contentType"));
        assertEquals(refused(413, "Request Too Large: a batch is at most 5242880 bytes"), out.get("tooLarge"));

        assertEquals(JSON.readTree("""
                {"http": 200, "type": null, "body": "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?><response status=\\"success\\" adds=\\"1\\" deletes=\\"1\\"></response>"}"""),
                out.get("xmlSuccess"));
        assertEquals(JSON.readTree("""
                {"http": 400, "type": "DocumentServiceException", "body": "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?><response status=\\"error\\" adds=\\"0\\" deletes=\\"0\\"><errors><error>Validation error for field 'year' of document m8: Invalid int value 'soon'</error></errors></response>"}"""),
                out.get("xmlError"));
        assertEquals(3, out.get("found").asInt(), "refused batches apply nothing");
    }

    /** What botocore makes of a refused batch: the error code and outer message, and the exception's modeled members. */
    private static JsonNode refused(int http, String message) throws Exception {
        return JSON.readTree("""
                {"http": %d, "body": {"Error": {"Code": "DocumentServiceException", "Message": "%s"}, "status": "error", "message": "%s"}}"""
                .formatted(http, message, message));
    }
}
