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

/** SWF through boto3: a decider and a worker written in Python run a one-activity workflow to completion. */
class SwfPythonIT {

    static final ObjectMapper JSON = new ObjectMapper();
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
