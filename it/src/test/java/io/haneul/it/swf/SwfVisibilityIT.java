package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * List/Count Open/Closed executions over a domain of 300 executions, paged 37 at a time: every
 * filter selects exactly the executions it should, pages neither skip nor repeat an execution,
 * the order is newest first (reversed on request), counts agree with listings, and AWS's
 * validation of mutually exclusive filters and foreign page tokens holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfVisibilityIT {

    static final int RUNS = 300;
    TestServer server;
    SwfClient swf;
    String domain;
    final Instant from = Instant.now().minusSeconds(3600);

    /** One execution as the test started it. */
    record Started(int index, String workflowId, String runId, String type, String version, List<String> tags, boolean closed) {
    }

    final List<Started> runs = new ArrayList<>();

    TestServer newServer() {
        return TestServer.start("--swf-poll-seconds", "2");
    }

    @BeforeAll
    void start() {
        server = newServer();
        swf = SwfV2.client(server, ACCOUNT_A);
        domain = name("vis");
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        for (String[] t : new String[][] {{"alpha", "1"}, {"beta", "1"}, {"beta", "2"}}) {
            swf.registerWorkflowType(b -> b.domain(domain).name(t[0]).version(t[1]).defaultTaskList(l -> l.name("unused"))
                    .defaultExecutionStartToCloseTimeout("3600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("ABANDON"));
        }
        for (int i = 0; i < RUNS; i++) {
            String type = i % 3 == 0 ? "alpha" : "beta";
            String version = type.equals("beta") && i % 2 == 0 ? "2" : "1";
            List<String> tags = List.of("all", "t" + (i % 5));
            String workflowId = "wf-" + i;
            String runId = swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId)
                    .workflowType(w -> w.name(type).version(version)).tagList(tags)).runId();
            boolean closed = i % 4 == 0;
            if (closed) {
                swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).runId(runId));
            }
            runs.add(new Started(i, workflowId, runId, type, version, tags, closed));
        }
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        server.close();
    }

    private List<WorkflowExecutionInfo> listOpen(Consumer<ListOpenWorkflowExecutionsRequest.Builder> filter) {
        List<WorkflowExecutionInfo> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListOpenWorkflowExecutionsResponse page = swf.listOpenWorkflowExecutions(b -> {
                b.domain(domain).maximumPageSize(37).nextPageToken(t).startTimeFilter(f -> f.oldestDate(from));
                filter.accept(b);
            });
            assertTrue(page.executionInfos().size() <= 37);
            all.addAll(page.executionInfos());
            token = page.nextPageToken();
        } while (token != null);
        return all;
    }

    private List<WorkflowExecutionInfo> listClosed(Consumer<ListClosedWorkflowExecutionsRequest.Builder> filter) {
        List<WorkflowExecutionInfo> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListClosedWorkflowExecutionsResponse page = swf.listClosedWorkflowExecutions(b -> {
                b.domain(domain).maximumPageSize(37).nextPageToken(t);
                filter.accept(b);
            });
            all.addAll(page.executionInfos());
            token = page.nextPageToken();
        } while (token != null);
        return all;
    }

    private Set<String> expected(boolean closed, Predicate<Started> filter) {
        Set<String> ids = new HashSet<>();
        runs.stream().filter(r -> r.closed() == closed && filter.test(r)).forEach(r -> ids.add(r.runId()));
        return ids;
    }

    /** The runIds, checking that none repeats. */
    private static Set<String> runIds(List<WorkflowExecutionInfo> infos) {
        Set<String> ids = new HashSet<>();
        for (WorkflowExecutionInfo i : infos) {
            assertTrue(ids.add(i.execution().runId()), "repeated " + i.execution());
        }
        return ids;
    }

    @Test
    void openExecutionsArePagedNewestFirstWithoutGapsOrRepeats() {
        List<WorkflowExecutionInfo> all = listOpen(b -> { });
        assertEquals(expected(false, r -> true), runIds(all));
        assertEquals(225, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).startTimestamp().isAfter(all.get(i - 1).startTimestamp()), "not newest first at " + i);
            assertEquals("OPEN", all.get(i).executionStatusAsString());
        }
        List<WorkflowExecutionInfo> reversed = listOpen(b -> b.reverseOrder(true));
        List<WorkflowExecutionInfo> expected = new ArrayList<>(all);
        Collections.reverse(expected);
        assertEquals(expected.stream().map(i -> i.execution().runId()).toList(), reversed.stream().map(i -> i.execution().runId()).toList());
        var count = swf.countOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from)));
        assertEquals(225, count.count());
        assertFalse(count.truncated());
    }

    @Test
    void eachFilterSelectsItsExecutions() {
        assertEquals(expected(false, r -> r.type().equals("alpha")), runIds(listOpen(b -> b.typeFilter(t -> t.name("alpha")))));
        assertEquals(expected(false, r -> r.type().equals("beta") && r.version().equals("2")),
                runIds(listOpen(b -> b.typeFilter(t -> t.name("beta").version("2")))));
        assertEquals(expected(false, r -> r.tags().contains("t3")), runIds(listOpen(b -> b.tagFilter(t -> t.tag("t3")))));
        assertEquals(expected(false, r -> r.workflowId().equals("wf-7")), runIds(listOpen(b -> b.executionFilter(e -> e.workflowId("wf-7")))));
        assertEquals(Set.of(), runIds(listOpen(b -> b.tagFilter(t -> t.tag("none")))));
        assertEquals(expected(false, r -> r.tags().contains("t1")).size(), swf.countOpenWorkflowExecutions(b -> b.domain(domain)
                .startTimeFilter(f -> f.oldestDate(from)).tagFilter(t -> t.tag("t1"))).count());
        assertEquals(expected(false, r -> r.type().equals("beta")).size(), swf.countOpenWorkflowExecutions(b -> b.domain(domain)
                .startTimeFilter(f -> f.oldestDate(from)).typeFilter(t -> t.name("beta"))).count());

        List<WorkflowExecutionInfo> all = listOpen(b -> { });
        Instant middle = all.get(all.size() / 2).startTimestamp();
        Set<String> newer = new HashSet<>();
        all.stream().filter(i -> !i.startTimestamp().isBefore(middle)).forEach(i -> newer.add(i.execution().runId()));
        assertEquals(newer, runIds(listOpen(b -> b.startTimeFilter(f -> f.oldestDate(middle)))));
        Set<String> older = new HashSet<>();
        all.stream().filter(i -> !i.startTimestamp().isAfter(middle)).forEach(i -> older.add(i.execution().runId()));
        assertEquals(older, runIds(listOpen(b -> b.startTimeFilter(f -> f.oldestDate(from).latestDate(middle)))));
    }

    @Test
    void closedExecutionsFilterByCloseTimeAndStatus() {
        List<WorkflowExecutionInfo> byStart = listClosed(b -> b.startTimeFilter(f -> f.oldestDate(from)));
        assertEquals(expected(true, r -> true), runIds(byStart));
        List<WorkflowExecutionInfo> byClose = listClosed(b -> b.closeTimeFilter(f -> f.oldestDate(from)));
        assertEquals(75, byClose.size());
        for (int i = 1; i < byClose.size(); i++) {
            assertFalse(byClose.get(i).closeTimestamp().isAfter(byClose.get(i - 1).closeTimestamp()), "not newest first at " + i);
            assertEquals("TERMINATED", byClose.get(i).closeStatusAsString());
        }
        assertEquals(expected(true, r -> true), runIds(listClosed(b -> b.closeTimeFilter(f -> f.oldestDate(from))
                .closeStatusFilter(s -> s.status("TERMINATED")))));
        assertEquals(Set.of(), runIds(listClosed(b -> b.closeTimeFilter(f -> f.oldestDate(from)).closeStatusFilter(s -> s.status("COMPLETED")))));
        assertEquals(expected(true, r -> r.tags().contains("t2")), runIds(listClosed(b -> b.startTimeFilter(f -> f.oldestDate(from))
                .tagFilter(t -> t.tag("t2")))));
        assertEquals(Set.of(), runIds(listClosed(b -> b.closeTimeFilter(f -> f.oldestDate(Instant.now().plusSeconds(3600))))));
        assertEquals(75, swf.countClosedWorkflowExecutions(b -> b.domain(domain).closeTimeFilter(f -> f.oldestDate(from))
                .closeStatusFilter(s -> s.status("TERMINATED"))).count());
        // the one run of wf-8 is closed: the open listing has no run of it
        assertEquals(Set.of(), runIds(listOpen(b -> b.executionFilter(e -> e.workflowId("wf-8")))));
    }

    @Test
    void awsValidationOfFiltersAndTokensHolds() {
        fails("ValidationException", () -> swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .tagFilter(t -> t.tag("all")).typeFilter(t -> t.name("alpha"))));
        fails("ValidationException", () -> swf.countClosedWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .closeTimeFilter(f -> f.oldestDate(from))));
        fails("ValidationException", () -> swf.listClosedWorkflowExecutions(b -> b.domain(domain)));
        fails("ValidationException", () -> swf.listClosedWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .closeStatusFilter(s -> s.status("FAILED")).executionFilter(e -> e.workflowId("wf-0"))));
        String token = swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from)).maximumPageSize(10))
                .nextPageToken();
        fails("ValidationException", () -> swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .maximumPageSize(10).tagFilter(t -> t.tag("t1")).nextPageToken(token)));
        fails("ValidationException", () -> swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .nextPageToken("garbage!")));
        fails("UnknownResourceFault", () -> swf.countOpenWorkflowExecutions(b -> b.domain("no-such-domain")
                .startTimeFilter(f -> f.oldestDate(from))));
        // the last page has no token
        assertNull(swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(from))
                .executionFilter(e -> e.workflowId("wf-1"))).nextPageToken());
    }
}
