package io.haneul.sagemaker.training;

import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value() == null ? "" : t.value()));
        store.putTags(arn, map);
    }
}
