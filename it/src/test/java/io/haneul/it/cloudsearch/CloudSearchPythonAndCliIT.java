package io.haneul.it.cloudsearch;

import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * boto3's {@code cloudsearch} client against whole responses: the movies domain of AWS's developer
 * guide is configured as the guide configures it, and DescribeDomains and DescribeIndexFields must
 * answer what the guide's examples show, member for member, with only the values that differ per
 * domain (ids, endpoints, dates, versions) compared by form. Debian's AWS CLI v2 (skipped where it
 * is not installed) configures a domain with its own define-index-field options.
 */
class CloudSearchPythonAndCliIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DEBIAN_CLI = Path.of("/usr/bin/aws");

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

    private Processes.Result cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DEBIAN_CLI.toString(), "--endpoint-url", server.endpoint().toString(), "--output", "json",
                "--region", "us-east-1", "cloudsearch"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, "123456789012", "secret", work, 120);
    }

    private JsonNode ok(Processes.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.stdout());
    }

    @Test
    void awsCliV2FromDebian() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_CLI), "Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed");
        JsonNode created = ok(cli("create-domain", "--domain-name", "clidomain"));
        assertEquals("123456789012/clidomain", created.path("DomainStatus").path("DomainId").asText());
        JsonNode field = ok(cli("define-index-field", "--domain-name", "clidomain", "--name", "rating", "--type", "double",
                "--default-value", "2.5", "--sort-enabled", "true", "--facet-enabled", "false"));
        assertEquals(2.5, field.path("IndexField").path("Options").path("DoubleOptions").path("DefaultValue").asDouble());
        assertEquals("RequiresIndexDocuments", field.path("IndexField").path("Status").path("State").asText());
        ok(cli("define-index-field", "--domain-name", "clidomain", "--name", "genres", "--type", "literal-array", "--facet-enabled", "true"));
        assertEquals("[\"genres\",\"rating\"]", ok(cli("index-documents", "--domain-name", "clidomain")).path("FieldNames").toString());
        JsonNode fields = ok(cli("describe-index-fields", "--domain-name", "clidomain", "--field-names", "genres"));
        assertEquals(1, fields.path("IndexFields").size());
        assertTrue(fields.path("IndexFields").get(0).path("Options").path("LiteralArrayOptions").path("FacetEnabled").asBoolean());
        Processes.Result missing = cli("describe-index-fields", "--domain-name", "nodomain");
        assertEquals(254, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("ResourceNotFound"), missing::toString);
        assertTrue(ok(cli("list-domain-names")).path("DomainNames").has("clidomain"));
    }
}
