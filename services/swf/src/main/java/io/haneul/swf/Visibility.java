package io.haneul.swf;

import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.SqlExecutionStore;
import software.amazon.awssdk.services.swf.model.CloseStatusFilter;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.TagFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowTypeFilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Listing and counting executions: a time filter (start time, or for closed executions start or
 * close time) and at most one of the execution, type, tag and close-status filters, as AWS requires;
 * newest first unless reversed.
 */
final class Visibility {

    /** The filters of a List/Count call. */
    record Query(boolean open, ExecutionTimeFilter startTime, ExecutionTimeFilter closeTime, WorkflowExecutionFilter execution,
                 WorkflowTypeFilter type, TagFilter tag, CloseStatusFilter closeStatus) {
    }

    private final SqlExecutionStore store;
    private final DomainService domains;

    Visibility(SqlExecutionStore store, DomainService domains) {
        this.store = store;
        this.domains = domains;
    }

    List<ExecutionRecord> find(String account, String region, String domain, Query q) {
        domains.get(account, region, domain);
        check(q);
        List<ExecutionRecord> out = new ArrayList<>();
        for (ExecutionRecord e : store.executions(account, region, domain, q.open())) {
            if (matches(e, q)) {
                out.add(e);
            }
        }
        Comparator<ExecutionRecord> order = q.closeTime() != null
                ? Comparator.comparingLong((ExecutionRecord e) -> e.closedAt == null ? 0 : e.closedAt)
                : Comparator.comparingLong((ExecutionRecord e) -> e.startedAt);
        out.sort(order.reversed().thenComparing(e -> e.runId));
        return out;
    }

    Pages.Page<ExecutionRecord> page(String account, String region, String domain, Query q, boolean reverse, Integer size,
                                     String token) {
        List<ExecutionRecord> all = find(account, region, domain, q);
        if (reverse) {
            java.util.Collections.reverse(all);
        }
        return Pages.page(all, size, token, "executions/" + domain + "/" + q + "/" + reverse);
    }

    private static void check(Query q) {
        int filters = (q.execution() != null ? 1 : 0) + (q.type() != null ? 1 : 0) + (q.tag() != null ? 1 : 0)
                + (q.closeStatus() != null ? 1 : 0);
        if (filters > 1) {
            throw SwfException.validation("executionFilter, typeFilter, tagFilter and closeStatusFilter are mutually exclusive."
                    + " You can specify at most one of these in a request.");
        }
        if (q.open() && q.startTime() == null) {
            throw SwfException.validation("startTimeFilter is required");
        }
        if (!q.open() && (q.startTime() == null) == (q.closeTime() == null)) {
            throw SwfException.validation("startTimeFilter and closeTimeFilter are mutually exclusive."
                    + " You must specify one of these in a request.");
        }
    }

    private static boolean matches(ExecutionRecord e, Query q) {
        if (q.startTime() != null && !within(e.startedAt, q.startTime())) {
            return false;
        }
        if (q.closeTime() != null && (e.closedAt == null || !within(e.closedAt, q.closeTime()))) {
            return false;
        }
        if (q.execution() != null && !q.execution().workflowId().equals(e.workflowId)) {
            return false;
        }
        if (q.type() != null && (!q.type().name().equals(e.typeName)
                || q.type().version() != null && !q.type().version().equals(e.typeVersion))) {
            return false;
        }
        if (q.tag() != null && !e.tags.contains(q.tag().tag())) {
            return false;
        }
        return q.closeStatus() == null || q.closeStatus().statusAsString().equals(e.closeStatus);
    }

    private static boolean within(long at, ExecutionTimeFilter f) {
        if (f.oldestDate() != null && at < f.oldestDate().toEpochMilli()) {
            return false;
        }
        return f.latestDate() == null || at <= f.latestDate().toEpochMilli();
    }
}
