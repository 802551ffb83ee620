package io.haneul.transcoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.TranscodeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads media files with ffprobe's JSON output: what a job's input is (DetectedProperties, the
 * geometry sizing starts from, whether it has audio, video or cover art) and what an output measures.
 */
final class Ffprobe {

    private final ObjectMapper json = new ObjectMapper();
    private final Path ffprobe;

    Ffprobe(Path ffprobe) {
        this.ffprobe = ffprobe;
    }

    /** One file as ffprobe sees it. */
    record Probed(MediaInfo info, boolean hasVideo, boolean hasAudio, boolean hasCoverArt, int subtitleStreams,
                  double fps, int audioChannels, boolean interlaced) {
    }

    /** @throws TranscodeException {@code 4000} when ffprobe cannot read the file as media */
    Probed probe(Path file) {
        return probe(file, List.of());
    }

    /** @param inputOptions options before the file (an HLS manifest needs its segments' extensions and AES allowed) */
    Probed probe(Path file, List<String> inputOptions) {
        List<String> what = new ArrayList<>(List.of("-show_format", "-show_streams"));
        what.addAll(inputOptions);
        return probed(run(file, what.toArray(String[]::new)), file);
    }

    /** A Smooth fragmented file's measures and its tracks as the manifests describe them. */
    record Smooth(Probed probed, SmoothTracks tracks) {
    }

    /** {@link #probe(Path)} and the {@link SmoothTracks} of a fragmented file, from one ffprobe run. */
    Smooth probeSmooth(Path file) {
        JsonNode root = run(file, "-show_format", "-show_streams", "-show_data");
        return new Smooth(probed(root, file), smoothTracks(root, file));
    }

    private Probed probed(JsonNode root, Path file) {
        JsonNode streams = root.path("streams");
        if (!root.has("format") || streams.isEmpty()) {
            throw new TranscodeException("4000", "The input file is in a format that is currently not supported: "
                    + file.getFileName());
        }
        JsonNode video = null;
        JsonNode audio = null;
        boolean cover = false;
        int subtitles = 0;
        for (JsonNode s : streams) {
            String type = s.path("codec_type").asText();
            boolean attached = s.path("disposition").path("attached_pic").asInt() == 1;
            if ("video".equals(type) && attached) {
                cover = true;
            } else if ("video".equals(type) && video == null) {
                video = s;
            } else if ("audio".equals(type) && audio == null) {
                audio = s;
            } else if ("subtitle".equals(type)) {
                subtitles++;
            }
        }
        JsonNode format = root.path("format");
        double seconds = format.path("duration").asDouble(0);
        if (seconds == 0 && video != null) {
            seconds = video.path("duration").asDouble(0);
        }
        double fps = video == null ? 0 : rate(video.path("avg_frame_rate").asText());
        if (video != null && fps == 0) {
            fps = rate(video.path("r_frame_rate").asText());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MediaInfo info = new MediaInfo(Math.round(seconds * 1000),
                video == null ? null : video.path("width").asInt(),
                video == null ? null : video.path("height").asInt(),
                video == null || fps == 0 ? null : FrameRates.format(fps),
                size, container(format.path("format_name").asText(), file),
                video == null ? null : video.path("codec_name").asText(),
                audio == null ? null : audio.path("codec_name").asText(),
                video == null ? 0 : rotation(video));
        String fieldOrder = video == null ? "" : video.path("field_order").asText("");
        return new Probed(info, video != null, audio != null, cover, subtitles, fps,
                audio == null ? 0 : audio.path("channels").asInt(),
                fieldOrder.equals("tt") || fieldOrder.equals("bb") || fieldOrder.equals("tb") || fieldOrder.equals("bt"));
    }

    /**
     * What Smooth's manifests say of a fragmented file's first video and audio tracks: the codecs' private data
     * (see {@link CodecPrivateData}), the audio's sampling rate, channels and bit rate, each track's id, where its
     * fragments start (Smooth's chunks, in 100 ns units, from the file's fragment index) and where the track ends
     * (100 ns units); a track the file lacks has null data, id 0, no chunks and end 0, and a track the index does
     * not list has no chunks.
     */
    record SmoothTracks(String videoPrivateData, String audioPrivateData, int sampleRate, int channels, long audioBitRate,
                        int videoTrackId, int audioTrackId, List<Long> videoChunks, List<Long> audioChunks,
                        long videoEnd, long audioEnd) {

        /**
         * The audio's bit rate as the encoder was told it (Smooth names a level by its nominal rate, as IIS does),
         * when the preset sets one; else the stream's measured rate stays.
         */
        SmoothTracks withNominalAudioBitRate(long nominal) {
            return nominal <= 0 ? this : new SmoothTracks(videoPrivateData, audioPrivateData, sampleRate, channels, nominal,
                    videoTrackId, audioTrackId, videoChunks, audioChunks, videoEnd, audioEnd);
        }
    }

    /** A fragmented file's first video and audio streams (ffprobe's, with their data) as Smooth's manifests describe them. */
    private static SmoothTracks smoothTracks(JsonNode root, Path file) {
        Map<Integer, List<Long>> fragments = FragmentIndex.read(file);
        double fileSeconds = root.path("format").path("duration").asDouble(0);
        String video = null;
        String audio = null;
        int sampleRate = 0;
        int channels = 0;
        long bitRate = 0;
        int videoId = 0;
        int audioId = 0;
        List<Long> videoChunks = List.of();
        List<Long> audioChunks = List.of();
        long videoEnd = 0;
        long audioEnd = 0;
        for (JsonNode s : root.path("streams")) {
            byte[] data = CodecPrivateData.fromHexDump(s.path("extradata").asText(""));
            int id = trackId(s.path("id").asText(""));
            if ("video".equals(s.path("codec_type").asText()) && video == null) {
                video = CodecPrivateData.h264(data);
                videoId = id;
                videoChunks = ticks(fragments.getOrDefault(id, List.of()), s.path("time_base").asText());
                videoEnd = end(s, fileSeconds);
            } else if ("audio".equals(s.path("codec_type").asText()) && audio == null) {
                audio = CodecPrivateData.aac(data);
                sampleRate = s.path("sample_rate").asInt();
                channels = s.path("channels").asInt();
                bitRate = s.path("bit_rate").asLong(0);
                audioId = id;
                audioChunks = ticks(fragments.getOrDefault(id, List.of()), s.path("time_base").asText());
                audioEnd = end(s, fileSeconds);
            }
        }
        return new SmoothTracks(video, audio, sampleRate, channels, bitRate, videoId, audioId, videoChunks, audioChunks,
                videoEnd, audioEnd);
    }

    /** Where a stream ends in 100 ns units: its own duration, or the file's when ffprobe gives the stream none. */
    private static long end(JsonNode stream, double fileSeconds) {
        double seconds = stream.path("duration").asDouble(0);
        return Math.round((seconds > 0 ? seconds : fileSeconds) * 10_000_000);
    }

    /** ffprobe's MP4 track id ({@code 0x1}); 0 when it has none. */
    private static int trackId(String id) {
        try {
            return id.isEmpty() ? 0 : Integer.decode(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Times in a stream's time base ({@code 1/10000000}) as 100 ns units, Smooth's TimeScale; none when the time
     * base is not a rational ffprobe could tell ({@code N/A}), as {@link #rate} gives 0.
     */
    static List<Long> ticks(List<Long> times, String timeBase) {
        String[] parts = timeBase.split("/");
        if (parts.length != 2) {
            return List.of();
        }
        double perUnit = 10_000_000.0 * rate(timeBase);
        return perUnit <= 0 ? List.of() : times.stream().map(t -> Math.round(t * perUnit)).toList();
    }

    private JsonNode run(Path file, String... what) {
        List<String> cmd = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error", "-print_format", "json"));
        cmd.addAll(List.of(what));
        cmd.add(file.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode root;
            try {
                byte[] out = p.getInputStream().readAllBytes();
                root = out.length == 0 ? json.createObjectNode() : json.readTree(out);
            } finally {
                if (p.waitFor() != 0) {
                    root = null;
                }
            }
            if (root == null) {
                throw new TranscodeException("4000", "The input file is in a format that is currently not supported: "
                        + file.getFileName());
            }
            return root;
        } catch (IOException e) {
            throw new TranscodeException("4000", "ffprobe could not read " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TranscodeException.cancelled();
        }
    }

    /** ffprobe's rational {@code 30000/1001} as a number. */
    static double rate(String rational) {
        String[] parts = rational.split("/");
        try {
            double n = Double.parseDouble(parts[0]);
            double d = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return d == 0 ? 0 : n / d;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Clockwise degrees a player turns the picture: ffprobe's display matrix says counter-clockwise. */
    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return Math.floorMod(-side.path("rotation").asInt(), 360);
            }
        }
        return Math.floorMod(video.path("tags").path("rotate").asInt(0), 360);
    }

    /** Elastic Transcoder's container names for what FFmpeg detected ({@code mov,mp4,...} is mp4). */
    static String container(String formatName, Path file) {
        String name = file.getFileName().toString().toLowerCase();
        if (formatName.startsWith("mov,mp4")) {
            return name.endsWith(".mov") ? "mov" : "mp4";
        }
        if (formatName.startsWith("matroska")) {
            return name.endsWith(".mkv") ? "mkv" : "webm";
        }
        return switch (formatName) {
            case "mpegts" -> "ts";
            case "mpeg" -> "mpg";
            default -> formatName.split(",")[0];
        };
    }
}
