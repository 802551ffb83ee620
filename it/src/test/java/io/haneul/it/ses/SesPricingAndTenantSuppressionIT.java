package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SES v2 PutAccountPricingAttributes and PutTenantSuppressionAttributes, which the SDK for Java Haneul
 * is built with lacks (answered on documents), through boto3 loading Haneul's shipped sesv2 model (the
 * installed botocore predates them): their effect shows in GetAccount's {@code PricingAttributes} and
 * GetTenant's {@code Tenant.SuppressionAttributes}, members the SDK's classes lack; a plan change is
 * scheduled for the next monthly cycle and becomes current when the clock reaches it.
 */
class SesPricingAndTenantSuppressionIT {

    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static final String SCRIPT = """
            import json, os, sys, tempfile
            endpoint, model, phase = sys.argv[1], sys.argv[2], sys.argv[3]
            data = tempfile.mkdtemp()
            os.makedirs(os.path.join(data, "sesv2", "2019-09-27"))
            with open(model) as src, open(os.path.join(data, "sesv2", "2019-09-27", "service-2.json"), "w") as dst:
                dst.write(src.read())
            os.environ["AWS_DATA_PATH"] = data
            import boto3, botocore.exceptions
            ses = boto3.session.Session().client("sesv2", endpoint_url=endpoint, region_name="us-east-1")
            def strip(r):
                r.pop("ResponseMetadata", None)
                return r
            def error(call):
                try:
                    call()
                    return None
                except botocore.exceptions.ClientError as e:
                    return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
            out = {}
            if phase == "before":
                out["initial"] = strip(ses.get_account()).get("PricingAttributes")
                out["put"] = strip(ses.put_account_pricing_attributes(Plan="PRO"))
                out["scheduled"] = strip(ses.get_account())["PricingAttributes"]
                ses.put_account_pricing_attributes(Plan="NONE")
                out["cancelled"] = strip(ses.get_account())["PricingAttributes"]
                ses.put_account_pricing_attributes(Plan="ESSENTIALS")
                ses.create_tenant(TenantName="acme")
                out["tenantBefore"] = strip(ses.get_tenant(TenantName="acme"))["Tenant"].get("SuppressionAttributes")
                out["suppress"] = strip(ses.put_tenant_suppression_attributes(TenantName="acme", SuppressedReasons=["BOUNCE"],
                                                                              SuppressionScope="TENANT"))
                tenant = strip(ses.get_tenant(TenantName="acme"))["Tenant"]
                out["tenantAfter"] = tenant["SuppressionAttributes"]
                out["tenantName"] = tenant["TenantName"]
                out["missingTenant"] = error(lambda: ses.put_tenant_suppression_attributes(TenantName="nobody", SuppressedReasons=[]))
                out["badScope"] = error(lambda: ses.put_tenant_suppression_attributes(TenantName="acme", SuppressionScope="GLOBAL"))
                out["badPlan"] = error(lambda: ses.put_account_pricing_attributes(Plan="GOLD"))
            else:
                out["later"] = strip(ses.get_account())["PricingAttributes"]
            print(json.dumps(out))
            """;

    private Path model() throws Exception {
        Path file = work.resolve("sesv2-model.json");
        try (InputStream in = SesPricingAndTenantSuppressionIT.class.getResourceAsStream("/aws-models/sesv2-2019-09-27.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void pricingPlanAndTenantSuppressionShowInGetAccountAndGetTenant() throws Exception {
        Path model = model();
        JsonNode out = Ses.boto3(server, work, SCRIPT, model.toString(), "before");
        assertEquals(Ses.JSON.readTree("{\"CurrentPlan\":\"NONE\"}"), out.get("initial"));
        assertEquals(Ses.JSON.readTree("{}"), out.get("put"));
        assertEquals(Ses.JSON.readTree("{\"CurrentPlan\":\"NONE\",\"NextPlan\":\"PRO\"}"), out.get("scheduled"));
        assertEquals(Ses.JSON.readTree("{\"CurrentPlan\":\"NONE\"}"), out.get("cancelled"));
        assertEquals("null", out.get("tenantBefore").toString());
        assertEquals(Ses.JSON.readTree("{}"), out.get("suppress"));
        assertEquals(Ses.JSON.readTree("{\"SuppressedReasons\":[\"BOUNCE\"],\"SuppressionScope\":\"TENANT\"}"), out.get("tenantAfter"));
        assertEquals("acme", out.get("tenantName").asText());
        assertEquals("[\"NotFoundException\",404]", out.get("missingTenant").toString());
        assertEquals("[\"BadRequestException\",400]", out.get("badScope").toString());
        assertEquals("[\"BadRequestException\",400]", out.get("badPlan").toString());

        CLOCK.advance(Duration.ofDays(32));
        JsonNode later = Ses.boto3(server, work, SCRIPT, model.toString(), "after");
        assertEquals(Ses.JSON.readTree("{\"CurrentPlan\":\"ESSENTIALS\"}"), later.get("later"));
    }
}
