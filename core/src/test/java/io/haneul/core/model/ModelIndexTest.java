package io.haneul.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The index the build writes holds, for every shipped model and in {@code index.txt}'s order, the very
 * metadata parsing the model gives: routing from the index cannot differ from routing from the models.
 */
class ModelIndexTest {

    @Test
    void theBuiltIndexMatchesEveryModelsOwnMetadata() {
        assertNotNull(ModelIndex.class.getResource(ModelIndex.RESOURCE), "the build wrote no " + ModelIndex.RESOURCE);
        ModelLoader loader = new ModelLoader();
        List<String> stems = ModelIndex.stems();
        List<ModelIndex.Entry> index = ModelIndex.read();
        assertEquals(stems, index.stream().map(ModelIndex.Entry::fileStem).toList());
        for (ModelIndex.Entry e : index) {
            assertEquals(loader.loadMetadata(e.fileStem()), e.metadata(), e.fileStem());
        }
    }

    @Test
    void aLineRoundTripsNullsAndSeveralProtocols() {
        ServiceModel m = new ServiceModel("sqs", "SQS", "2012-11-05", List.of("json", "query"), "1.0", "AmazonSQS",
                "sqs", "sqs", null, true, java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        ModelIndex.Entry e = ModelIndex.parse(ModelIndex.line("sqs-2012-11-05", m));
        assertEquals("sqs-2012-11-05", e.fileStem());
        assertEquals(m, e.metadata());
    }

    @Test
    void aTruncatedLineIsRefused() {
        assertThrows(IllegalStateException.class, () -> ModelIndex.parse("sqs-2012-11-05\tSQS"));
    }
}
