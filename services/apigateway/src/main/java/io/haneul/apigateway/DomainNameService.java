package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.DomainRouting;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.store.SqlDomainNameStore;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Custom domain names and base path mappings. A domain name records its certificates and gets the
 * target names AWS gives it (a CloudFront {@code d….cloudfront.net} for EDGE, a regional
 * {@code d-….execute-api.{region}.amazonaws.com} for REGIONAL); its mappings send requests whose Host
 * is the domain to an API's stage ({@link DomainRouting}). The set of domain names is kept in memory
 * so that the data plane can tell, without a query, whether a Host is one of them.
 */
public final class DomainNameService {

    static final Map<String, Kind> DOMAIN_PATCH = PatchApplier.spec(
            "/certificateArn", Kind.STRING, "/certificateName", Kind.STRING, "/regionalCertificateArn", Kind.STRING,
            "/regionalCertificateName", Kind.STRING, "/securityPolicy", Kind.STRING, "/policy", Kind.STRING,
            "/endpointConfiguration/types/0", Kind.LIST_ITEM, "/endpointConfiguration/types/*", Kind.STRING_SET,
            "/mutualTlsAuthentication/truststoreUri", Kind.STRING, "/mutualTlsAuthentication/truststoreVersion", Kind.STRING);
    static final Map<String, Kind> MAPPING_PATCH = PatchApplier.spec("/basePath", Kind.STRING, "/restapiId", Kind.STRING,
            "/stage", Kind.STRING);
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");
    private static final Pattern BASE_PATH = Pattern.compile("[a-zA-Z0-9$_.+!*'()-]+(/[a-zA-Z0-9$_.+!*'()-]+)*");
    private static final Set<String> SECURITY_POLICIES = Set.of("TLS_1_0", "TLS_1_2");
    /** Route 53 hosted zones of the regional API Gateway endpoints (AWS's published list), for alias records. */
    private static final Map<String, String> REGIONAL_ZONES = Map.of(
            "us-east-1", "Z1UJRXOUMOOFQ8", "us-east-2", "ZOJJZC49E0EPZ", "us-west-1", "Z2MOQ6ETG6W3B",
            "us-west-2", "Z2OJLYMUO9EFXC", "eu-west-1", "ZLY8HYME6SFDD", "eu-central-1", "Z1U9ULNL0V5AJ3",
            "ap-northeast-1", "Z1YSHQZHG15GKL", "ap-southeast-1", "ZL327KTPIQFUL", "ap-southeast-2", "Z2RPCDW04V8134");
    /** CloudFront's hosted zone, the same for every distribution. */
    private static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

    private final SqlDomainNameStore store;
    private final RestApiService apis;
    private final DeploymentService deployments;
    private final Clock clock;
    private final Ids ids;
    /** The custom domain names known, reloaded after a local change or a second (other nodes may add some). */
    private final AtomicReference<KnownNames> names = new AtomicReference<>();

    private record KnownNames(Set<String> names, long loadedAtNanos) {
    }

    public DomainNameService(SqlDomainNameStore store, RestApiService apis, DeploymentService deployments, Clock clock, Ids ids) {
        this.store = store;
        this.apis = apis;
        this.deployments = deployments;
        this.clock = clock;
        this.ids = ids;
    }

    public ObjectNode create(String account, String region, ObjectNode in) {
        ObjectNode domain = in.deepCopy();
        String name = domain.path("domainName").asText("").toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(name).matches()) {
            throw ApiGatewayException.badRequest("Invalid domain name identifier specified: " + in.path("domainName").asText(""));
        }
        domain.put("domainName", name);
        for (String secret : List.of("certificateBody", "certificatePrivateKey", "certificateChain")) {
            domain.remove(secret);
        }
        if (!domain.has("endpointConfiguration") || domain.get("endpointConfiguration").path("types").isEmpty()) {
            domain.putObject("endpointConfiguration").putArray("types").add("EDGE");
        }
        String type = domain.get("endpointConfiguration").get("types").get(0).asText();
        boolean edge = type.equals("EDGE");
        if (!Set.of("EDGE", "REGIONAL", "PRIVATE").contains(type)) {
            throw ApiGatewayException.badRequest("Invalid endpoint configuration type: " + type);
        }
        if (edge && !domain.hasNonNull("certificateArn") && !in.hasNonNull("certificateBody")) {
            throw ApiGatewayException.badRequest("A certificate was not provided for the domain name");
        }
        if (type.equals("REGIONAL") && !domain.hasNonNull("regionalCertificateArn")) {
            throw ApiGatewayException.badRequest("A regional certificate was not provided for the domain name");
        }
        if (edge) {
            domain.put("distributionDomainName", "d" + ids.hex(13) + ".cloudfront.net");
            domain.put("distributionHostedZoneId", CLOUDFRONT_ZONE);
            domain.put("certificateUploadDate", clock.instant().getEpochSecond());
        } else {
            domain.put("regionalDomainName", "d-" + ids.hex(10) + ".execute-api." + region + ".amazonaws.com");
            if (REGIONAL_ZONES.containsKey(region)) {
                domain.put("regionalHostedZoneId", REGIONAL_ZONES.get(region));
            }
        }
        domain.put("domainNameArn", "arn:aws:apigateway:" + region + "::/domainnames/" + name);
        domain.put("domainNameStatus", "AVAILABLE");
        if (!domain.has("securityPolicy")) {
            domain.put("securityPolicy", "TLS_1_2");
        }
        if (domain.has("tags") && domain.get("tags").isEmpty()) {
            domain.remove("tags");
        }
        check(domain);
        store.update(tx -> {
            if (tx.domain(name).isPresent()) {
                throw ApiGatewayException.conflict("The domain name you provided already exists.");
            }
            tx.insertDomain(account, region, domain);
            return null;
        });
        names.set(null);
        return domain;
    }

    public ObjectNode get(String account, String region, String name) {
        return store.read(tx -> require(tx, account, region, name));
    }

    public Paging.Page list(String account, String region, String position, Integer limit) {
        return Paging.page(store.read(tx -> tx.domains(account, region)), "domainName", position, limit);
    }

    public ObjectNode update(String account, String region, String name, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            ObjectNode domain = require(tx, account, region, name);
            PatchApplier.apply(domain, ops, DOMAIN_PATCH);
            check(domain);
            tx.replaceDomain(domain);
            return domain;
        });
    }

    public void delete(String account, String region, String name) {
        store.update(tx -> {
            require(tx, account, region, name);
            tx.deleteDomain(name.toLowerCase(Locale.ROOT));
            return null;
        });
        names.set(null);
    }

    // base path mappings

    public ObjectNode createMapping(String account, String region, String name, ObjectNode in) {
        ObjectNode mapping = in.deepCopy();
        mapping.remove("domainName");
        mapping.remove("domainNameId");
        String basePath = mapping.path("basePath").asText("");
        mapping.put("basePath", basePath.isEmpty() ? DomainRouting.NONE : checkBasePath(basePath));
        checkTarget(account, region, mapping);
        return store.update(tx -> {
            require(tx, account, region, name);
            String domain = name.toLowerCase(Locale.ROOT);
            if (tx.mapping(domain, mapping.get("basePath").asText()).isPresent()) {
                throw ApiGatewayException.conflict("Base path already exists for this domain name");
            }
            tx.putMapping(domain, null, mapping);
            return mapping;
        });
    }

    public ObjectNode getMapping(String account, String region, String name, String basePath) {
        return store.read(tx -> {
            require(tx, account, region, name);
            return requireMapping(tx, name, basePath);
        });
    }

    public Paging.Page listMappings(String account, String region, String name, String position, Integer limit) {
        return Paging.page(store.read(tx -> {
            require(tx, account, region, name);
            return tx.mappings(name.toLowerCase(Locale.ROOT));
        }), "basePath", position, limit);
    }

    public ObjectNode updateMapping(String account, String region, String name, String basePath, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            require(tx, account, region, name);
            ObjectNode mapping = requireMapping(tx, name, basePath);
            String old = mapping.get("basePath").asText();
            ObjectNode patched = mapping.deepCopy();
            patched.put("restapiId", patched.path("restApiId").asText());
            PatchApplier.apply(patched, ops, MAPPING_PATCH);
            patched.put("restApiId", patched.remove("restapiId").asText());
            String newPath = patched.path("basePath").asText("");
            patched.put("basePath", newPath.isEmpty() || newPath.equals(DomainRouting.NONE) ? DomainRouting.NONE : checkBasePath(newPath));
            checkTarget(account, region, patched);
            if (!patched.get("basePath").asText().equals(old) && tx.mapping(name.toLowerCase(Locale.ROOT), patched.get("basePath").asText()).isPresent()) {
                throw ApiGatewayException.conflict("Base path already exists for this domain name");
            }
            tx.putMapping(name.toLowerCase(Locale.ROOT), old, patched);
            return patched;
        });
    }

    public void deleteMapping(String account, String region, String name, String basePath) {
        store.update(tx -> {
            require(tx, account, region, name);
            requireMapping(tx, name, basePath);
            tx.deleteMapping(name.toLowerCase(Locale.ROOT), normal(basePath));
            return null;
        });
    }

    // the data plane

    /** Whether a Host (lower case, no port) is a custom domain name of any account. */
    public boolean isDomain(String host) {
        KnownNames known = names.get();
        long now = System.nanoTime();
        if (known == null || now - known.loadedAtNanos() > 1_000_000_000L) {
            known = new KnownNames(Set.copyOf(store.read(SqlDomainNameStore.Tx::allDomainNames)), now);
            names.set(known);
        }
        return known.names().contains(host);
    }

    /** Where a request to {@code host} with this path goes, if a mapping takes it. */
    public Optional<DomainRouting.Target> route(String host, String rawPath) {
        List<ObjectNode> mappings = store.read(tx -> tx.mappings(host));
        return DomainRouting.route(mappings, rawPath);
    }

    private void checkTarget(String account, String region, ObjectNode mapping) {
        String apiId = mapping.path("restApiId").asText("");
        if (apiId.isEmpty()) {
            throw ApiGatewayException.badRequest("Invalid REST API identifier specified");
        }
        apis.get(account, region, apiId);
        String stage = mapping.path("stage").asText("");
        if (stage.isEmpty()) {
            mapping.remove("stage");
        } else {
            deployments.getStage(account, region, apiId, stage);
        }
    }

    private static void check(ObjectNode domain) {
        String policy = domain.path("securityPolicy").asText("TLS_1_2");
        if (!SECURITY_POLICIES.contains(policy) && !policy.startsWith("SecurityPolicy_")) {
            throw ApiGatewayException.badRequest("Invalid security policy specified: " + policy);
        }
        JsonNode types = domain.path("endpointConfiguration").path("types");
        if (types instanceof ArrayNode a && a.size() != 1) {
            throw ApiGatewayException.badRequest("A domain name must have exactly one endpoint type");
        }
    }

    private static String checkBasePath(String basePath) {
        if (!BASE_PATH.matcher(basePath).matches()) {
            throw ApiGatewayException.badRequest("Base path must be a non-empty string of a-zA-Z0-9$_.+!*'()- characters, "
                    + "with / between levels: " + basePath);
        }
        return basePath;
    }

    private static String normal(String basePath) {
        return basePath == null || basePath.isEmpty() ? DomainRouting.NONE : basePath;
    }

    private static ObjectNode require(SqlDomainNameStore.Tx tx, String account, String region, String name) throws SQLException {
        return tx.domain(name == null ? "" : name.toLowerCase(Locale.ROOT))
                .filter(row -> row.account().equals(account) && row.region().equals(region))
                .map(SqlDomainNameStore.DomainRow::doc)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid domain name identifier specified"));
    }

    private static ObjectNode requireMapping(SqlDomainNameStore.Tx tx, String name, String basePath) throws SQLException {
        return tx.mapping(name.toLowerCase(Locale.ROOT), normal(basePath))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid base path mapping identifier specified"));
    }
}
