package io.haneul.sqs.store;

/** A message move task as stored. */
public record MoveTaskRecord(String handle, String account, String region, String sourceArn, String destinationArn,
                             Integer rate, String status, long moved, long toMove, long startedAt, String failure) {
}
