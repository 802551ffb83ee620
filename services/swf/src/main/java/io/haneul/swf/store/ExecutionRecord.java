package io.haneul.swf.store;

import io.haneul.swf.domain.ExecutionState;

import java.util.List;

/**
 * One run of a workflow as stored: identity, visibility fields (type, tags, times, status) and its
 * {@link ExecutionState}. Mutable inside one transaction of the execution engine, which writes it back.
 */
public final class ExecutionRecord {
    public final String runId;
    public final String account;
    public final String region;
    public final String domain;
    public final String workflowId;
    public final String typeName;
    public final String typeVersion;
    public final List<String> tags;
    public boolean open;
    public String closeStatus;
    public final long startedAt;
    public Long closedAt;
    public long nextEventId;
    public final ExecutionState state;
    /**
     * The row's version as read (0 for a run not yet written): each write gives the row a new one, so
     * a copy kept in memory is known to be current when the row still has its version.
     */
    public long version;

    public ExecutionRecord(String runId, String account, String region, String domain, String workflowId, String typeName,
                           String typeVersion, List<String> tags, boolean open, String closeStatus, long startedAt,
                           Long closedAt, long nextEventId, ExecutionState state) {
        this.runId = runId;
        this.account = account;
        this.region = region;
        this.domain = domain;
        this.workflowId = workflowId;
        this.typeName = typeName;
        this.typeVersion = typeVersion;
        this.tags = tags;
        this.open = open;
        this.closeStatus = closeStatus;
        this.startedAt = startedAt;
        this.closedAt = closedAt;
        this.nextEventId = nextEventId;
        this.state = state;
    }
}
