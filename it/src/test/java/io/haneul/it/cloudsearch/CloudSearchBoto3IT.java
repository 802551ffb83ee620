package io.haneul.it.cloudsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A whole CloudSearch round trip through boto3: configure with {@code cloudsearch}, upload and search with {@code cloudsearchdomain}. */
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
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python with boto3"));
        Processes.Result r = Processes.run(List.of(python, file.toString(), server.endpoint().toString()),
                CloudSearchClients.ACCOUNT, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
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
}
