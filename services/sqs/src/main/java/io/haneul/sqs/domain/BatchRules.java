package io.haneul.sqs.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whole-request rules of the batch operations: 1–10 entries, distinct ids of at most 80
 * {@code [A-Za-z0-9_-]}, and (SendMessageBatch) at most 1 MiB of messages in all. Per-entry
 * failures are the caller's to report in {@code Failed}.
 */
public final class BatchRules {

    public static final int MAX_ENTRIES = 10;
    public static final long MAX_BATCH_BYTES = 1_048_576;
    public static final String SEND_ENTRY = "SendMessageBatchRequestEntry";
    public static final String DELETE_ENTRY = "DeleteMessageBatchRequestEntry";
    public static final String CHANGE_VISIBILITY_ENTRY = "ChangeMessageVisibilityBatchRequestEntry";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private BatchRules() {
    }

    /**
     * Checks the entries' ids.
     *
     * @param entryType e.g. {@link #SEND_ENTRY}, for the empty-batch message
     * @throws SqsException EmptyBatchRequest, TooManyEntriesInBatchRequest, InvalidBatchEntryId or BatchEntryIdsNotDistinct
     */
    public static void checkIds(List<String> ids, String entryType) {
        if (ids == null || ids.isEmpty()) {
            throw new SqsException(SqsError.EmptyBatchRequest, "There should be at least one " + entryType + " in the request.");
        }
        if (ids.size() > MAX_ENTRIES) {
            throw new SqsException(SqsError.TooManyEntriesInBatchRequest,
                    "Maximum number of entries per request are " + MAX_ENTRIES + ". You have sent " + ids.size() + ".");
        }
        for (String id : ids) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new SqsException(SqsError.InvalidBatchEntryId, "A batch entry id can only contain alphanumeric "
                        + "characters, hyphens and underscores. It can be at most 80 letters long.");
            }
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new SqsException(SqsError.BatchEntryIdsNotDistinct, "Id " + id + " repeated.");
            }
        }
    }

    /** SendMessageBatch: the messages' total size (bodies and attributes) may not exceed 1 MiB. */
    public static void checkSendSize(Collection<SendInput> entries) {
        long total = 0;
        for (SendInput e : entries) {
            total += e.size();
        }
        if (total > MAX_BATCH_BYTES) {
            throw new SqsException(SqsError.BatchRequestTooLong, "Batch requests cannot be longer than " + MAX_BATCH_BYTES
                    + " bytes. You have sent " + total + " bytes.");
        }
    }
}
