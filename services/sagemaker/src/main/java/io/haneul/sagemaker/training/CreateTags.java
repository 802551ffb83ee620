package io.haneul.sagemaker.training;

import io.haneul.sagemaker.hosting.domain.TagMaps;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.List;

/** Stores the Tags a CreateTrainingJob or CreateHyperParameterTuningJob carries where AddTags and ListTags find them. */
final class CreateTags {

    private final HostingStore store;

    CreateTags(HostingStore store) {
        this.store = store;
    }

    void store(String arn, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        store.putTags(arn, TagMaps.of(tags));
    }
}
