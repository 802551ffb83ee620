package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.JobWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.elastictranscoder.model.PresetWatermark;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateJob's rules beyond the model: inputs have keys, output keys are unique within the job,
 * segment durations (1 to 60 seconds) apply to segmented containers, watermarks name the preset's
 * watermark ids, and playlists name outputs of the job with segment durations and a container their
 * format carries (ts for HLS, fmp4 for MPEG-DASH and Smooth), Encryption members complete
 * ({@link EncryptionRules}). Limits are AWS's: 30 outputs,
 * 30 playlists, 10 user metadata entries.
 */
public final class JobRules {

    static final int MAX_OUTPUTS = 30;
    static final int MAX_PLAYLISTS = 30;
    static final int MAX_METADATA = 10;

    private JobRules() {
    }

    /**
     * @param presets the preset of each output, by PresetId (all exist)
     */
    public static void check(List<JobInput> inputs, List<CreateJobOutput> outputs, List<CreateJobPlaylist> playlists,
                             Map<String, Preset> presets, Map<String, String> userMetadata) {
        for (JobInput input : inputs) {
            if (input.key() == null || input.key().isEmpty()) {
                throw invalid("Input:Key is required.");
            }
            EncryptionRules.check("Input:Encryption", input.encryption(), ": key=" + input.key() + ".", false);
        }
        if (outputs.size() > MAX_OUTPUTS) {
            throw invalid("A job can have at most " + MAX_OUTPUTS + " outputs.");
        }
        Map<String, CreateJobOutput> byKey = new HashMap<>();
        for (CreateJobOutput o : outputs) {
            if (o.key() == null || o.key().isEmpty()) {
                throw invalid("Outputs:Key is required.");
            }
            if (byKey.put(o.key(), o) != null) {
                throw invalid("Outputs:Key " + o.key() + " is used by more than one output; output keys must be unique within a job.");
            }
            output(o, presets.get(o.presetId()));
        }
        if (playlists.size() > MAX_PLAYLISTS) {
            throw invalid("A job can have at most " + MAX_PLAYLISTS + " playlists.");
        }
        Set<String> names = new HashSet<>();
        for (CreateJobPlaylist p : playlists) {
            playlist(p, byKey, presets);
            if (!names.add(p.name())) {
                throw invalid("Playlists:Name " + p.name() + " is used by more than one playlist.");
            }
        }
        if (userMetadata.size() > MAX_METADATA) {
            throw invalid("UserMetadata can contain at most " + MAX_METADATA + " key-value pairs.");
        }
    }

    private static void output(CreateJobOutput o, Preset preset) {
        String subject = ": key=" + o.key() + ".";
        EncryptionRules.check("Outputs:Encryption", o.encryption(), subject, true);
        EncryptionRules.check("Outputs:ThumbnailEncryption", o.thumbnailEncryption(), subject, true);
        if (o.captions() != null) {
            o.captions().captionFormats().forEach(f -> EncryptionRules.check("Outputs:Captions:CaptionFormats:Encryption",
                    f.encryption(), subject, true));
        }
        if (o.segmentDuration() != null) {
            BigDecimal seconds = new BigDecimal(o.segmentDuration());
            if (seconds.compareTo(BigDecimal.ONE) < 0 || seconds.compareTo(BigDecimal.valueOf(60)) > 0) {
                throw invalid("Outputs:SegmentDuration must be between 1 and 60 seconds: key=" + o.key() + ".");
            }
            if (!preset.container().equals("ts") && !preset.container().equals("fmp4")) {
                throw invalid("Outputs:SegmentDuration is valid only for presets whose Container is ts or fmp4: key=" + o.key()
                        + ", presetId=" + preset.id() + ".");
            }
        }
        if (o.hasWatermarks()) {
            Set<String> ids = new HashSet<>();
            if (preset.video() != null && preset.video().hasWatermarks()) {
                preset.video().watermarks().stream().map(PresetWatermark::id).forEach(ids::add);
            }
            for (JobWatermark w : o.watermarks()) {
                if (!ids.contains(w.presetWatermarkId())) {
                    throw invalid("Outputs:Watermarks:PresetWatermarkId " + w.presetWatermarkId()
                            + " does not match a watermark of preset " + preset.id() + ".");
                }
                if (w.inputKey() == null) {
                    throw invalid("Outputs:Watermarks:InputKey is required.");
                }
            }
        }
    }

    private static void playlist(CreateJobPlaylist p, Map<String, CreateJobOutput> outputs, Map<String, Preset> presets) {
        if (p.name() == null || p.name().isEmpty()) {
            throw invalid("Playlists:Name is required.");
        }
        if (p.name().contains("/")) {
            throw invalid("Playlists:Name cannot include a / character: " + p.name() + ".");
        }
        if (p.format() == null) {
            throw invalid("Playlists:Format is required: name=" + p.name() + ".");
        }
        if (!p.hasOutputKeys() || p.outputKeys().isEmpty()) {
            throw invalid("Playlists:OutputKeys must name at least one output: name=" + p.name() + ".");
        }
        if (p.outputKeys().size() > MAX_OUTPUTS) {
            throw invalid("Playlists:OutputKeys can name at most " + MAX_OUTPUTS + " outputs: name=" + p.name() + ".");
        }
        boolean hls = p.format().startsWith("HLS");
        if (p.hlsContentProtection() != null && !hls) {
            throw invalid("Playlists:HlsContentProtection is valid only for HLSv3 and HLSv4 playlists: name=" + p.name() + ".");
        }
        EncryptionRules.checkHlsKey(p.hlsContentProtection());
        String container = hls ? "ts" : "fmp4";
        for (String key : p.outputKeys()) {
            CreateJobOutput o = outputs.get(key);
            if (o == null) {
                throw invalid("Playlists:OutputKeys " + key + " is not the key of an output of this job: name=" + p.name() + ".");
            }
            if (o.segmentDuration() == null) {
                throw invalid("The output " + key + " in playlist " + p.name() + " must have a SegmentDuration.");
            }
            String actual = presets.get(o.presetId()).container();
            if (!actual.equals(container)) {
                throw invalid("The output " + key + " uses a preset with Container " + actual + "; " + p.format()
                        + " playlists need Container " + container + ": name=" + p.name() + ".");
            }
        }
    }

    private static TranscoderException invalid(String message) {
        return TranscoderException.validation(message);
    }
}
