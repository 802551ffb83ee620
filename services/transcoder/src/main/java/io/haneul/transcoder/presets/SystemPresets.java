package io.haneul.transcoder.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elastic Transcoder's 62 system presets (ids {@code 1351620000001-*}, Type {@code System}), read from
 * {@code system-presets.json} beside this class in the API's wire format: the data stays data, so a
 * corrected setting is a one-line change to the resource rather than to code. System presets have no ARN.
 */
public final class SystemPresets {

    private static final String RESOURCE = "system-presets.json";

    private final List<Preset> all;
    private final Map<String, Preset> byId = new LinkedHashMap<>();

    public SystemPresets() {
        SdkDocuments documents = new SdkDocuments();
        List<Preset> presets = new ArrayList<>();
        try (InputStream in = SystemPresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the transcoder module");
            }
            for (JsonNode node : new ObjectMapper().readTree(in)) {
                Preset preset = documents.read(node.toString(), Preset.class);
                presets.add(preset);
                byId.put(preset.id(), preset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.all = List.copyOf(presets);
    }

    /** Every system preset, in id order (the order ListPresets shows them in). */
    public List<Preset> all() {
        return all;
    }

    public Optional<Preset> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
