package io.haneul.core.engine;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueResponse;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A provider may answer some operations itself and hand the others to parts; coverage sees them all. */
class ProviderPartsTest {

    @ProviderParts.Types(DeletePart.class)
    public static final class Composed implements ProviderParts {
        public CreateQueueResponse createQueue(RequestContext ctx, CreateQueueRequest r) {
            return CreateQueueResponse.builder().queueUrl("made by the provider").build();
        }

        @Override
        public List<Object> operationParts() {
            return List.of(new DeletePart());
        }
    }

    public static final class DeletePart {
        public DeleteQueueResponse deleteQueue(RequestContext ctx, DeleteQueueRequest r) {
            return DeleteQueueResponse.builder().build();
        }
    }

    public static final class Twice implements ProviderParts {
        public DeleteQueueResponse deleteQueue(RequestContext ctx, DeleteQueueRequest r) {
            return DeleteQueueResponse.builder().build();
        }

        @Override
        public List<Object> operationParts() {
            return List.of(new DeletePart());
        }
    }

    @Test
    void coverageCountsTheProviderAndItsParts() {
        assertEquals(Set.of(CreateQueueRequest.class, DeleteQueueRequest.class), ProviderMethods.requestTypes(Composed.class));
    }

    @Test
    void handlersComeFromTheProviderAndItsParts() throws Throwable {
        var handlers = ProviderMethods.of(new Composed());
        assertEquals(Set.of(CreateQueueRequest.class, DeleteQueueRequest.class), handlers.keySet());
        Object answer = handlers.get(DeleteQueueRequest.class).handle(null, DeleteQueueRequest.builder().build());
        assertEquals(DeleteQueueResponse.class, answer.getClass());
    }

    @Test
    void anOperationAnsweredTwiceFailsTheStart() {
        assertThrows(IllegalStateException.class, () -> ProviderMethods.of(new Twice()));
    }
}
