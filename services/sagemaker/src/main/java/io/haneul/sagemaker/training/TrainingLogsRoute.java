package io.haneul.sagemaker.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /_haneul/sagemaker/logs/TrainingJobs/<job>}: a training job's log in the shape of CloudWatch
 * Logs' GetLogEvents (log group {@code /aws/sagemaker/TrainingJobs}, stream {@code <job>/algo-1-<created>}):
 * {@code events} with {@code timestamp}, {@code message} and {@code ingestionTime}, and
 * {@code nextForwardToken} to pass back as {@code ?nextToken=} (up to {@code ?limit=}, 1 to 10,000,
 * default 1,000). Jobs of the accounts the viewer sees; {@code ?account=} picks one of several.
 */
final class TrainingLogsRoute {

    static final String PATH = "/_haneul/sagemaker/logs/TrainingJobs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlTrainingJobs store;

    TrainingLogsRoute(SqlTrainingJobs store) {
        this.store = store;
    }

    WireResponse handle(InternalCall call) {
        String path = call.request().rawPath();
        int q = path.indexOf('?');
        String rest = (q >= 0 ? path.substring(0, q) : path).substring(Math.min(path.length(), PATH.length()));
        String name = URLDecoder.decode(rest.startsWith("/") ? rest.substring(1) : rest, StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/")) {
            return json(400, JSON.createObjectNode().put("error", "use " + PATH + "/<training job name>"));
        }
        int limit;
        int after;
        try {
            limit = call.param("limit") == null ? 1000 : Math.clamp(Integer.parseInt(call.param("limit")), 1, 10_000);
            String token = call.param("nextToken");
            after = token == null ? 0 : Integer.parseInt(token.startsWith("f/") ? token.substring(2) : token);
        } catch (NumberFormatException e) {
            return json(400, JSON.createObjectNode().put("error", "limit and nextToken must be numbers"));
        }
        String accountFilter = call.accountFilter();
        List<SqlTrainingJobs.Row> rows = store.byName(name).stream()
                .filter(r -> accountFilter == null || accountFilter.equals(r.account())).toList();
        if (rows.isEmpty()) {
            return json(404, JSON.createObjectNode().put("__type", "ResourceNotFoundException")
                    .put("message", "The specified log stream does not exist."));
        }
        SqlTrainingJobs.Row job = rows.getFirst();
        List<SqlTrainingJobs.LogLine> lines = store.logs(job.account(), job.region(), name, after, limit);
        ObjectNode root = JSON.createObjectNode();
        root.put("logGroupName", "/aws/sagemaker/TrainingJobs");
        root.put("logStreamName", name + "/algo-1-" + job.createdMs() / 1000);
        root.put("trainingJobStatus", job.status());
        ArrayNode events = root.putArray("events");
        int last = after;
        for (SqlTrainingJobs.LogLine line : lines) {
            events.addObject().put("timestamp", line.atMs()).put("message", line.message()).put("ingestionTime", line.atMs());
            last = line.seq();
        }
        root.put("nextForwardToken", "f/" + last);
        root.put("nextBackwardToken", "b/" + after);
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
