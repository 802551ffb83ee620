package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeException;
import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import software.amazon.awssdk.services.elastictranscoder.model.Artwork;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.JobWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.elastictranscoder.model.PresetWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.Thumbnails;
import software.amazon.awssdk.services.elastictranscoder.model.VideoParameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * One output's ffmpeg command: the job's inputs (clipped by TimeSpan, stitched with concat), the
 * preset's picture geometry, frame rate, watermarks, album art and embedded captions, the encoders,
 * a thumbnail stream beside the main one, and the muxer for the output's layout (one file, HLS
 * segments, DASH segments or a Smooth fragmented file).
 */
final class OutputCommand {

    private final List<String> args = new ArrayList<>();
    private final List<TranscodeResult.Warning> warnings = new ArrayList<>();
    private boolean heAacEncoder;
    private final List<String> graph = new ArrayList<>();
    private final List<String> maps = new ArrayList<>();
    private int inputs;

    /**
     * What the command will write, for collecting the files afterwards.
     *
     * @param warnings  what the output will not honour of its preset (the job's WARNING)
     * @param frameRate the output's video frame rate (the preset's, else the first input's; 0 without video)
     */
    record Plan(List<String> args, String mediaKey, Geometry geometry, String thumbnailKeyPattern,
                String thumbnailExtension, boolean video, List<TranscodeResult.Warning> warnings, double frameRate) {

        /**
         * How the run's progress is read: by the output's own frames when thumbnails share the run (ffmpeg's
         * out_time_us would follow the thumbnail stream), else by out_time_us.
         */
        ProgressReader progress(LongConsumer micros) {
            return thumbnailKeyPattern != null ? ProgressReader.byFrames(frameRate, micros) : ProgressReader.byOutTime(micros);
        }
    }

    /** The probe of a stitched input with its clip's length, in input order. */
    record Source(TranscodeJob.Input input, Ffprobe.Probed probed, double seconds) {
    }

    static Plan build(TranscodeJob job, CreateJobOutput output, Preset preset, List<Source> sources,
                      OutputLayout layout, Path outDir, Path keyInfo, Function<Path, Ffprobe.Probed> probeImage) {
        return build(job, output, preset, sources, layout, outDir, keyInfo, probeImage, false);
    }

    /** @param heAacEncoder whether the FFmpeg at hand has an HE-AAC encoder (libfdk_aac) */
    static Plan build(TranscodeJob job, CreateJobOutput output, Preset preset, List<Source> sources,
                      OutputLayout layout, Path outDir, Path keyInfo, Function<Path, Ffprobe.Probed> probeImage,
                      boolean heAacEncoder) {
        OutputCommand command = new OutputCommand().withFiles(job.files());
        command.heAacEncoder = heAacEncoder;
        return command.plan(job, output, preset, sources, layout, outDir, keyInfo, probeImage);
    }

    private Plan plan(TranscodeJob job, CreateJobOutput output, Preset preset, List<Source> sources,
                      OutputLayout layout, Path outDir, Path keyInfo, Function<Path, Ffprobe.Probed> probeImage) {
        VideoParameters video = preset.video();
        boolean wantsVideo = video != null;
        boolean wantsAudio = !AudioArgs.none(preset.audio());
        boolean stitched = sources.size() > 1;
        boolean inputsHaveVideo = sources.getFirst().probed().hasVideo();
        boolean inputsHaveAudio = sources.getFirst().probed().hasAudio();
        for (int i = 1; i < sources.size(); i++) {
            if (sources.get(i).probed().hasVideo() != inputsHaveVideo) {
                throw new TranscodeException("4025", "At least one media file (input #" + (i + 1)
                        + ") doesn't match the others. All media files must have either video or no video.");
            }
            if (sources.get(i).probed().hasAudio() != inputsHaveAudio) {
                throw new TranscodeException("4026", "At least one media file (input #" + (i + 1)
                        + ") doesn't match the others. All media files must have either audio or no audio.");
            }
        }
        boolean hasVideo = wantsVideo && inputsHaveVideo;
        boolean hasAudio = wantsAudio && inputsHaveAudio;
        if (!hasVideo && !hasAudio) {
            throw new TranscodeException("4008", "The preset's " + (wantsVideo ? "video" : "audio")
                    + " settings do not match the input file, which has no " + (wantsVideo ? "video" : "audio") + ".");
        }
        if (wantsAudio && !inputsHaveAudio) {
            warnings.add(new TranscodeResult.Warning("4008", "The preset includes audio settings, but the input file"
                    + " lacks audio: the output has no audio."));
        }
        if (wantsVideo && !inputsHaveVideo) {
            warnings.add(new TranscodeResult.Warning("4008", "The preset includes video settings, but the input file"
                    + " lacks video: the output has no video."));
        }
        String rotate = output.rotate() == null ? "auto" : output.rotate();
        boolean explicitRotate = !"auto".equals(rotate);

        for (Source s : sources) {
            if (explicitRotate) {
                args.add("-noautorotate");
            }
            if (s.input().settings().timeSpan() != null) {
                var span = s.input().settings().timeSpan();
                if (span.startTime() != null) {
                    args.addAll(List.of("-ss", Times.ffmpeg(Times.seconds(span.startTime()))));
                }
                if (span.duration() != null) {
                    args.addAll(List.of("-t", Times.ffmpeg(Times.seconds(span.duration()))));
                }
            }
            String inputRate = s.input().settings().frameRate();
            if (inputRate != null && !inputRate.isBlank() && !"auto".equals(inputRate)) {
                // an input declared at a rate is read at that rate, whatever its container says
                args.addAll(List.of("-r", FrameRates.rational(inputRate)));
            }
            addInput(s.input().file());
        }

        Geometry geometry = null;
        String videoLabel = null;
        double frameRate = 0;
        if (hasVideo) {
            String fps = VideoArgs.frameRate(video, sources.getFirst().probed().fps());
            frameRate = fps != null ? Ffprobe.rate(fps) : sources.getFirst().probed().fps();
            for (int i = 0; i < sources.size(); i++) {
                Ffprobe.Probed p = sources.get(i).probed();
                int degrees = explicitRotate ? Integer.parseInt(rotate) : p.info().rotation();
                boolean swap = degrees == 90 || degrees == 270;
                int w = swap ? p.info().height() : p.info().width();
                int h = swap ? p.info().width() : p.info().height();
                Geometry g = Geometry.of(w, h, video.maxWidth(), video.maxHeight(), video.sizingPolicy(), video.paddingPolicy());
                if (geometry != null && (g.frameWidth() != geometry.frameWidth() || g.frameHeight() != geometry.frameHeight())) {
                    throw new TranscodeException("4023", "The " + sources.size() + " input files specified for concatenation"
                            + " will not create an output with a consistent resolution with the specified preset. Use a preset"
                            + " with different PaddingPolicy, SizingPolicy, MaxWidth, and MaxHeight settings.");
                }
                geometry = g;
                List<String> f = new ArrayList<>();
                if (explicitRotate) {
                    switch (degrees) {
                        case 90 -> f.add("transpose=1");
                        case 180 -> f.addAll(List.of("hflip", "vflip"));
                        case 270 -> f.add("transpose=2");
                        default -> { }
                    }
                }
                if (deinterlace(sources.get(i), video)) {
                    f.add("yadif");
                }
                f.addAll(g.filters());
                if (fps != null) {
                    f.add("fps=" + fps);
                }
                f.add("setsar=1");
                if (!"gif".equals(video.codec())) {
                    f.add("format=" + VideoArgs.pixelFormat(video));
                }
                graph.add("[" + i + ":v:0]" + String.join(",", f) + "[v" + i + "]");
            }
            videoLabel = "v0";
        }
        String audioLabel = hasAudio ? "0:a:0" : null;
        if (stitched) {
            StringBuilder concat = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                if (hasVideo) {
                    concat.append("[v").append(i).append("]");
                }
                if (hasAudio) {
                    graph.add("[" + i + ":a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[a" + i + "]");
                    concat.append("[a").append(i).append("]");
                }
            }
            concat.append("concat=n=").append(sources.size()).append(":v=").append(hasVideo ? 1 : 0)
                    .append(":a=").append(hasAudio ? 1 : 0);
            if (hasVideo) {
                concat.append("[vc]");
                videoLabel = "vc";
            }
            if (hasAudio) {
                concat.append("[ac]");
                audioLabel = "[ac]";
            }
            graph.add(concat.toString());
        }

        String thumbPattern = null;
        String thumbExt = null;
        if (hasVideo) {
            List<String> post = new ArrayList<>(VideoArgs.filters(video));
            if (video.displayAspectRatio() != null && !"auto".equals(video.displayAspectRatio())) {
                post.add("setdar=" + video.displayAspectRatio().replace(':', '/'));
            }
            if (!post.isEmpty()) {
                graph.add("[" + videoLabel + "]" + String.join(",", post) + "[vp]");
                videoLabel = "vp";
            }
            videoLabel = watermarks(job, output, video, geometry, videoLabel, probeImage);
            Thumbnails thumbs = preset.thumbnails();
            if (thumbs != null && output.thumbnailPattern() != null && !output.thumbnailPattern().isBlank()) {
                Geometry tg = Geometry.of(geometry.frameWidth(), geometry.frameHeight(), thumbs.maxWidth(),
                        thumbs.maxHeight(), thumbs.sizingPolicy(), thumbs.paddingPolicy());
                String interval = thumbs.interval() == null ? "60" : thumbs.interval();
                graph.add("[" + videoLabel + "]split[vm][vt]");
                // select, not fps: fps=1/60 emits nothing for a clip shorter than the interval
                graph.add("[vt]select=isnan(prev_selected_t)+gte(t-prev_selected_t\\," + interval + "),"
                        + String.join(",", tg.filters()) + ",setsar=1[th]");
                videoLabel = "vm";
                thumbExt = "jpg".equals(thumbs.format()) ? "jpg" : "png";
                thumbPattern = output.thumbnailPattern().replace("{resolution}", tg.resolution()) + "." + thumbExt;
            }
            if ("gif".equals(video.codec())) {
                graph.add("[" + videoLabel + "]split[g1][g2];[g1]palettegen[gp];[g2][gp]paletteuse[vg]");
                videoLabel = "vg";
            }
            maps.addAll(List.of("-map", "[" + videoLabel + "]"));
        }
        boolean perTrack = hasAudio && AudioArgs.oneChannelPerTrack(preset.audio());
        if (perTrack) {
            packOneChannelPerTrack(preset.audio(), audioLabel, sources.getFirst().probed().audioChannels());
        } else if (hasAudio) {
            maps.addAll(List.of("-map", audioLabel));
        }

        List<String> codecs = new ArrayList<>();
        if (hasVideo) {
            codecs.addAll(VideoArgs.encoder(video));
        }
        if (hasAudio) {
            codecs.addAll(AudioArgs.of(preset.audio(), !perTrack, heAacEncoder));
            String heAac = AudioArgs.heAacProfile(preset.audio());
            if (heAac != null && !heAacEncoder) {
                warnings.add(new TranscodeResult.Warning("1000", "The preset's audio profile " + heAac + " needs an HE-AAC"
                        + " encoder (libfdk_aac), which this FFmpeg lacks: the audio is AAC-LC at the preset's bit rate."));
            }
        }
        if (!hasVideo) {
            codecs.addAll(albumArt(output, sources.getFirst()));
        }
        codecs.addAll(embeddedCaptions(job, output, preset, sources.getFirst()));

        String key = output.key();
        if (!graph.isEmpty()) {
            args.addAll(List.of("-filter_complex", String.join(";", graph)));
        }
        args.addAll(maps);
        args.addAll(codecs);
        args.addAll(List.of("-map_metadata", "-1"));
        String mediaKey = key;
        if (layout != OutputLayout.FILE && hasVideo) {
            // segments start at keyframes: one at every segment boundary, as Elastic Transcoder cut them
            args.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + output.segmentDuration() + ")"));
        }
        switch (layout) {
            case FILE -> {
                args.addAll(Containers.muxer(preset.container()));
                args.add(local(outDir, key));
            }
            case HLS_V3, HLS_V4 -> {
                args.addAll(List.of("-f", "hls", "-hls_time", output.segmentDuration(), "-hls_playlist_type", "vod",
                        "-hls_list_size", "0"));
                if (keyInfo != null) {
                    args.addAll(List.of("-hls_key_info_file", keyInfo.toString()));
                }
                if (layout == OutputLayout.HLS_V4) {
                    mediaKey = key + "_v4.m3u8";
                    args.addAll(List.of("-hls_flags", "single_file", "-hls_segment_filename", local(outDir, key + ".ts")));
                } else {
                    mediaKey = key + ".m3u8";
                    args.addAll(List.of("-hls_segment_filename", local(outDir, key).replace("%", "%%") + "%05d.ts"));
                }
                args.add(local(outDir, mediaKey));
            }
            case DASH -> {
                String base = Path.of(key).getFileName().toString();
                mediaKey = key + ".mpd";
                args.addAll(List.of("-f", "dash", "-seg_duration", output.segmentDuration(), "-use_template", "1",
                        "-use_timeline", "1", "-init_seg_name", base + "-init-$RepresentationID$.mp4",
                        "-media_seg_name", base + "-$RepresentationID$-$Number%05d$.m4s"));
                args.add(local(outDir, mediaKey));
            }
            case SMOOTH -> {
                mediaKey = key + (hasVideo ? ".ismv" : ".isma");
                args.addAll(List.of("-f", "ismv", "-frag_duration", (long) (Double.parseDouble(output.segmentDuration()) * 1_000_000) + ""));
                args.add(local(outDir, mediaKey));
            }
        }
        if (thumbPattern != null) {
            args.addAll(List.of("-map", "[th]", "-c:v", "jpg".equals(thumbExt) ? "mjpeg" : "png", "-fps_mode", "passthrough",
                    "-f", "image2",
                    "-start_number", "1", local(outDir, thumbPattern.replace("%", "%%").replace("{count}", "%05d"))));
        }
        return new Plan(List.copyOf(args), mediaKey, geometry, thumbPattern, thumbExt, hasVideo, List.copyOf(warnings), frameRate);
    }

    /**
     * An interlaced input (Input.Interlaced {@code true}, or {@code auto} and ffprobe's field order says so)
     * is deinterlaced unless the preset itself asks for an interlaced output.
     */
    private static boolean deinterlace(Source source, VideoParameters video) {
        String declared = source.input().settings().interlaced();
        boolean interlacedIn = "true".equals(declared)
                || ((declared == null || "auto".equals(declared)) && source.probed().interlaced());
        String mode = VideoArgs.option(video, "InterlacedMode");
        return interlacedIn && (mode == null || "Progressive".equals(mode));
    }

    /**
     * AudioPackingMode OneChannelPerTrack: each channel its own mono track; WithMosTo8Tracks pads to eight
     * tracks with silent ones ("MOS"), as broadcast MXF and MOV expect.
     */
    private void packOneChannelPerTrack(software.amazon.awssdk.services.elastictranscoder.model.AudioParameters audio,
                                        String source, int inputChannels) {
        int channels = Math.max(1, inputChannels);
        if (audio.channels() != null && audio.channels().matches("[1-9]\\d*")) {
            channels = Integer.parseInt(audio.channels()); // a mono input is up-mixed first, as Channels asks
        }
        int tracks = audio.audioPackingMode().endsWith("WithMosTo8Tracks") ? Math.max(8, channels) : channels;
        String from = source.startsWith("[") ? source : "[" + source + "]";
        String layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + "c";
        StringBuilder split = new StringBuilder(from).append("aformat=channel_layouts=").append(layout)
                .append(",asplit=").append(tracks);
        for (int k = 0; k < tracks; k++) {
            split.append("[t").append(k).append(']');
        }
        graph.add(split.toString());
        for (int k = 0; k < tracks; k++) {
            graph.add("[t" + k + "]pan=mono|c0=" + (k < channels ? "c" + k : "0*c0") + "[m" + k + "]");
            maps.addAll(List.of("-map", "[m" + k + "]"));
        }
    }

    private String watermarks(TranscodeJob job, CreateJobOutput output, VideoParameters video, Geometry g,
                              String label, Function<Path, Ffprobe.Probed> probeImage) {
        if (output.watermarks() == null || output.watermarks().isEmpty()) {
            return label;
        }
        String current = label;
        int n = 0;
        for (JobWatermark jw : output.watermarks()) {
            PresetWatermark pw = video.watermarks() == null ? null : video.watermarks().stream()
                    .filter(w -> w.id().equals(jw.presetWatermarkId())).findFirst().orElse(null);
            if (pw == null) {
                throw new TranscodeException("1000", "The preset has no watermark with Id " + jw.presetWatermarkId());
            }
            Path image = job.files().get(jw.inputKey());
            if (image == null) {
                throw new TranscodeException("3001", "The watermark file " + jw.inputKey() + " does not exist.");
            }
            Ffprobe.Probed probed;
            try {
                probed = probeImage.apply(image);
            } catch (TranscodeException e) {
                throw new TranscodeException("4003", "Elastic Transcoder couldn't interpret the watermark file "
                        + jw.inputKey() + ".");
            }
            if (!probed.hasVideo()) {
                throw new TranscodeException("4003", "Elastic Transcoder couldn't interpret the watermark file "
                        + jw.inputKey() + ".");
            }
            WatermarkPlacement place = WatermarkPlacement.of(pw, probed.info().width(), probed.info().height(), g);
            int index = addInput(image);
            graph.add("[" + index + ":v:0]" + place.imageFilter() + "[wm" + n + "]");
            graph.add("[" + current + "][wm" + n + "]" + place.overlay() + "[wo" + n + "]");
            current = "wo" + n;
            n++;
        }
        return current;
    }

    /** Artwork as attached pictures of an audio output, merged with the input's own cover per MergePolicy. */
    private List<String> albumArt(CreateJobOutput output, Source first) {
        List<String> codecs = new ArrayList<>();
        boolean inputArt = first.probed().hasCoverArt() && !first.probed().hasVideo();
        String policy = output.albumArt() == null || output.albumArt().mergePolicy() == null
                ? "Fallback" : output.albumArt().mergePolicy();
        List<Artwork> artworks = output.albumArt() == null || output.albumArt().artwork() == null
                ? List.of() : output.albumArt().artwork();
        List<String> pictures = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        boolean keepInput = inputArt && !"Replace".equals(policy);
        boolean useNew = !"Fallback".equals(policy) || !inputArt;
        if (keepInput && "Append".equals(policy)) {
            pictures.add("0:v:0");
            formats.add("copy");
        }
        if (useNew) {
            int n = 0;
            for (Artwork art : artworks) {
                Path file = artFile(art);
                int index = addInput(file);
                Geometry g = Geometry.of(600, 600, orAuto(art.maxWidth(), "600"), orAuto(art.maxHeight(), "600"),
                        art.sizingPolicy() == null ? "Fit" : art.sizingPolicy(), art.paddingPolicy());
                graph.add("[" + index + ":v:0]scale=" + g.contentWidth() + ":" + g.contentHeight()
                        + ":force_original_aspect_ratio=decrease[art" + n + "]");
                pictures.add("[art" + n + "]");
                formats.add("png".equals(art.albumArtFormat()) ? "png" : "mjpeg");
                n++;
            }
        }
        if (keepInput && !"Append".equals(policy)) {
            pictures.add("0:v:0");
            formats.add("copy");
        }
        for (int i = 0; i < pictures.size(); i++) {
            maps.addAll(List.of("-map", pictures.get(i)));
            codecs.addAll(List.of("-c:v:" + i, formats.get(i), "-disposition:v:" + i, "attached_pic"));
        }
        return codecs;
    }

    private Map<String, Path> files = Map.of();

    private Path artFile(Artwork art) {
        Path file = files.get(art.inputKey());
        if (file == null) {
            throw new TranscodeException("4010", "Elastic Transcoder could not interpret the graphic file you specified"
                    + " for AlbumArt:Artwork:InputKey " + art.inputKey() + ".");
        }
        return file;
    }

    private static String orAuto(String v, String auto) {
        return v == null || "auto".equals(v) ? auto : v;
    }

    /** mov-text tracks in MP4 outputs from the caption sources (and the input's own tracks unless Override). */
    private List<String> embeddedCaptions(TranscodeJob job, CreateJobOutput output, Preset preset, Source first) {
        List<String> codecs = new ArrayList<>();
        if (output.captions() == null || output.captions().captionFormats() == null) {
            return codecs;
        }
        boolean movText = output.captions().captionFormats().stream().anyMatch(f -> "mov-text".equals(f.format()));
        if (!movText) {
            return codecs;
        }
        if (!preset.container().equals("mp4")) {
            throw new TranscodeException("1000", "mov-text captions can be embedded only in mp4 outputs.");
        }
        List<CaptionFiles.Source> sources = CaptionFiles.sources(job, output);
        String policy = CaptionFiles.mergePolicy(job, output);
        int track = 0;
        if (!"Override".equals(policy) && first.probed().subtitleStreams() > 0) {
            for (int s = 0; s < first.probed().subtitleStreams(); s++) {
                maps.addAll(List.of("-map", "0:s:" + s));
                codecs.addAll(List.of("-c:s:" + track, "mov_text"));
                track++;
            }
        }
        for (CaptionFiles.Source source : sources) {
            if (source.offsetSeconds() != 0) {
                args.addAll(List.of("-itsoffset", Times.ffmpeg(source.offsetSeconds())));
            }
            int index = addInput(source.file());
            maps.addAll(List.of("-map", index + ":s:0"));
            codecs.addAll(List.of("-c:s:" + track, "mov_text", "-metadata:s:s:" + track, "language=" + CaptionFiles.iso639_2(source.language())));
            track++;
        }
        return codecs;
    }

    private int addInput(Path file) {
        args.addAll(List.of("-i", file.toString()));
        return inputs++;
    }

    OutputCommand withFiles(Map<String, Path> files) {
        this.files = files;
        return this;
    }

    static String local(Path outDir, String key) {
        return Keys.file(outDir, key).toString();
    }
}
