package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.openapi.ImportOptions;
import io.haneul.apigateway.openapi.ImportPlan;
import io.haneul.apigateway.openapi.OpenApiImporter;
import io.haneul.apigateway.openapi.OpenApiReader;
import io.haneul.apigateway.store.SqlItemStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Documentation parts (a location in the API and a JSON {@code properties} text) and documentation
 * versions (a named, dated point of the API's documentation, optionally tied to a stage). Parts come
 * from CreateDocumentationPart or from an OpenAPI document's {@code x-amazon-apigateway-documentation}
 * (ImportDocumentationParts, ImportRestApi).
 */
public final class DocumentationService {

    static final String PART = "documentation-part";
    static final String VERSION = "documentation-version";
    static final Map<String, Kind> PART_PATCH = PatchApplier.spec("/properties", Kind.STRING);
    static final Map<String, Kind> VERSION_PATCH = PatchApplier.spec("/description", Kind.STRING);
    private static final Set<String> TYPES = Set.of("API", "AUTHORIZER", "MODEL", "RESOURCE", "METHOD", "PATH_PARAMETER",
            "QUERY_PARAMETER", "REQUEST_HEADER", "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
    /** Types whose location names a path, a method, a status code, or an item name. */
    private static final Set<String> WITH_PATH = Set.of("RESOURCE", "METHOD", "PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER",
            "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
    private static final Set<String> WITH_METHOD = Set.of("METHOD", "PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER",
            "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
    private static final Set<String> WITH_STATUS = Set.of("RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");

    private final SqlItemStore store;
    private final RestApiService apis;
    private final DeploymentService deployments;
    private final Clock clock;
    private final Ids ids;
    private final ObjectMapper json = new ObjectMapper();

    public DocumentationService(SqlItemStore store, RestApiService apis, DeploymentService deployments, Clock clock, Ids ids) {
        this.store = store;
        this.apis = apis;
        this.deployments = deployments;
        this.clock = clock;
        this.ids = ids;
    }

    // parts

    public ObjectNode createPart(String account, String region, String apiId, ObjectNode in) {
        apis.get(account, region, apiId);
        ObjectNode part = normalise(in);
        part.put("id", ids.hex(6));
        return store.update(tx -> {
            for (ObjectNode other : tx.list(PART, apiId)) {
                if (other.get("location").equals(part.get("location"))) {
                    throw ApiGatewayException.conflict("Documentation part already exists for the given location");
                }
            }
            tx.put(PART, apiId, part.get("id").asText(), part);
            return part;
        });
    }

    public ObjectNode getPart(String account, String region, String apiId, String id) {
        apis.get(account, region, apiId);
        return store.read(tx -> tx.get(PART, apiId, id))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Documentation part identifier specified"));
    }

    public Paging.Page listParts(String account, String region, String apiId, String type, String nameQuery, String path,
                                 String position, Integer limit) {
        apis.get(account, region, apiId);
        List<ObjectNode> parts = new ArrayList<>();
        for (ObjectNode p : store.read(tx -> tx.list(PART, apiId))) {
            JsonNode loc = p.get("location");
            if ((type == null || type.equals(loc.path("type").asText()))
                    && (path == null || path.equals(loc.path("path").asText()))
                    && (nameQuery == null || loc.path("name").asText("").toLowerCase(Locale.ROOT).contains(nameQuery.toLowerCase(Locale.ROOT)))) {
                parts.add(p);
            }
        }
        return Paging.page(parts, "id", position, limit);
    }

    public ObjectNode updatePart(String account, String region, String apiId, String id, List<PatchApplier.Operation> ops) {
        apis.get(account, region, apiId);
        return store.update(tx -> {
            ObjectNode part = tx.get(PART, apiId, id)
                    .orElseThrow(() -> ApiGatewayException.notFound("Invalid Documentation part identifier specified"));
            PatchApplier.apply(part, ops, PART_PATCH);
            checkProperties(part.path("properties").asText(""));
            tx.put(PART, apiId, id, part);
            return part;
        });
    }

    public void deletePart(String account, String region, String apiId, String id) {
        apis.get(account, region, apiId);
        store.update(tx -> {
            if (!tx.delete(PART, apiId, id)) {
                throw ApiGatewayException.notFound("Invalid Documentation part identifier specified");
            }
            return null;
        });
    }

    /** ImportDocumentationParts: the parts of an OpenAPI document's documentation extension; {@code overwrite} drops the others. */
    public ObjectNode importParts(String account, String region, String apiId, byte[] body, String mode, boolean failOnWarnings) {
        apis.get(account, region, apiId);
        ImportPlan plan = new OpenApiImporter(() -> ids.hex(6)).plan(new OpenApiReader().read(body), ImportOptions.of(Map.of()));
        if (failOnWarnings && !plan.warnings().isEmpty()) {
            throw ApiGatewayException.badRequest("Warnings found during import:\n\t" + String.join("\n\t", plan.warnings()));
        }
        ObjectNode out = json.createObjectNode();
        storeImported(apiId, plan.documentationParts(), "overwrite".equals(mode)).forEach(out.withArray("ids")::add);
        if (!plan.warnings().isEmpty()) {
            plan.warnings().forEach(out.withArray("warnings")::add);
        }
        return out;
    }

    /**
     * Stores imported parts: a part for a location already documented replaces it (keeping its id);
     * {@code overwrite} first drops every other part. Returns the ids written.
     */
    public List<String> storeImported(String apiId, List<ObjectNode> imported, boolean overwrite) {
        List<ObjectNode> parts = imported.stream().map(p -> {
            ObjectNode n = normalise(p);
            n.put("id", p.get("id").asText());
            return n;
        }).toList();
        List<String> written = new ArrayList<>();
        store.update(tx -> {
            List<ObjectNode> existing = tx.list(PART, apiId);
            if (overwrite) {
                for (ObjectNode p : existing) {
                    tx.delete(PART, apiId, p.get("id").asText());
                }
                existing = List.of();
            }
            for (ObjectNode part : parts) {
                ObjectNode target = part;
                for (ObjectNode old : existing) {
                    if (old.get("location").equals(part.get("location"))) {
                        target.put("id", old.get("id").asText());
                    }
                }
                tx.put(PART, apiId, target.get("id").asText(), target);
                written.add(target.get("id").asText());
            }
            return null;
        });
        return written;
    }

    // versions

    public ObjectNode createVersion(String account, String region, String apiId, ObjectNode in) {
        apis.get(account, region, apiId);
        String version = in.path("documentationVersion").asText("");
        if (version.isEmpty()) {
            throw ApiGatewayException.badRequest("Documentation version must not be empty");
        }
        String stage = in.path("stageName").asText("");
        if (!stage.isEmpty()) {
            deployments.getStage(account, region, apiId, stage);
        }
        ObjectNode doc = json.createObjectNode().put("version", version).put("createdDate", clock.instant().getEpochSecond());
        if (in.hasNonNull("description")) {
            doc.put("description", in.get("description").asText());
        }
        store.update(tx -> {
            if (tx.get(VERSION, apiId, version).isPresent()) {
                throw ApiGatewayException.conflict("Documentation version already exists: " + version);
            }
            tx.put(VERSION, apiId, version, doc);
            return null;
        });
        if (!stage.isEmpty()) {
            deployments.updateStage(account, region, apiId, stage, List.of(new PatchApplier.Operation("replace", "/documentationVersion", version)));
        }
        return doc;
    }

    public ObjectNode getVersion(String account, String region, String apiId, String version) {
        apis.get(account, region, apiId);
        return store.read(tx -> tx.get(VERSION, apiId, version))
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Documentation version identifier specified"));
    }

    public Paging.Page listVersions(String account, String region, String apiId, String position, Integer limit) {
        apis.get(account, region, apiId);
        return Paging.page(store.read(tx -> tx.list(VERSION, apiId)), "version", position, limit);
    }

    public ObjectNode updateVersion(String account, String region, String apiId, String version, List<PatchApplier.Operation> ops) {
        apis.get(account, region, apiId);
        return store.update(tx -> {
            ObjectNode doc = tx.get(VERSION, apiId, version)
                    .orElseThrow(() -> ApiGatewayException.notFound("Invalid Documentation version identifier specified"));
            PatchApplier.apply(doc, ops, VERSION_PATCH);
            tx.put(VERSION, apiId, version, doc);
            return doc;
        });
    }

    public void deleteVersion(String account, String region, String apiId, String version) {
        apis.get(account, region, apiId);
        store.update(tx -> {
            if (!tx.delete(VERSION, apiId, version)) {
                throw ApiGatewayException.notFound("Invalid Documentation version identifier specified");
            }
            return null;
        });
    }

    /** A part's location with AWS's defaults ({@code path} {@code /}, {@code method} and {@code statusCode} {@code *}) and checked properties. */
    private ObjectNode normalise(ObjectNode in) {
        ObjectNode part = json.createObjectNode();
        ObjectNode loc = in.path("location").isObject() ? ((ObjectNode) in.get("location")).deepCopy() : json.createObjectNode();
        String type = loc.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw ApiGatewayException.badRequest("Invalid documentation part location type: " + type);
        }
        if (WITH_PATH.contains(type) && !loc.hasNonNull("path")) {
            loc.put("path", "/");
        }
        if (WITH_METHOD.contains(type) && !loc.hasNonNull("method")) {
            loc.put("method", "*");
        }
        if (WITH_STATUS.contains(type) && !loc.hasNonNull("statusCode")) {
            loc.put("statusCode", "*");
        }
        part.set("location", loc);
        String properties = in.path("properties").asText("");
        checkProperties(properties);
        part.put("properties", properties);
        return part;
    }

    private void checkProperties(String properties) {
        try {
            if (!json.readTree(properties).isObject()) {
                throw ApiGatewayException.badRequest("Documentation part properties must be a JSON object");
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ApiGatewayException.badRequest("Invalid JSON in documentation part properties: " + e.getOriginalMessage());
        }
    }
}
