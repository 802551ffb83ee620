package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.SqsAssert.fails;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRulesTest {

    private static final String BAD_ID = "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
            + "It can be at most 80 letters long.";

    @Test
    void acceptsOneToTenDistinctIds() {
        BatchRules.checkIds(List.of("a"), BatchRules.SEND_ENTRY);
        BatchRules.checkIds(IntStream.range(0, 10).mapToObj(i -> "id_" + i).toList(), BatchRules.DELETE_ENTRY);
        BatchRules.checkIds(List.of("A-z_0", "x".repeat(80)), BatchRules.CHANGE_VISIBILITY_ENTRY);
    }

    @Test
    void emptyBatch() {
        fails(SqsError.EmptyBatchRequest, "There should be at least one SendMessageBatchRequestEntry in the request.",
                () -> BatchRules.checkIds(List.of(), BatchRules.SEND_ENTRY));
        fails(SqsError.EmptyBatchRequest, "There should be at least one DeleteMessageBatchRequestEntry in the request.",
                () -> BatchRules.checkIds(null, BatchRules.DELETE_ENTRY));
    }

    @Test
    void tooManyEntries() {
        List<String> ids = IntStream.range(0, 11).mapToObj(i -> "id" + i).toList();
        fails(SqsError.TooManyEntriesInBatchRequest, "Maximum number of entries per request are 10. You have sent 11.",
                () -> BatchRules.checkIds(ids, BatchRules.SEND_ENTRY));
    }

    @Test
    void invalidIds() {
        for (String id : Arrays.asList("", "a b", "a.b", "x".repeat(81), "\u00e9", null)) {
            List<String> ids = new ArrayList<>();
            ids.add("ok");
            ids.add(id);
            fails(SqsError.InvalidBatchEntryId, BAD_ID, () -> BatchRules.checkIds(ids, BatchRules.SEND_ENTRY));
        }
    }

    @Test
    void repeatedIds() {
        fails(SqsError.BatchEntryIdsNotDistinct, "Id a repeated.", () -> BatchRules.checkIds(List.of("a", "b", "a"), BatchRules.SEND_ENTRY));
    }

    @Test
    void totalPayloadIsOneMebibyte() {
        String half = "a".repeat(524_288);
        BatchRules.checkSendSize(List.of(SendInput.of(half), SendInput.of(half)));
        fails(SqsError.BatchRequestTooLong, "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.",
                () -> BatchRules.checkSendSize(List.of(SendInput.of(half), SendInput.of(half + "b"))));
    }
}
