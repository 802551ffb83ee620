package io.haneul.sagemaker.training;

import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SecondaryStatusTransitions as DescribeTrainingJob lists them: each status with its start, the end
 * set when the next begins; the terminal one (Completed, Failed, Stopped) starts and ends at once.
 */
final class Transitions {

    private Transitions() {
    }

    static DescribeTrainingJobResponse.Builder advance(DescribeTrainingJobResponse.Builder builder, DescribeTrainingJobResponse current,
                                                       String status, String message, Instant now) {
        List<SecondaryStatusTransition> list = new ArrayList<>(current.secondaryStatusTransitions());
        if (!list.isEmpty() && list.getLast().endTime() == null) {
            list.set(list.size() - 1, list.getLast().toBuilder().endTime(now).build());
        }
        SecondaryStatusTransition.Builder next = SecondaryStatusTransition.builder().status(status).startTime(now).statusMessage(message);
        if (terminal(status)) {
            next.endTime(now);
        }
        list.add(next.build());
        return builder.secondaryStatus(status).secondaryStatusTransitions(list);
    }

    static boolean terminal(String secondaryStatus) {
        return switch (secondaryStatus) {
            case "Completed", "Failed", "Stopped", "MaxRuntimeExceeded" -> true;
            default -> false;
        };
    }
}
