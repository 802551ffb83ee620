package io.haneul.it.cloudsearch;

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

/**
 * boto3's {@code cloudsearch} client against whole responses: the movies domain of AWS's developer
 * guide is configured as the guide configures it, and DescribeDomains and DescribeIndexFields must
 * answer what the guide's examples show, member for member, with only the values that differ per
 * domain (ids, endpoints, dates, versions) compared by form.
 */
class CloudSearchBoto3IT {

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
    void describeDomainsAndIndexFieldsMatchAwsExamples() throws Exception {
        Path script = work.resolve("movies.py");
        Files.writeString(script, """
                import sys, re, datetime, boto3, botocore
                cs = boto3.client("cloudsearch", endpoint_url=sys.argv[1], region_name="us-east-1")

                # AWS developer guide, "Getting information about a search domain" (aws cloudsearch describe-domains)
                DOMAINS = {"DomainStatusList": [{
                    "SearchInstanceType": "search.small", "DomainId": "965407640801/movies",
                    "Limits": {"MaximumReplicationCount": 5, "MaximumPartitionCount": 10},
                    "SearchService": {"Endpoint": "search-movies-oopcnjfn6ugofer3zx5iadxxca.us-east-1.cloudsearch.amazonaws.com"},
                    "Created": True, "Deleted": False,
                    "DocService": {"Endpoint": "doc-movies-oopcnjfn6ugofer3zx5iadxxca.us-east-1.cloudsearch.amazonaws.com"},
                    "ARN": "arn:aws:cloudsearch:us-east-1:965407640801:domain/movies",
                    "SearchPartitionCount": 1, "SearchInstanceCount": 1, "DomainName": "movies",
                    "RequiresIndexDocuments": False, "Processing": False}]}
                STATUS = {"PendingDeletion": False, "State": "Active", "CreationDate": "2014-06-24T20:32:12Z",
                          "UpdateVersion": 10, "UpdateDate": "2014-06-24T20:41:57Z"}
                # AWS developer guide, "Getting index field information" (aws cloudsearch describe-index-fields)
                FIELDS = {"IndexFields": [
                    {"Status": STATUS, "Options": {"IndexFieldName": "actors", "IndexFieldType": "text-array",
                        "TextArrayOptions": {"HighlightEnabled": False, "ReturnEnabled": True, "AnalysisScheme": "_en_default_"}}},
                    {"Status": STATUS, "Options": {"IndexFieldName": "genres", "IndexFieldType": "literal-array",
                        "LiteralArrayOptions": {"SearchEnabled": True, "ReturnEnabled": True, "FacetEnabled": True}}},
                    {"Status": STATUS, "Options": {"IndexFieldName": "title", "IndexFieldType": "text",
                        "TextOptions": {"HighlightEnabled": False, "ReturnEnabled": True, "SortEnabled": True, "AnalysisScheme": "_en_default_"}}},
                    {"Status": STATUS, "Options": {"IndexFieldName": "year", "IndexFieldType": "int",
                        "IntOptions": {"SearchEnabled": True, "ReturnEnabled": True, "SortEnabled": True, "FacetEnabled": True}}}]}

                VARYING = {"DomainId": r"\\d{12}/movies", "ARN": r"arn:aws:cloudsearch:us-east-1:\\d{12}:domain/movies",
                           "Endpoint": r".*(doc|search)-movies-[a-z0-9]{26}.*", "UpdateVersion": r"\\d+"}

                def form(value, key=None):
                    if isinstance(value, dict):
                        return {k: form(v, k) for k, v in value.items() if k != "ResponseMetadata"}
                    if isinstance(value, list):
                        return [form(v) for v in value]
                    if key in ("CreationDate", "UpdateDate"):
                        return "<date>" if isinstance(value, (str, datetime.datetime)) else value
                    if key in VARYING:
                        return "<" + key + ">" if re.fullmatch(VARYING[key], str(value)) else value
                    return value

                cs.create_domain(DomainName="movies")
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "actors", "IndexFieldType": "text-array",
                    "TextArrayOptions": {"HighlightEnabled": False, "ReturnEnabled": True, "AnalysisScheme": "_en_default_"}})
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "genres", "IndexFieldType": "literal-array",
                    "LiteralArrayOptions": {"SearchEnabled": True, "ReturnEnabled": True, "FacetEnabled": True}})
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "title", "IndexFieldType": "text",
                    "TextOptions": {"HighlightEnabled": False, "ReturnEnabled": True, "SortEnabled": True, "AnalysisScheme": "_en_default_"}})
                cs.define_index_field(DomainName="movies", IndexField={"IndexFieldName": "year", "IndexFieldType": "int",
                    "IntOptions": {"SearchEnabled": True, "ReturnEnabled": True, "SortEnabled": True, "FacetEnabled": True}})
                assert cs.index_documents(DomainName="movies")["FieldNames"] == ["actors", "genres", "title", "year"]

                got = form(cs.describe_domains(DomainNames=["movies"]))
                assert got == form(DOMAINS), got
                got = form(cs.describe_index_fields(DomainName="movies"))
                assert got == form(FIELDS), got
                try:
                    cs.define_index_field(DomainName="nowhere", IndexField={"IndexFieldName": "x", "IndexFieldType": "int"})
                    raise SystemExit("no error")
                except botocore.exceptions.ClientError as e:
                    assert e.response["Error"]["Code"] == "ResourceNotFound", e.response
                    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 409, e.response
                print("ok")
                """);
        Processes.Result r = Processes.run(List.of("python3.11", script.toString(), server.endpoint().toString()), "123456789012",
                "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("ok", r.stdout().strip());
    }
}
