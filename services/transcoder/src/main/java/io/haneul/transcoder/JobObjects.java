package io.haneul.transcoder;

import software.amazon.awssdk.services.elastictranscoder.model.Artwork;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionSource;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.JobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.JobWatermark;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The objects of the input bucket a job names besides its inputs: watermark images, album art and
 * caption sources, which the runner downloads for the engine.
 */
final class JobObjects {

    private JobObjects() {
    }

    static Set<String> referenced(Job job) {
        Set<String> keys = new LinkedHashSet<>();
        for (JobOutput o : job.outputs()) {
            if (o.hasWatermarks()) {
                o.watermarks().stream().map(JobWatermark::inputKey).forEach(keys::add);
            }
            if (o.albumArt() != null && o.albumArt().hasArtwork()) {
                o.albumArt().artwork().stream().map(Artwork::inputKey).forEach(keys::add);
            }
        }
        for (JobInput in : job.inputs()) {
            if (in.inputCaptions() != null && in.inputCaptions().hasCaptionSources()) {
                in.inputCaptions().captionSources().stream().map(CaptionSource::key).forEach(keys::add);
            }
        }
        keys.remove(null);
        return keys;
    }
}
