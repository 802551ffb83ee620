package io.haneul.transcoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireResponse;
import io.haneul.transcoder.store.SqlJobs;

import java.util.List;

/**
 * {@code GET /_haneul/transcoder/jobs}: the jobs of the accounts the viewer sees, newest first, with
 * their status and completion percentage (which the API's Job shape has no member for). Paged by
 * {@code ?after=<job id>} and {@code ?limit=} (1 to 1,000, default 100); {@code ?account=} narrows the
 * view of a viewer who sees several accounts.
 */
final class JobProgressRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlJobs jobs;

    JobProgressRoute(SqlJobs jobs) {
        this.jobs = jobs;
    }

    WireResponse list(InternalCall call) {
        int limit;
        try {
            limit = call.param("limit") == null ? 100 : Math.clamp(Integer.parseInt(call.param("limit")), 1, 1000);
        } catch (NumberFormatException e) {
            return json(400, JSON.createObjectNode().put("error", "limit must be a number"));
        }
        List<SqlJobs.Row> rows = jobs.recent(call.accountFilter(), call.param("after"), limit + 1);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("jobs");
        for (SqlJobs.Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            ObjectNode j = out.addObject();
            j.put("id", row.id());
            j.put("accountId", row.account());
            j.put("region", row.region());
            j.put("pipelineId", row.pipelineId());
            j.put("status", row.status());
            j.put("progress", row.progress());
            try {
                j.set("job", JSON.readTree(row.doc()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (rows.size() > limit) {
            root.put("next", rows.get(limit - 1).id());
        }
        return json(200, root);
    }

    private static WireResponse json(int status, ObjectNode body) {
        try {
            return WireResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
