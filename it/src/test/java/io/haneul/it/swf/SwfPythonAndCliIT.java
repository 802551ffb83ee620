package io.haneul.it.swf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SWF through clients outside the JVM: a boto3 decider and worker run a one-activity workflow to
 * completion, and Debian's AWS CLI v2 (/usr/bin/aws, skipped where it is not installed) drives an
 * execution by hand.
 */
class SwfPythonAndCliIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DEBIAN_CLI = Path.of("/usr/bin/aws");
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start("--swf-poll-seconds", "2");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Processes.Result cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DEBIAN_CLI.toString(), "--endpoint-url", server.endpoint().toString(), "--output", "json",
                "--region", "us-east-1", "swf"));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, "666666666666", "secret", work, 120);
    }

    private JsonNode ok(Processes.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    @Test
    void awsCliV2FromDebian() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_CLI), "Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed");
        ok(cli("register-domain", "--name", "cli", "--workflow-execution-retention-period-in-days", "1"));
        ok(cli("register-workflow-type", "--domain", "cli", "--name", "w", "--workflow-version", "1", "--default-task-list", "name=dl",
                "--default-execution-start-to-close-timeout", "600", "--default-task-start-to-close-timeout", "60",
                "--default-child-policy", "TERMINATE"));
        Processes.Result duplicate = cli("register-domain", "--name", "cli", "--workflow-execution-retention-period-in-days", "1");
        assertEquals(254, duplicate.exitCode(), duplicate::toString);
        assertTrue(duplicate.stderr().contains("DomainAlreadyExistsFault"), duplicate::toString);
        assertEquals("cli", ok(cli("list-domains", "--registration-status", "REGISTERED")).path("domainInfos").get(0).path("name").asText());
        String runId = ok(cli("start-workflow-execution", "--domain", "cli", "--workflow-id", "wf", "--workflow-type", "name=w,version=1",
                "--input", "from-cli")).path("runId").asText();
        JsonNode task = ok(cli("poll-for-decision-task", "--domain", "cli", "--task-list", "name=dl", "--identity", "cli"));
        assertEquals(runId, task.path("workflowExecution").path("runId").asText());
        assertEquals("from-cli", task.path("events").get(0).path("workflowExecutionStartedEventAttributes").path("input").asText());
        ok(cli("respond-decision-task-completed", "--task-token", task.path("taskToken").asText(), "--decisions",
                "[{\"decisionType\":\"CompleteWorkflowExecution\",\"completeWorkflowExecutionDecisionAttributes\":{\"result\":\"cli-done\"}}]"));
        JsonNode described = ok(cli("describe-workflow-execution", "--domain", "cli", "--execution", "workflowId=wf,runId=" + runId));
        assertEquals("COMPLETED", described.path("executionInfo").path("closeStatus").asText());
        JsonNode history = ok(cli("get-workflow-execution-history", "--domain", "cli", "--execution", "workflowId=wf,runId=" + runId));
        JsonNode events = history.path("events");
        assertEquals("cli-done", events.get(events.size() - 1).path("workflowExecutionCompletedEventAttributes").path("result").asText());
    }

    @Test
    void boto3DeciderAndWorker() throws Exception {
        Path file = work.resolve("swf_test.py");
        Files.writeString(file, """
                import json, sys, uuid
                import boto3
                swf = boto3.client("swf", endpoint_url=sys.argv[1], region_name="us-east-1")
                d = "py-" + uuid.uuid4().hex[:8]
                swf.register_domain(name=d, workflowExecutionRetentionPeriodInDays="1")
                swf.register_workflow_type(domain=d, name="w", version="1", defaultTaskList={"name": "dl"},
                    defaultExecutionStartToCloseTimeout="600", defaultTaskStartToCloseTimeout="60", defaultChildPolicy="TERMINATE")
                swf.register_activity_type(domain=d, name="a", version="1", defaultTaskList={"name": "al"},
                    defaultTaskScheduleToStartTimeout="60", defaultTaskScheduleToCloseTimeout="120",
                    defaultTaskStartToCloseTimeout="60", defaultTaskHeartbeatTimeout="NONE")
                out = {}
                try:
                    swf.register_domain(name=d, workflowExecutionRetentionPeriodInDays="1")
                except swf.exceptions.DomainAlreadyExistsFault as e:
                    out["duplicate"] = e.response["Error"]["Code"]
                run = swf.start_workflow_execution(domain=d, workflowId="wf", workflowType={"name": "w", "version": "1"}, input="py")["runId"]
                empty = swf.poll_for_activity_task(domain=d, taskList={"name": "nothing"})
                out["empty"] = empty.get("taskToken", "")
                def decision():
                    while True:
                        t = swf.poll_for_decision_task(domain=d, taskList={"name": "dl"}, identity="py-decider")
                        if t.get("taskToken"):
                            return t
                t = decision()
                swf.respond_decision_task_completed(taskToken=t["taskToken"], decisions=[{"decisionType": "ScheduleActivityTask",
                    "scheduleActivityTaskDecisionAttributes": {"activityId": "one", "activityType": {"name": "a", "version": "1"},
                    "input": t["events"][0]["workflowExecutionStartedEventAttributes"]["input"]}}])
                while True:
                    a = swf.poll_for_activity_task(domain=d, taskList={"name": "al"}, identity="py-worker")
                    if a.get("taskToken"):
                        break
                swf.respond_activity_task_completed(taskToken=a["taskToken"], result=a["input"] + "-done")
                t = decision()
                result = [e for e in t["events"] if e["eventType"] == "ActivityTaskCompleted"][0]["activityTaskCompletedEventAttributes"]["result"]
                swf.respond_decision_task_completed(taskToken=t["taskToken"], decisions=[{"decisionType": "CompleteWorkflowExecution",
                    "completeWorkflowExecutionDecisionAttributes": {"result": result}}])
                h = swf.get_workflow_execution_history(domain=d, execution={"workflowId": "wf", "runId": run})["events"]
                out["types"] = [e["eventType"] for e in h]
                out["result"] = h[-1]["workflowExecutionCompletedEventAttributes"]["result"]
                print(json.dumps(out))
                """);
        Processes.Result r = Processes.run(List.of("python3", file.toString(), server.endpoint().toString()), "111111111111", "secret",
                work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("DomainAlreadyExistsFault", out.get("duplicate").asText());
        assertEquals("", out.get("empty").asText());
        assertEquals("py-done", out.get("result").asText());
        List<String> types = new ArrayList<>();
        out.get("types").forEach(t -> types.add(t.asText()));
        assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled", "DecisionTaskStarted", "DecisionTaskCompleted",
                "ActivityTaskScheduled", "ActivityTaskStarted", "ActivityTaskCompleted", "DecisionTaskScheduled", "DecisionTaskStarted",
                "DecisionTaskCompleted", "WorkflowExecutionCompleted"), types);
    }
}
