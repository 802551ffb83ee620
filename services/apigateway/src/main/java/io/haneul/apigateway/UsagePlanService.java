package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.QuotaPeriod;
import io.haneul.apigateway.domain.UsagePlanPatch;
import io.haneul.apigateway.store.SqlRestApiStore;
import io.haneul.apigateway.store.SqlUsagePlanStore;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Usage plans (API stages with per-method throttles, a throttle, a quota), the API keys of each
 * plan, and quota use: counted per plan, key and UTC day in the database, so that every node
 * sharing it counts against one quota; UpdateUsage grants extra quota for the current period.
 */
public final class UsagePlanService {

    /** Grants by key and stage, kept while no key or plan changes: a keyed request then reads nothing to find its plan. */
    private final io.haneul.apigateway.store.WriteKeyedCache<Optional<Grant>> grants = new io.haneul.apigateway.store.WriteKeyedCache<>(10_000);
    private final SqlUsagePlanStore store;
    private final SqlRestApiStore apis;
    private final Clock clock;
    private final Ids ids;

    public UsagePlanService(SqlUsagePlanStore store, SqlRestApiStore apis, Clock clock, Ids ids) {
        this.store = store;
        this.apis = apis;
        this.clock = clock;
        this.ids = ids;
    }

    public ObjectNode create(String account, String region, ObjectNode in) {
        ObjectNode plan = JsonNodeFactory.instance.objectNode();
        plan.put("id", ids.deploymentId());
        for (String f : List.of("name", "description", "apiStages", "throttle", "quota", "productCode")) {
            if (in.hasNonNull(f)) {
                plan.set(f, in.get(f).deepCopy());
            }
        }
        if (in.has("tags") && !in.get("tags").isEmpty()) {
            plan.set("tags", in.get("tags").deepCopy());
        }
        if (!plan.has("apiStages")) {
            plan.putArray("apiStages");
        }
        check(plan);
        checkStages(account, region, plan);
        store.update(tx -> {
            tx.putPlan(account, region, plan);
            return null;
        });
        return plan;
    }

    public ObjectNode get(String account, String region, String planId) {
        return store.read(tx -> require(tx, account, region, planId));
    }

    /** GetUsagePlans, with {@code keyId} keeping the plans that key belongs to. */
    public Paging.Page list(String account, String region, String keyId, String position, Integer limit) {
        List<ObjectNode> plans = store.read(tx -> {
            List<ObjectNode> all = tx.plans(account, region);
            if (keyId == null) {
                return all;
            }
            List<String> ofKey = tx.keyPlanIds(keyId);
            return all.stream().filter(p -> ofKey.contains(p.get("id").asText())).toList();
        });
        return Paging.page(plans, "id", position, limit);
    }

    public ObjectNode update(String account, String region, String planId, List<PatchApplier.Operation> ops) {
        ObjectNode plan = store.read(tx -> require(tx, account, region, planId));
        UsagePlanPatch.apply(plan, ops);
        check(plan);
        checkStages(account, region, plan);
        return store.update(tx -> {
            require(tx, account, region, planId);
            tx.putPlan(account, region, plan);
            return plan;
        });
    }

    public void delete(String account, String region, String planId) {
        store.update(tx -> {
            require(tx, account, region, planId);
            tx.deletePlan(planId);
            return null;
        });
    }

    // the keys of a plan

    public ObjectNode addKey(String account, String region, String planId, String keyId, String keyType) {
        if (!"API_KEY".equals(keyType)) {
            throw ApiGatewayException.badRequest("Invalid key type specified: " + keyType + ". Must be API_KEY");
        }
        return store.update(tx -> {
            ObjectNode plan = require(tx, account, region, planId);
            ObjectNode key = ApiKeyService.require(tx, account, region, keyId);
            for (String otherId : tx.keyPlanIds(keyId)) {
                Optional<ObjectNode> other = tx.plan(account, region, otherId);
                if (!otherId.equals(planId) && other.isPresent() && sharesStage(plan, other.get())) {
                    throw ApiGatewayException.conflict("Usage Plan " + planId + " cannot be added because API Key " + keyId
                            + " cannot reference multiple Usage Plans with the same API Stage");
                }
            }
            if (!tx.addPlanKey(planId, keyId)) {
                throw ApiGatewayException.conflict("Usage plan key already exists: " + keyId);
            }
            return planKey(key);
        });
    }

    public ObjectNode getKey(String account, String region, String planId, String keyId) {
        return store.read(tx -> {
            require(tx, account, region, planId);
            if (!tx.planKeyIds(planId).contains(keyId)) {
                throw ApiGatewayException.notFound("Invalid Usage Plan Key identifier specified");
            }
            return planKey(ApiKeyService.require(tx, account, region, keyId));
        });
    }

    /** GetUsagePlanKeys: {@code nameQuery} matches key names by prefix. */
    public Paging.Page listKeys(String account, String region, String planId, String nameQuery, String position, Integer limit) {
        List<ObjectNode> keys = store.read(tx -> {
            require(tx, account, region, planId);
            List<ObjectNode> out = new ArrayList<>();
            for (String id : tx.planKeyIds(planId)) {
                tx.key(account, region, id).ifPresent(k -> out.add(planKey(k)));
            }
            return out;
        }).stream().filter(k -> nameQuery == null || k.path("name").asText("").startsWith(nameQuery)).toList();
        return Paging.page(keys, "id", position, limit);
    }

    public void deleteKey(String account, String region, String planId, String keyId) {
        store.update(tx -> {
            require(tx, account, region, planId);
            if (!tx.deletePlanKey(planId, keyId)) {
                throw ApiGatewayException.notFound("Invalid Usage Plan Key identifier specified");
            }
            return null;
        });
    }

    // usage

    /**
     * GetUsage: for each key of the plan (or {@code keyId}), one {@code [used, remaining]} pair per
     * day from {@code startDate} to {@code endDate}, remaining being the quota left in that day's
     * period at its end (0 for a plan without quota).
     */
    public ObjectNode usage(String account, String region, String planId, String keyId, String startDate, String endDate) {
        return usage(account, region, planId, keyId, startDate, endDate, null, null);
    }

    /** GetUsage, paged over the keys ({@code position} is the last key id of the previous page). */
    public ObjectNode usage(String account, String region, String planId, String keyId, String startDate, String endDate,
                            String position, Integer limit) {
        LocalDate from = date(startDate, "start");
        LocalDate to = date(endDate, "end");
        if (to.isBefore(from)) {
            throw ApiGatewayException.badRequest("The start date must be before the end date");
        }
        if (from.plusDays(90).isBefore(to)) {
            throw ApiGatewayException.badRequest("The usage data range cannot exceed 90 days");
        }
        return store.read(tx -> {
            ObjectNode plan = require(tx, account, region, planId);
            if (keyId != null) {
                ApiKeyService.require(tx, account, region, keyId);
            }
            List<ObjectNode> ids = (keyId == null ? tx.planKeyIds(planId) : List.of(keyId)).stream()
                    .map(id -> JsonNodeFactory.instance.objectNode().put("id", id)).toList();
            Paging.Page page = Paging.page(ids, "id", position, limit);
            List<String> keys = page.items().stream().map(n -> n.get("id").asText()).toList();
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            if (page.position() != null) {
                out.put("position", page.position());
            }
            out.put("usagePlanId", planId);
            out.put("startDate", from.toString());
            out.put("endDate", to.toString());
            ObjectNode values = out.putObject("values");
            for (String key : keys) {
                ArrayNode days = values.putArray(key);
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    long used = tx.counts(planId, key, d.toString(), d.toString()).used();
                    days.addArray().add(used).add(remaining(tx, plan, key, d));
                }
            }
            return out;
        });
    }

    /**
     * UpdateUsage: {@code replace /remaining} (or {@code /keyId:{id}/remaining}) sets the quota left
     * in the current period to the value, by recording a grant on today's row.
     */
    public ObjectNode updateUsage(String account, String region, String planId, String keyId, List<PatchApplier.Operation> ops) {
        LocalDate today = today();
        store.update(tx -> {
            ObjectNode plan = require(tx, account, region, planId);
            ApiKeyService.require(tx, account, region, keyId);
            if (!plan.has("quota")) {
                throw ApiGatewayException.badRequest("Usage plan " + planId + " does not have a quota");
            }
            for (PatchApplier.Operation op : ops) {
                String path = op.path() == null ? "" : op.path();
                if (!"replace".equals(op.op()) || !(path.equals("/remaining") || path.equals("/keyId:" + keyId + "/remaining"))) {
                    throw ApiGatewayException.badRequest("Invalid patch path  '" + path + "' specified for op '" + op.op()
                            + "'. Must be one of: [/remaining]");
                }
                long wanted;
                try {
                    wanted = Long.parseLong(op.value());
                } catch (NumberFormatException e) {
                    throw ApiGatewayException.badRequest("Invalid value '" + op.value() + "' for /remaining: must be a number");
                }
                tx.grant(planId, keyId, today.toString(), wanted - remaining(tx, plan, keyId, today));
            }
            return null;
        });
        LocalDate start = period(get(account, region, planId)).map(p -> p.start(today)).orElse(today);
        return usage(account, region, planId, keyId, start.toString(), today.toString());
    }

    private long remaining(SqlUsagePlanStore.Tx tx, ObjectNode plan, String keyId, LocalDate day) throws SQLException {
        Optional<QuotaPeriod> period = period(plan);
        if (period.isEmpty()) {
            return 0;
        }
        SqlUsagePlanStore.Counts c = tx.counts(plan.get("id").asText(), keyId, period.get().start(day).toString(), day.toString());
        return Math.max(0, plan.path("quota").path("limit").asLong() + c.granted() - c.used());
    }

    // the invoke side

    /** A key the data plane found valid for an API stage, and the plan that lets it in. */
    public record Grant(ObjectNode key, ObjectNode plan) {
    }

    /** The enabled key with this value, in a usage plan that covers the API stage; empty when any of that fails. */
    public Optional<Grant> grant(String account, String region, String apiId, String stage, String keyValue) {
        return grants.get(account + "\n" + region + "\n" + apiId + "\n" + stage + "\n" + keyValue, store.writeCount(),
                () -> readGrant(account, region, apiId, stage, keyValue));
    }

    private Optional<Grant> readGrant(String account, String region, String apiId, String stage, String keyValue) {
        return store.read(tx -> {
            Optional<ObjectNode> key = tx.keyByValue(account, region, keyValue);
            if (key.isEmpty() || !key.get().path("enabled").asBoolean(false)) {
                return Optional.empty();
            }
            for (String planId : tx.keyPlanIds(key.get().get("id").asText())) {
                Optional<ObjectNode> plan = tx.plan(account, region, planId);
                if (plan.isPresent() && UsagePlanPatch.apiStage(plan.get(), apiId, stage) != null) {
                    return Optional.of(new Grant(key.get(), plan.get()));
                }
            }
            return Optional.empty();
        });
    }

    /** Counts one request against the plan's quota for this key; false (nothing counted) when the quota is spent. */
    public boolean consumeQuota(ObjectNode plan, String keyId) {
        Optional<QuotaPeriod> period = period(plan);
        if (period.isEmpty()) {
            return true;
        }
        LocalDate today = today();
        String planId = plan.get("id").asText();
        long limit = plan.path("quota").path("limit").asLong();
        try {
            return store.count(tx -> {
                // the count goes first: today's row is then locked, so nodes sharing PostgreSQL serialise here
                tx.countRequest(planId, keyId, today.toString());
                SqlUsagePlanStore.Counts c = tx.counts(planId, keyId, period.get().start(today).toString(), today.toString());
                if (c.used() > limit + c.granted()) {
                    throw new QuotaSpent();
                }
                return true;
            });
        } catch (QuotaSpent e) {
            return false;
        }
    }

    /** Rolls back the count of a request over quota. */
    private static final class QuotaSpent extends RuntimeException {
        QuotaSpent() {
            super(null, null, false, false);
        }
    }

    private static Optional<QuotaPeriod> period(ObjectNode plan) {
        JsonNode quota = plan.get("quota");
        return quota == null || quota.isNull() ? Optional.empty()
                : Optional.of(new QuotaPeriod(quota.path("period").asText(), quota.path("offset").asInt(0)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static LocalDate date(String text, String which) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw ApiGatewayException.badRequest("Invalid " + which + " date: " + text);
        }
    }

    private static ObjectNode planKey(ObjectNode key) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", key.get("id").asText());
        out.put("type", "API_KEY");
        out.put("value", key.path("value").asText());
        if (key.hasNonNull("name")) {
            out.put("name", key.get("name").asText());
        }
        return out;
    }

    private static boolean sharesStage(ObjectNode a, ObjectNode b) {
        for (JsonNode s : a.path("apiStages")) {
            if (UsagePlanPatch.apiStage(b, s.path("apiId").asText(), s.path("stage").asText()) != null) {
                return true;
            }
        }
        return false;
    }

    /** AWS's rules for a plan's name, throttle and quota. */
    private static void check(ObjectNode plan) {
        if (plan.path("name").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("Invalid usage plan name specified: name must not be empty");
        }
        checkThrottle(plan.get("throttle"));
        for (JsonNode s : plan.path("apiStages")) {
            s.path("throttle").forEach(UsagePlanService::checkThrottle);
        }
        JsonNode quota = plan.get("quota");
        if (quota != null && !quota.isNull()) {
            QuotaPeriod.check(quota.path("period").asText(null), quota.path("offset").asInt(0), quota.path("limit").asLong(0));
        }
    }

    private static void checkThrottle(JsonNode throttle) {
        if (throttle == null || throttle.isNull()) {
            return;
        }
        if (throttle.path("rateLimit").asDouble(0) < 0 || throttle.path("burstLimit").asInt(0) < 0) {
            throw ApiGatewayException.badRequest("Throttle rate and burst limits must be non-negative");
        }
    }

    /** Every API stage of the plan must exist in this account and region, and appear once. */
    private void checkStages(String account, String region, ObjectNode plan) {
        List<String> seen = new ArrayList<>();
        for (JsonNode s : plan.path("apiStages")) {
            String apiId = s.path("apiId").asText();
            String stage = s.path("stage").asText();
            if (seen.contains(apiId + ":" + stage)) {
                throw ApiGatewayException.badRequest("Duplicate API Stage " + apiId + ":" + stage + " specified");
            }
            seen.add(apiId + ":" + stage);
            boolean exists = apis.read(tx -> tx.api(apiId).filter(a -> a.account().equals(account) && a.region().equals(region)).isPresent()
                    && tx.stage(apiId, stage).isPresent());
            if (!exists) {
                throw ApiGatewayException.badRequest("Invalid API Stage {api: " + apiId + ", stage: " + stage + "} specified for usageplan "
                        + plan.get("id").asText());
            }
        }
    }

    private static ObjectNode require(SqlUsagePlanStore.Tx tx, String account, String region, String planId) throws SQLException {
        return tx.plan(account, region, planId == null ? "" : planId)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Usage Plan ID specified"));
    }
}
