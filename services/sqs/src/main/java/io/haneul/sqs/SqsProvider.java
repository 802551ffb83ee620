package io.haneul.sqs;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.sqs.domain.BatchRules;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.domain.ValidatedSend;
import io.haneul.sqs.store.QueueRecord;
import software.amazon.awssdk.services.sqs.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Amazon SQS: every operation of the 2012-11-05 API, over JSON and query alike. Thin: it maps the
 * SDK's request and response objects onto {@link QueueService}, {@link MessageService} and
 * {@link MoveTasks}.
 */
public final class SqsProvider implements ErrorTranslator {

    private final QueueService queues;
    private final MessageService messages;
    private final MoveTasks moves;
    private final MessageAttributeJson attributeJson = new MessageAttributeJson();
    private final ReceivedMessages received;

    private final io.haneul.core.spi.QueueDelivery delivery;
    private final io.haneul.core.spi.QueueConsumer consumer;

    private final SqsInspection inspection;

    SqsProvider(QueueService queues, MessageService messages, MoveTasks moves, io.haneul.core.spi.QueueDelivery delivery,
                io.haneul.core.spi.QueueConsumer consumer, SqsInspection inspection) {
        this.inspection = inspection;
        this.delivery = delivery;
        this.consumer = consumer;
        this.queues = queues;
        this.messages = messages;
        this.moves = moves;
        this.received = new ReceivedMessages(attributeJson);
    }

    /** The console's view of queues ({@code /_haneul/sqs/messages}). */
    SqsInspection inspection() {
        return inspection;
    }

    /** SQS as other services deliver into it. */
    io.haneul.core.spi.QueueDelivery delivery() {
        return delivery;
    }

    /** SQS as consumers inside the server (Lambda's event source mappings) read it. */
    io.haneul.core.spi.QueueConsumer consumer() {
        return consumer;
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof SqsException s ? SqsErrors.toAws(s) : null;
    }

    // ---- queues ----

    public CreateQueueResponse createQueue(RequestContext ctx, CreateQueueRequest r) {
        QueueRecord q = queues.create(ctx, r.queueName(), r.attributesAsStrings(), r.tags());
        return CreateQueueResponse.builder().queueUrl(queues.url(ctx, q)).build();
    }

    public GetQueueUrlResponse getQueueUrl(RequestContext ctx, GetQueueUrlRequest r) {
        return GetQueueUrlResponse.builder().queueUrl(queues.url(ctx, queues.byName(ctx, r.queueName(), r.queueOwnerAWSAccountId()))).build();
    }

    public ListQueuesResponse listQueues(RequestContext ctx, ListQueuesRequest r) {
        QueueService.Page page = queues.list(ctx, r.queueNamePrefix(), r.maxResults(), r.nextToken());
        return ListQueuesResponse.builder().queueUrls(page.queues().stream().map(q -> queues.url(ctx, q)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteQueueResponse deleteQueue(RequestContext ctx, DeleteQueueRequest r) {
        queues.delete(queues.resolve(ctx, r.queueUrl(), "DeleteQueue"));
        return DeleteQueueResponse.builder().build();
    }

    public GetQueueAttributesResponse getQueueAttributes(RequestContext ctx, GetQueueAttributesRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "GetQueueAttributes");
        return GetQueueAttributesResponse.builder().attributesWithStrings(queues.attributes(q, r.attributeNamesAsStrings())).build();
    }

    public SetQueueAttributesResponse setQueueAttributes(RequestContext ctx, SetQueueAttributesRequest r) {
        queues.setAttributes(ctx, queues.resolve(ctx, r.queueUrl(), "SetQueueAttributes"), r.attributesAsStrings());
        return SetQueueAttributesResponse.builder().build();
    }

    public PurgeQueueResponse purgeQueue(RequestContext ctx, PurgeQueueRequest r) {
        queues.purge(queues.resolve(ctx, r.queueUrl(), "PurgeQueue"));
        return PurgeQueueResponse.builder().build();
    }

    public TagQueueResponse tagQueue(RequestContext ctx, TagQueueRequest r) {
        queues.tag(queues.resolve(ctx, r.queueUrl(), "TagQueue"), r.tags());
        return TagQueueResponse.builder().build();
    }

    public UntagQueueResponse untagQueue(RequestContext ctx, UntagQueueRequest r) {
        queues.untag(queues.resolve(ctx, r.queueUrl(), "UntagQueue"), r.tagKeys());
        return UntagQueueResponse.builder().build();
    }

    public ListQueueTagsResponse listQueueTags(RequestContext ctx, ListQueueTagsRequest r) {
        return ListQueueTagsResponse.builder().tags(queues.resolve(ctx, r.queueUrl(), "ListQueueTags").tags()).build();
    }

    public AddPermissionResponse addPermission(RequestContext ctx, AddPermissionRequest r) {
        queues.addPermission(queues.resolve(ctx, r.queueUrl(), "AddPermission"), r.label(), r.awsAccountIds(), r.actions());
        return AddPermissionResponse.builder().build();
    }

    public RemovePermissionResponse removePermission(RequestContext ctx, RemovePermissionRequest r) {
        queues.removePermission(queues.resolve(ctx, r.queueUrl(), "RemovePermission"), r.label());
        return RemovePermissionResponse.builder().build();
    }

    public ListDeadLetterSourceQueuesResponse listDeadLetterSourceQueues(RequestContext ctx, ListDeadLetterSourceQueuesRequest r) {
        QueueRecord dlq = queues.resolve(ctx, r.queueUrl(), "ListDeadLetterSourceQueues");
        QueueService.Page page = QueueService.paginate(queues.deadLetterSources(ctx, dlq), r.maxResults(), r.nextToken());
        return ListDeadLetterSourceQueuesResponse.builder()
                .queueUrls(page.queues().stream().map(q -> queues.url(ctx, q)).toList()).nextToken(page.nextToken()).build();
    }

    // ---- messages ----

    public SendMessageResponse sendMessage(RequestContext ctx, SendMessageRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "SendMessage");
        MessageService.Outgoing m = new MessageService.Outgoing(r.messageBody(), r.delaySeconds(), r.messageAttributes(),
                r.messageSystemAttributesAsStrings().isEmpty() ? null : r.messageSystemAttributes().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)),
                r.messageGroupId(), r.messageDeduplicationId());
        ValidatedSend v = messages.validate(q, m);
        MessageService.Sent sent = messages.send(ctx, q, List.of(m), List.of(v), attributeJson).getFirst();
        return SendMessageResponse.builder().messageId(sent.messageId()).md5OfMessageBody(v.md5OfBody())
                .md5OfMessageAttributes(v.md5OfAttributes()).md5OfMessageSystemAttributes(v.md5OfSystemAttributes())
                .sequenceNumber(sent.sequenceNumber()).build();
    }

    public SendMessageBatchResponse sendMessageBatch(RequestContext ctx, SendMessageBatchRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "SendMessageBatch");
        List<SendMessageBatchRequestEntry> entries = r.entries();
        BatchRules.checkIds(entries.stream().map(SendMessageBatchRequestEntry::id).toList(), BatchRules.SEND_ENTRY);
        List<MessageService.Outgoing> ok = new ArrayList<>();
        List<ValidatedSend> checks = new ArrayList<>();
        List<String> okIds = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        List<MessageService.Outgoing> all = entries.stream().map(e -> new MessageService.Outgoing(e.messageBody(), e.delaySeconds(),
                e.messageAttributes(), e.messageSystemAttributesAsStrings().isEmpty() ? null : e.messageSystemAttributes().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(x -> x.getKey().toString(), Map.Entry::getValue)),
                e.messageGroupId(), e.messageDeduplicationId())).toList();
        BatchRules.checkSendSize(all.stream().map(MessageService.Outgoing::input).toList());
        for (int i = 0; i < entries.size(); i++) {
            try {
                checks.add(messages.validate(q, all.get(i)));
                ok.add(all.get(i));
                okIds.add(entries.get(i).id());
            } catch (SqsException e) {
                failed.add(SqsErrors.batchFailure(entries.get(i).id(), e));
            }
        }
        List<SendMessageBatchResultEntry> successful = new ArrayList<>();
        if (!ok.isEmpty()) {
            List<MessageService.Sent> sent = messages.send(ctx, q, ok, checks, attributeJson);
            for (int i = 0; i < sent.size(); i++) {
                ValidatedSend v = sent.get(i).checks();
                successful.add(SendMessageBatchResultEntry.builder().id(okIds.get(i)).messageId(sent.get(i).messageId())
                        .md5OfMessageBody(v.md5OfBody()).md5OfMessageAttributes(v.md5OfAttributes())
                        .md5OfMessageSystemAttributes(v.md5OfSystemAttributes()).sequenceNumber(sent.get(i).sequenceNumber()).build());
            }
        }
        return SendMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    public ReceiveMessageResponse receiveMessage(RequestContext ctx, ReceiveMessageRequest r) throws InterruptedException {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "ReceiveMessage");
        List<MessageService.Delivered> got = messages.receive(q, r.maxNumberOfMessages(), r.visibilityTimeout(), r.waitTimeSeconds(),
                r.receiveRequestAttemptId());
        List<String> systemNames = new ArrayList<>(r.attributeNamesAsStrings());
        systemNames.addAll(r.messageSystemAttributeNamesAsStrings());
        return ReceiveMessageResponse.builder()
                .messages(got.stream().map(d -> received.toSdk(q, d, systemNames, r.messageAttributeNames())).toList()).build();
    }

    public DeleteMessageResponse deleteMessage(RequestContext ctx, DeleteMessageRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "DeleteMessage");
        if (r.receiptHandle() == null || r.receiptHandle().isEmpty()) {
            throw SqsException.missingParameter("ReceiptHandle");
        }
        messages.delete(q, r.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    public DeleteMessageBatchResponse deleteMessageBatch(RequestContext ctx, DeleteMessageBatchRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "DeleteMessageBatch");
        BatchRules.checkIds(r.entries().stream().map(DeleteMessageBatchRequestEntry::id).toList(), BatchRules.DELETE_ENTRY);
        List<SqsException> failures = messages.deleteBatch(q, r.entries().stream().map(DeleteMessageBatchRequestEntry::receiptHandle).toList());
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            String id = r.entries().get(i).id();
            if (failures.get(i) == null) {
                ok.add(DeleteMessageBatchResultEntry.builder().id(id).build());
            } else {
                failed.add(SqsErrors.batchFailure(id, failures.get(i)));
            }
        }
        return DeleteMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    public ChangeMessageVisibilityResponse changeMessageVisibility(RequestContext ctx, ChangeMessageVisibilityRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "ChangeMessageVisibility");
        messages.changeVisibility(q, r.receiptHandle(), r.visibilityTimeout());
        return ChangeMessageVisibilityResponse.builder().build();
    }

    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(RequestContext ctx, ChangeMessageVisibilityBatchRequest r) {
        QueueRecord q = queues.resolve(ctx, r.queueUrl(), "ChangeMessageVisibilityBatch");
        BatchRules.checkIds(r.entries().stream().map(ChangeMessageVisibilityBatchRequestEntry::id).toList(),
                BatchRules.CHANGE_VISIBILITY_ENTRY);
        List<ChangeMessageVisibilityBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (ChangeMessageVisibilityBatchRequestEntry e : r.entries()) {
            try {
                messages.changeVisibility(q, e.receiptHandle(), e.visibilityTimeout());
                ok.add(ChangeMessageVisibilityBatchResultEntry.builder().id(e.id()).build());
            } catch (SqsException ex) {
                failed.add(SqsErrors.batchFailure(e.id(), ex));
            }
        }
        return ChangeMessageVisibilityBatchResponse.builder().successful(ok).failed(failed).build();
    }

    // ---- message move tasks ----

    public StartMessageMoveTaskResponse startMessageMoveTask(RequestContext ctx, StartMessageMoveTaskRequest r) {
        return StartMessageMoveTaskResponse.builder()
                .taskHandle(moves.start(ctx, r.sourceArn(), r.destinationArn(), r.maxNumberOfMessagesPerSecond())).build();
    }

    public CancelMessageMoveTaskResponse cancelMessageMoveTask(RequestContext ctx, CancelMessageMoveTaskRequest r) {
        return CancelMessageMoveTaskResponse.builder().approximateNumberOfMessagesMoved(moves.cancel(ctx, r.taskHandle())).build();
    }

    public ListMessageMoveTasksResponse listMessageMoveTasks(RequestContext ctx, ListMessageMoveTasksRequest r) {
        return ListMessageMoveTasksResponse.builder().results(moves.list(ctx, r.sourceArn(), r.maxResults())).build();
    }
}
