package io.haneul.it.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SNS fan-out benchmark (not a test): N publishers publish to a topic with 10 SQS subscriptions
 * (raw delivery) for D seconds; then every queue is drained and each message's publish-to-enqueue
 * latency is SQS's SentTimestamp minus the publish time carried in the body.
 * {@code java ... SnsFanoutBench ENDPOINT SECONDS PUBLISHERS}
 */
public final class SnsFanoutBench {

    private SnsFanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int publishers = Integer.parseInt(args[2]);
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
        String topic = sns.createTopic(b -> b.name("bench-" + System.nanoTime())).topicArn();
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String url = sqs.createQueue(b -> b.queueName("bench-fanout-" + System.nanoTime())).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn).attributes(Map.of("RawMessageDelivery", "true")));
            queues.add(url);
        }
        AtomicLong published = new AtomicLong();
        long end = System.currentTimeMillis() + seconds * 1000L;
        try (ExecutorService pool = Executors.newFixedThreadPool(publishers)) {
            for (int p = 0; p < publishers; p++) {
                pool.submit(() -> {
                    while (System.currentTimeMillis() < end) {
                        sns.publish(b -> b.topicArn(topic).message(Long.toString(System.currentTimeMillis())));
                        published.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        double elapsed = seconds;
        List<Long> latencies = new ArrayList<>();
        for (String url : queues) {
            while (true) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
                if (got.isEmpty()) {
                    break;
                }
                for (Message m : got) {
                    latencies.add(Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)) - Long.parseLong(m.body()));
                }
                sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(got.stream().map(m -> software.amazon.awssdk.services.sqs.model
                        .DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("RESULT publishers=%d published=%d publishes_per_s=%.0f delivered=%d deliveries_per_s=%.0f "
                        + "enqueue_latency_ms_p50=%d p99=%d max=%d%n", publishers, published.get(), published.get() / elapsed,
                sorted.length, sorted.length / elapsed, pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }
}
