package io.haneul.swf;

import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.ExecutionFilter;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.SqlExecutionListing;
import software.amazon.awssdk.services.swf.model.CloseStatusFilter;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.TagFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowTypeFilter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Listing and counting executions: a time filter (start time, or for closed executions start or
 * close time) and at most one of the execution, type, tag and close-status filters, as AWS requires;
 * newest first unless reversed. The filters become SQL on indexed columns
 * ({@link SqlExecutionListing}); a page token carries where the previous page ended (its last
 * execution's time and runId) and a fingerprint of the query, so it cannot be replayed against
 * another listing.
 */
final class Visibility {

    /** The filters of a List/Count call. */
    record Query(boolean open, ExecutionTimeFilter startTime, ExecutionTimeFilter closeTime, WorkflowExecutionFilter execution,
                 WorkflowTypeFilter type, TagFilter tag, CloseStatusFilter closeStatus) {
    }

    private final SqlExecutionListing listing;
    private final DomainService domains;

    Visibility(SqlExecutionListing listing, DomainService domains) {
        this.listing = listing;
        this.domains = domains;
    }

    int count(String account, String region, String domain, Query q) {
        domains.get(account, region, domain);
        return listing.count(account, region, domain, filter(q));
    }

    Pages.Page<ExecutionRecord> page(String account, String region, String domain, Query q, boolean reverse, Integer size,
                                     String token) {
        domains.get(account, region, domain);
        ExecutionFilter f = filter(q);
        int pageSize = Pages.size(size);
        boolean byClose = q.closeTime() != null;
        String fingerprint = Integer.toHexString(("executions/" + domain + "/" + q + "/" + reverse).hashCode());
        SqlExecutionListing.Cursor after = cursor(token, fingerprint);
        // one row more than the page tells whether another page follows
        List<ExecutionRecord> rows = listing.page(account, region, domain, f, byClose, reverse, after, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new Pages.Page<>(rows, null);
        }
        List<ExecutionRecord> items = List.copyOf(rows.subList(0, pageSize));
        ExecutionRecord last = items.get(pageSize - 1);
        return new Pages.Page<>(items, token(byClose ? last.closedAt : last.startedAt, last.runId, fingerprint));
    }

    private static ExecutionFilter filter(Query q) {
        check(q);
        ExecutionTimeFilter s = q.startTime();
        ExecutionTimeFilter c = q.closeTime();
        return new ExecutionFilter(q.open(), s == null ? null : millis(s.oldestDate()), s == null ? null : millis(s.latestDate()),
                c == null ? null : millis(c.oldestDate()), c == null ? null : millis(c.latestDate()),
                q.execution() == null ? null : q.execution().workflowId(), q.type() == null ? null : q.type().name(),
                q.type() == null ? null : q.type().version(), q.tag() == null ? null : q.tag().tag(),
                q.closeStatus() == null ? null : q.closeStatus().statusAsString());
    }

    private static Long millis(java.time.Instant at) {
        return at == null ? null : at.toEpochMilli();
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

    private static String token(long time, String runId, String fingerprint) {
        String raw = time + ":" + runId + ":" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token names (null without one); a token of another query or garbage is AWS's ValidationException. */
    private static SqlExecutionListing.Cursor cursor(String token, String fingerprint) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            if (p.length == 3 && p[2].equals(fingerprint)) {
                return new SqlExecutionListing.Cursor(Long.parseLong(p[0]), p[1]);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error below
        }
        throw SwfException.validation("Invalid nextPageToken");
    }
}
