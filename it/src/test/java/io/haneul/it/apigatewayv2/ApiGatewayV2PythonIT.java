package io.haneul.it.apigatewayv2;

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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * boto3's {@code apigatewayv2} client against whole responses of AWS's documented examples
 * ({@code aws apigatewayv2 get-api} and {@code get-routes} in the CLI reference): the same members,
 * and the same values where they are not generated ids, dates or endpoints.
 */
class ApiGatewayV2PythonIT {

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
    void getApiAndGetRoutesMatchAwsExamples() throws Exception {
        String python = Processes.pythonWithBoto3(work).orElse(null);
        assumeTrue(python != null, "no python3 with boto3 on this machine");
        Path script = work.resolve("v2.py");
        Files.writeString(script, """
                import sys, re, datetime, boto3
                v2 = boto3.client("apigatewayv2", endpoint_url=sys.argv[1], region_name="us-east-1")

                # AWS CLI reference, apigatewayv2 get-api
                API = {"ApiEndpoint": "https://a1b2c3d4.execute-api.us-west-2.amazonaws.com", "ApiId": "a1b2c3d4",
                       "ApiKeySelectionExpression": "$request.header.x-api-key", "CreatedDate": "2020-03-28T00:32:37Z",
                       "Name": "my-api", "ProtocolType": "HTTP", "RouteSelectionExpression": "$request.method $request.path",
                       "Tags": {"department": "finance", "owner": "Mary"}}
                # AWS CLI reference, apigatewayv2 get-routes (the first two items)
                ROUTES = [{"ApiKeyRequired": False, "AuthorizationType": "NONE", "RouteId": "72jz1wk", "RouteKey": "ANY /admin",
                           "Target": "integrations/a1b2c3d4"},
                          {"ApiGatewayManaged": True, "ApiKeyRequired": False, "AuthorizationType": "NONE", "RouteId": "go65gqi",
                           "RouteKey": "$default", "Target": "integrations/a1b2c3d4"}]

                created = v2.create_api(Name="my-api", ProtocolType="HTTP", Target="https://example.com",
                                        Tags={"department": "finance", "owner": "Mary"})
                api_id = created["ApiId"]
                got = v2.get_api(ApiId=api_id)
                got.pop("ResponseMetadata")
                extra = set(got) - set(API)
                assert extra <= {"DisableExecuteApiEndpoint", "IpAddressType"}, extra
                assert set(API) <= set(got), set(API) - set(got)
                for k in ("ApiKeySelectionExpression", "Name", "ProtocolType", "RouteSelectionExpression", "Tags"):
                    assert got[k] == API[k], (k, got[k])
                assert re.fullmatch(r"[a-z0-9]{10}", got["ApiId"]), got["ApiId"]
                assert isinstance(got["CreatedDate"], datetime.datetime), got["CreatedDate"]
                assert got["ApiEndpoint"].startswith("http://" + api_id + ".execute-api."), got["ApiEndpoint"]

                default = v2.get_routes(ApiId=api_id)["Items"][0]
                v2.create_route(ApiId=api_id, RouteKey="ANY /admin", Target=default["Target"])
                items = sorted(v2.get_routes(ApiId=api_id)["Items"], key=lambda r: r["RouteKey"], reverse=True)
                assert [sorted(i) for i in items] == [sorted(r) for r in ROUTES], items
                for mine, theirs in zip(items, ROUTES):
                    for k in ("ApiKeyRequired", "AuthorizationType", "RouteKey", "ApiGatewayManaged"):
                        assert mine.get(k) == theirs.get(k), (k, mine, theirs)
                    assert re.fullmatch(r"integrations/[a-z0-9]+", mine["Target"]), mine
                print("ok")
                """);
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString()), "123456789012",
                "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("ok", r.stdout().strip());
    }
}
