package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.SelfSignedCertificates;
import io.haneul.apigateway.store.SqlItemStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An account's regional API Gateway items outside any REST API: client certificates (a real
 * self-signed certificate, valid 365 days), VPC links (recorded; AVAILABLE at once, since nothing is
 * provisioned) and the account settings (CloudWatch role, throttle limits).
 */
public final class AccountItemsService {

    static final String CERTIFICATE = "client-certificate";
    static final String VPC_LINK = "vpc-link";
    static final String ACCOUNT = "account";
    static final Map<String, Kind> CERTIFICATE_PATCH = PatchApplier.spec("/description", Kind.STRING);
    static final Map<String, Kind> VPC_LINK_PATCH = PatchApplier.spec("/name", Kind.STRING, "/description", Kind.STRING);
    static final Map<String, Kind> ACCOUNT_PATCH = PatchApplier.spec("/cloudwatchRoleArn", Kind.STRING,
            "/throttle/rateLimit", Kind.STRING, "/throttle/burstLimit", Kind.STRING, "/features/*", Kind.STRING_SET);
    private static final Duration CERTIFICATE_LIFE = Duration.ofDays(365);

    private final SqlItemStore store;
    private final Clock clock;
    private final Ids ids;
    private final SelfSignedCertificates certificates = new SelfSignedCertificates();

    public AccountItemsService(SqlItemStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    private static String scope(String account, String region) {
        return account + "/" + region;
    }

    // client certificates

    public ObjectNode generateCertificate(String account, String region, ObjectNode in) {
        Instant now = clock.instant();
        String id = ids.hex(6);
        ObjectNode cert = JsonNodeFactory.instance.objectNode().put("clientCertificateId", id);
        if (in.hasNonNull("description")) {
            cert.put("description", in.get("description").asText());
        }
        cert.put("pemEncodedCertificate", certificates.generate(id, now, now.plus(CERTIFICATE_LIFE)));
        cert.put("createdDate", now.getEpochSecond());
        cert.put("expirationDate", now.plus(CERTIFICATE_LIFE).getEpochSecond());
        if (in.has("tags") && !in.get("tags").isEmpty()) {
            cert.set("tags", in.get("tags").deepCopy());
        }
        store.update(tx -> {
            tx.put(CERTIFICATE, scope(account, region), id, cert);
            return null;
        });
        return cert;
    }

    public ObjectNode getCertificate(String account, String region, String id) {
        return store.read(tx -> tx.get(CERTIFICATE, scope(account, region), id))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Client Certificate identifier specified"));
    }

    public Paging.Page listCertificates(String account, String region, String position, Integer limit) {
        return Paging.page(store.read(tx -> tx.list(CERTIFICATE, scope(account, region))), "clientCertificateId", position, limit);
    }

    public ObjectNode updateCertificate(String account, String region, String id, List<PatchApplier.Operation> ops) {
        return change(CERTIFICATE, account, region, id, ops, CERTIFICATE_PATCH, "Invalid Client Certificate identifier specified");
    }

    public void deleteCertificate(String account, String region, String id) {
        remove(CERTIFICATE, account, region, id, "Invalid Client Certificate identifier specified");
    }

    // VPC links

    public ObjectNode createVpcLink(String account, String region, ObjectNode in) {
        if (in.path("name").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("VPC link name must not be empty");
        }
        if (in.path("targetArns").size() != 1) {
            throw ApiGatewayException.badRequest("A VPC link needs exactly one target Network Load Balancer ARN");
        }
        String id = ids.hex(6);
        ObjectNode link = in.deepCopy();
        link.put("id", id);
        link.put("status", "AVAILABLE");
        link.put("statusMessage", "Your vpc link is ready for use");
        if (link.has("tags") && link.get("tags").isEmpty()) {
            link.remove("tags");
        }
        store.update(tx -> {
            tx.put(VPC_LINK, scope(account, region), id, link);
            return null;
        });
        return link;
    }

    public ObjectNode getVpcLink(String account, String region, String id) {
        return store.read(tx -> tx.get(VPC_LINK, scope(account, region), id))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Vpc Link identifier specified"));
    }

    public Paging.Page listVpcLinks(String account, String region, String position, Integer limit) {
        return Paging.page(store.read(tx -> tx.list(VPC_LINK, scope(account, region))), "id", position, limit);
    }

    public ObjectNode updateVpcLink(String account, String region, String id, List<PatchApplier.Operation> ops) {
        return change(VPC_LINK, account, region, id, ops, VPC_LINK_PATCH, "Invalid Vpc Link identifier specified");
    }

    public void deleteVpcLink(String account, String region, String id) {
        remove(VPC_LINK, account, region, id, "Invalid Vpc Link identifier specified");
    }

    // account

    /** The account settings, with AWS's defaults (10,000 requests per second, bursts of 5,000) until changed. */
    public ObjectNode getAccount(String account, String region) {
        return store.read(tx -> tx.get(ACCOUNT, scope(account, region), "settings")).orElseGet(AccountItemsService::defaults);
    }

    public ObjectNode updateAccount(String account, String region, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            ObjectNode settings = tx.get(ACCOUNT, scope(account, region), "settings").orElseGet(AccountItemsService::defaults);
            ObjectNode editable = settings.deepCopy();
            editable.set("throttle", editable.remove("throttleSettings"));
            PatchApplier.apply(editable, ops, ACCOUNT_PATCH);
            ObjectNode throttle = (ObjectNode) editable.remove("throttle");
            ObjectNode out = editable.deepCopy();
            ObjectNode t = out.putObject("throttleSettings");
            try {
                t.put("burstLimit", Integer.parseInt(throttle.path("burstLimit").asText()));
                t.put("rateLimit", Double.parseDouble(throttle.path("rateLimit").asText()));
            } catch (NumberFormatException e) {
                throw ApiGatewayException.badRequest("Invalid throttle settings: " + e.getMessage());
            }
            tx.put(ACCOUNT, scope(account, region), "settings", out);
            return out;
        });
    }

    private static ObjectNode defaults() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.putObject("throttleSettings").put("burstLimit", 5000).put("rateLimit", 10000.0);
        a.putArray("features").add("UsagePlans");
        a.put("apiKeyVersion", "4");
        return a;
    }

    private ObjectNode change(String kind, String account, String region, String id, List<PatchApplier.Operation> ops,
                              Map<String, Kind> spec, String missing) {
        return store.update(tx -> {
            ObjectNode doc = tx.get(kind, scope(account, region), id).orElseThrow(() -> ApiGatewayException.notFound(missing));
            PatchApplier.apply(doc, ops, spec);
            tx.put(kind, scope(account, region), id, doc);
            return doc;
        });
    }

    private void remove(String kind, String account, String region, String id, String missing) {
        store.update(tx -> {
            if (!tx.delete(kind, scope(account, region), id)) {
                throw ApiGatewayException.notFound(missing);
            }
            return null;
        });
    }
}
