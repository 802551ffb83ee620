package io.haneul.rekognition.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads a video's metadata with ffprobe's JSON output. A file ffprobe cannot read, or one without a
 * video stream, or one it cannot read within {@link Processes#BASE_LIMIT}, has no metadata (the job fails as
 * AWS's does: "Unsupported codec/format.").
 */
public final class MediaProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path ffprobe;
    private final Duration limit;

    public MediaProbe(Path ffprobe) {
        this(ffprobe, Processes.BASE_LIMIT);
    }

    /** @param limit how long ffprobe may take; a file it cannot read in that time has no metadata */
    MediaProbe(Path ffprobe, Duration limit) {
        this.ffprobe = ffprobe;
        this.limit = limit;
    }

    public Optional<VideoInfo> probe(Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile("haneul-probe", ".json");
        try {
            int rc;
            try {
                rc = Processes.run(Processes.command(List.of(ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format",
                        "-show_streams"), Processes.input(file), List.of()), out, limit);
            } catch (Processes.TimedOut stalled) {
                return Optional.empty();
            }
            if (rc != 0) {
                return Optional.empty();
            }
            return parse(JSON.readTree(out.toFile()));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Optional<VideoInfo> parse(JsonNode doc) {
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode s : doc.path("streams")) {
            if (video == null && "video".equals(s.path("codec_type").asText())) {
                video = s;
            } else if (audio == null && "audio".equals(s.path("codec_type").asText())) {
                audio = s;
            }
        }
        if (video == null) {
            return Optional.empty();
        }
        JsonNode format = doc.path("format");
        double seconds = format.path("duration").asDouble(video.path("duration").asDouble(0));
        float rate = rate(video.path("avg_frame_rate").asText());
        if (rate <= 0) {
            rate = rate(video.path("r_frame_rate").asText());
        }
        VideoInfo.Audio a = audio == null ? null : new VideoInfo.Audio(audio.path("codec_name").asText(),
                Math.round(audio.path("duration").asDouble(seconds) * 1000), audio.path("sample_rate").asLong(0), audio.path("channels").asLong(0));
        return Optional.of(new VideoInfo(video.path("codec_name").asText(), format.path("format_long_name").asText(),
                format.path("format_name").asText(), Math.round(seconds * 1000), rate, video.path("width").asInt(0),
                video.path("height").asInt(0), "pc".equals(video.path("color_range").asText()) ? "FULL" : "LIMITED", a));
    }

    /** "30000/1001" → 29.97. */
    static float rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double n = Double.parseDouble(parts[0]);
            double d = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return d == 0 ? 0 : (float) (n / d);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
