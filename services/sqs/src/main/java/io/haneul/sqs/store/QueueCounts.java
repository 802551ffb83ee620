package io.haneul.sqs.store;

/** The approximate-number attributes, computed exactly. */
public record QueueCounts(long visible, long inFlight, long delayed) {
}
