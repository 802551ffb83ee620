package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.ApiKeyCsv;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.store.SqlUsagePlanStore;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API keys: values generated as AWS's (40 alphanumerics) or given (20 to 128 characters, unique in
 * the account and region), enabled or not, legacy stage keys recorded, CSV import. The stored
 * document keeps the value; answers show it only where AWS does (create, import, includeValue).
 */
public final class ApiKeyService {

    static final Map<String, Kind> KEY_PATCH = PatchApplier.spec("/name", Kind.STRING, "/description", Kind.STRING,
            "/enabled", Kind.BOOLEAN, "/customerId", Kind.STRING);
    private static final char[] VALUE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SqlUsagePlanStore store;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(SqlUsagePlanStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** CreateApiKey's members in; the new key, value included. */
    public ObjectNode create(String account, String region, ObjectNode in) {
        String value = in.hasNonNull("value") ? in.get("value").asText() : generatedValue();
        checkValue(value);
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("id", ids.resourceId());
        key.put("value", value);
        copy(in, key, "name", "customerId", "description");
        key.put("enabled", in.path("enabled").asBoolean(false));
        long now = clock.instant().getEpochSecond();
        key.put("createdDate", now);
        key.put("lastUpdatedDate", now);
        ArrayNode stages = key.putArray("stageKeys");
        for (JsonNode s : in.path("stageKeys")) {
            stages.add(s.path("restApiId").asText() + "/" + s.path("stageName").asText());
        }
        if (in.has("tags") && !in.get("tags").isEmpty()) {
            key.set("tags", in.get("tags").deepCopy());
        }
        store.update(tx -> {
            if (tx.keyByValue(account, region, value).isPresent()) {
                throw ApiGatewayException.conflict("API Key already exists");
            }
            tx.putKey(account, region, key);
            return null;
        });
        return key;
    }

    public ObjectNode get(String account, String region, String keyId, boolean includeValue) {
        return view(store.read(tx -> require(tx, account, region, keyId)), includeValue);
    }

    /** GetApiKeys: {@code nameQuery} matches names by prefix, as AWS's does. */
    public Paging.Page list(String account, String region, String nameQuery, String customerId, boolean includeValues,
                            String position, Integer limit) {
        List<ObjectNode> keys = store.read(tx -> tx.keys(account, region)).stream()
                .filter(k -> nameQuery == null || k.path("name").asText("").startsWith(nameQuery))
                .filter(k -> customerId == null || customerId.equals(k.path("customerId").asText(null)))
                .map(k -> view(k, includeValues)).toList();
        return Paging.page(keys, "id", position, limit);
    }

    /** UpdateApiKey: name, description, enabled, customerId, and {@code /stages} add/remove of {@code apiId/stage}. */
    public ObjectNode update(String account, String region, String keyId, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            ObjectNode key = require(tx, account, region, keyId);
            List<PatchApplier.Operation> plain = new ArrayList<>();
            List<String> stages = new ArrayList<>();
            key.path("stageKeys").forEach(s -> stages.add(s.asText()));
            for (PatchApplier.Operation op : ops) {
                if ("/stages".equals(op.path()) && op.value() != null) {
                    stages.remove(op.value());
                    if ("add".equals(op.op())) {
                        stages.add(op.value());
                    }
                } else {
                    plain.add(op);
                }
            }
            PatchApplier.apply(key, plain, KEY_PATCH);
            ArrayNode array = key.putArray("stageKeys");
            stages.forEach(array::add);
            key.put("lastUpdatedDate", clock.instant().getEpochSecond());
            tx.putKey(account, region, key);
            return view(key, false);
        });
    }

    public void delete(String account, String region, String keyId) {
        store.update(tx -> {
            require(tx, account, region, keyId);
            tx.deleteKey(keyId);
            return null;
        });
    }

    /** What ImportApiKeys did: the ids of the keys written and a warning per refused row. */
    public record Imported(List<String> ids, List<String> warnings) {
    }

    /**
     * ImportApiKeys: each row creates a key, or overwrites the key with the same value; refused rows
     * (a bad value, a name too long, an unknown usage plan) become warnings, and with
     * {@code failOnWarnings} any warning refuses the whole file.
     */
    public Imported importKeys(String account, String region, String format, String csv, boolean failOnWarnings) {
        if (!"csv".equalsIgnoreCase(format)) {
            throw ApiGatewayException.badRequest("Invalid format specified: " + format + ". Only csv is supported");
        }
        List<ApiKeyCsv.Row> rows = ApiKeyCsv.parse(csv);
        return store.update(tx -> {
            List<String> written = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (ApiKeyCsv.Row row : rows) {
                String warning = rowProblem(tx, account, region, row);
                if (warning != null) {
                    warnings.add("Line " + row.line() + ": " + warning);
                    continue;
                }
                long now = clock.instant().getEpochSecond();
                ObjectNode key = tx.keyByValue(account, region, row.key()).orElseGet(() -> {
                    ObjectNode k = JsonNodeFactory.instance.objectNode();
                    k.put("id", ids.resourceId());
                    k.put("createdDate", now);
                    k.putArray("stageKeys");
                    return k;
                });
                key.put("value", row.key());
                key.put("name", row.name());
                key.put("description", row.description());
                key.put("enabled", row.enabled());
                key.put("lastUpdatedDate", now);
                tx.putKey(account, region, key);
                for (String plan : row.usagePlanIds()) {
                    tx.addPlanKey(plan, key.get("id").asText());
                }
                written.add(key.get("id").asText());
            }
            if (failOnWarnings && !warnings.isEmpty()) {
                throw ApiGatewayException.badRequest("Import failed with warnings: " + String.join("; ", warnings));
            }
            return new Imported(written, warnings);
        });
    }

    private static String rowProblem(SqlUsagePlanStore.Tx tx, String account, String region, ApiKeyCsv.Row row) throws SQLException {
        if (row.key().length() < 20 || row.key().length() > 128) {
            return "API Key value must be between 20 and 128 characters";
        }
        if (row.name().isEmpty() || row.name().length() > 1024) {
            return "API Key name must be between 1 and 1024 characters";
        }
        for (String plan : row.usagePlanIds()) {
            if (tx.plan(account, region, plan).isEmpty()) {
                return "Invalid Usage Plan ID specified: " + plan;
            }
        }
        return null;
    }

    /** A key as AWS answers it: the value only when asked for. */
    static ObjectNode view(ObjectNode key, boolean includeValue) {
        ObjectNode out = key.deepCopy();
        if (!includeValue) {
            out.remove("value");
        }
        return out;
    }

    static ObjectNode require(SqlUsagePlanStore.Tx tx, String account, String region, String keyId) throws SQLException {
        return tx.key(account, region, keyId == null ? "" : keyId)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid API Key identifier specified"));
    }

    private String generatedValue() {
        char[] out = new char[40];
        for (int i = 0; i < out.length; i++) {
            out[i] = VALUE_ALPHABET[random.nextInt(VALUE_ALPHABET.length)];
        }
        return new String(out);
    }

    private static void checkValue(String value) {
        if (value.length() < 20) {
            throw ApiGatewayException.badRequest("API Key value should be at least 20 characters");
        }
        if (value.length() > 128) {
            throw ApiGatewayException.badRequest("API Key value exceeds maximum size of 128 characters");
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }
}
