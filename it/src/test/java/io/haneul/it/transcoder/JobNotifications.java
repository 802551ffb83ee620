package io.haneul.it.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

/**
 * An SNS topic with an SQS queue subscribed, for the tests that wait on a pipeline's notifications:
 * every message read is kept, so tests may await states of several jobs in any order.
 */
final class JobNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String topicArn;
    private final TranscoderClients c;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    JobNotifications(TranscoderClients c, String name) {
        this.c = c;
        topicArn = c.sns.createTopic(b -> b.name(name)).topicArn();
        queueUrl = c.sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = c.sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        c.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /** Reads the queue (long polls) until the job's notification of that state arrives; its Elastic Transcoder JSON. */
    synchronized JsonNode await(String jobId, String state) throws Exception {
        for (int round = 0; round < 60; round++) {
            for (JsonNode n : received) {
                if (n.get("jobId").asText().equals(jobId) && n.get("state").asText().equals(state)) {
                    return n;
                }
            }
            for (Message m : c.sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages()) {
                received.add(JSON.readTree(JSON.readTree(m.body()).get("Message").asText()));
                c.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        throw new AssertionError("no " + state + " notification for " + jobId + " among " + received);
    }

    /** Polls ReadJob until the job is neither Submitted nor Progressing. */
    static Job awaitFinished(TranscoderClients c, String jobId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Job job = c.et.readJob(b -> b.id(jobId)).job();
            if (!job.status().equals("Submitted") && !job.status().equals("Progressing")) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }
}
