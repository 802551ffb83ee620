package io.haneul.transcoder.ffmpeg;

import io.haneul.core.spi.MediaTools;
import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeEngine;
import io.haneul.transcoder.engine.TranscodeException;
import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Elastic Transcoder's transcoding with FFmpeg as a child process: one ffmpeg run per output (with
 * its thumbnails as a second stream of the same run), sidecar captions, then the master playlists.
 * Inputs are read with ffprobe; outputs are measured in-process by libavformat ({@link LibavProbe}).
 * Progress is how far ffmpeg has written the output (see {@link ProgressReader}) over the job's stitched
 * duration, spread evenly over the outputs; the listener is called from the thread that reads ffmpeg's
 * progress pipe, not the caller's.
 */
public final class FfmpegEngine implements TranscodeEngine {

    private final MediaTools tools;
    private final SecureRandom random = new SecureRandom();
    private volatile Boolean heAacEncoder;
    /** Measures outputs in-process; null once the JVM could not link FFmpeg's libraries (ffprobe then does). */
    private volatile LibavProbe libav;
    private volatile boolean libavUnlinked;

    public FfmpegEngine(MediaTools tools) {
        this.tools = tools;
    }

    @Override
    public MediaInfo probe(Path file) {
        return new Ffprobe(tools.ffprobe()).probe(file).info();
    }

    @Override
    public TranscodeResult transcode(TranscodeJob job, Path workDir, ProgressListener progress) {
        if (Thread.currentThread().isInterrupted()) {
            throw TranscodeException.cancelled();
        }
        mkdirs(workDir);
        Ffprobe ffprobe = new Ffprobe(tools.ffprobe());
        List<OutputCommand.Source> sources = sources(job, ffprobe);
        double total = Math.max(0.001, sources.stream().mapToDouble(OutputCommand.Source::seconds).sum());
        Path outDir = workDir.resolve("out");
        Map<String, CreateJobPlaylist> playlistOf = new HashMap<>();
        for (CreateJobPlaylist p : job.playlists()) {
            if (p.outputKeys() != null) {
                p.outputKeys().forEach(k -> playlistOf.putIfAbsent(k, p));
            }
        }
        Map<String, HlsKey> keys = new HashMap<>();
        Map<String, TranscodeException> keyErrors = new HashMap<>();
        for (CreateJobPlaylist p : job.playlists()) {
            if (p.hlsContentProtection() != null) {
                try {
                    keys.put(p.name(), HlsKey.of(p.hlsContentProtection(), random));
                } catch (TranscodeException e) {
                    keyErrors.put(p.name(), e);
                }
            }
        }
        Progress overall = new Progress(progress, job.outputs().size(), total);
        List<TranscodeResult.OutputResult> results = new ArrayList<>();
        Map<String, Playlists.Variant> variants = new HashMap<>();
        for (int i = 0; i < job.outputs().size(); i++) {
            TranscodeJob.Output output = job.outputs().get(i);
            CreateJobPlaylist playlist = playlistOf.get(output.settings().key());
            int index = i;
            try {
                if (playlist != null && keyErrors.containsKey(playlist.name())) {
                    throw keyErrors.get(playlist.name());
                }
                HlsKey key = playlist == null ? null : keys.get(playlist.name());
                Produced produced = output(job, output, playlist, key, sources, ffprobe, workDir, outDir, i,
                        micros -> overall.at(index, micros));
                results.add(new TranscodeResult.OutputResult(produced.files(), produced.media(), null, null, produced.warnings()));
                if (produced.variant() != null) {
                    variants.put(output.settings().key(), produced.variant());
                }
            } catch (TranscodeException e) {
                if (e.isCancelled()) {
                    throw e;
                }
                results.add(new TranscodeResult.OutputResult(List.of(), null, e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw TranscodeException.cancelled();
                }
                results.add(new TranscodeResult.OutputResult(List.of(), null, "1000",
                        "Elastic Transcoder could not process the output's settings: " + e.getMessage()));
            }
            overall.done(i);
        }
        List<TranscodeResult.PlaylistResult> playlists = new ArrayList<>();
        for (CreateJobPlaylist p : job.playlists()) {
            playlists.add(playlist(p, variants, outDir));
        }
        // no 100 here: the job is complete only when the runner has written every file
        return new TranscodeResult(sources.getFirst().probed().info(), results, playlists);
    }

    /**
     * Whether this FFmpeg has libfdk_aac, the only encoder of the HE-AAC profiles (asked once: the bundled
     * build has not, a system FFmpeg built with {@code --enable-libfdk-aac} has).
     */
    private boolean heAacEncoder() {
        Boolean known = heAacEncoder;
        if (known == null) {
            known = FfmpegProcess.hasEncoder(tools.ffmpeg(), "libfdk_aac");
            heAacEncoder = known;
        }
        return known;
    }

    /** Every input probed, with its clip's length: a start past the end is AWS's 4014. */
    private static List<OutputCommand.Source> sources(TranscodeJob job, Ffprobe ffprobe) {
        if (job.inputs().isEmpty()) {
            throw new TranscodeException("1000", "The job has no input");
        }
        List<OutputCommand.Source> sources = new ArrayList<>();
        for (TranscodeJob.Input input : job.inputs()) {
            if (input.file() == null || !Files.isRegularFile(input.file())) {
                throw new TranscodeException("3001", "The input file " + input.settings().key() + " does not exist.");
            }
            Ffprobe.Probed probed = ffprobe.probe(input.file());
            if (!probed.hasAudio() && !probed.hasVideo()) {
                throw new TranscodeException("4000", "The file " + input.settings().key()
                        + " is in a format that is currently not supported by Elastic Transcoder.");
            }
            double length = probed.info().durationMillis() / 1000.0;
            double seconds = length;
            var span = input.settings().timeSpan();
            if (span != null) {
                double start = span.startTime() == null ? 0 : Times.seconds(span.startTime());
                if (start >= length) {
                    throw new TranscodeException("4014", "The value that you specified for starting time of a clip is"
                            + " after the end of the input file. Elastic Transcoder could not create an output file.");
                }
                seconds = length - start;
                if (span.duration() != null) {
                    seconds = Math.min(seconds, Times.seconds(span.duration()));
                }
            }
            sources.add(new OutputCommand.Source(input, probed, seconds));
        }
        return sources;
    }

    private record Produced(List<ProducedFile> files, MediaInfo media, Playlists.Variant variant,
                            List<TranscodeResult.Warning> warnings) {
    }

    private Produced output(TranscodeJob job, TranscodeJob.Output output, CreateJobPlaylist playlist, HlsKey key,
                            List<OutputCommand.Source> sources, Ffprobe ffprobe, Path workDir, Path outDir, int index,
                            java.util.function.LongConsumer progress) {
        CreateJobOutput settings = output.settings();
        OutputLayout layout = OutputLayout.of(playlist == null ? null : playlist.format(), output.preset().container(),
                settings.segmentDuration());
        List<ProducedFile> files = new ArrayList<>();
        Path keyInfo = null;
        Path keyFile = Keys.file(outDir, settings.key() + ".key");
        if (layout.hls() && key != null) {
            keyInfo = workDir.resolve("keyinfo-" + index + ".txt");
            String uri = key.licenseUrl() != null ? key.licenseUrl() : keyFile.getFileName().toString();
            write(keyFile, key.key());
            write(keyInfo, (uri + "\n" + keyFile + "\n" + (key.ivHex() == null ? "" : key.ivHex() + "\n")).getBytes());
            if (key.store()) {
                files.add(new ProducedFile(settings.key() + ".key", keyFile, "application/octet-stream", ProducedFile.Kind.KEY));
            }
        }
        // FFmpeg's encoders are listed only for a preset that needs to know (one run of ffmpeg saved per job)
        boolean heAac = AudioArgs.heAacProfile(output.preset().audio()) != null && heAacEncoder();
        OutputCommand.Plan plan = OutputCommand.build(job, settings, output.preset(), sources, layout, outDir, keyInfo,
                ffprobe::probe, heAac);
        mkdirs(outDir.resolve(plan.mediaKey()).getParent());
        if (plan.thumbnailKeyPattern() != null) {
            mkdirs(outDir.resolve(plan.thumbnailKeyPattern()).getParent());
        }
        FfmpegProcess.run(tools.ffmpeg(), plan.args(), workDir, plan.progress(progress), "4006");

        Path manifest = Keys.file(outDir, plan.mediaKey());
        MediaInfo media;
        Ffprobe.SmoothTracks tracks = null;
        String contentType = Containers.contentType(output.preset().container(), plan.video());
        switch (layout) {
            case FILE, SMOOTH -> {
                files.add(new ProducedFile(plan.mediaKey(), manifest, layout == OutputLayout.SMOOTH
                        ? (plan.video() ? "video/ismv" : "audio/isma") : contentType, ProducedFile.Kind.MEDIA));
                if (layout == OutputLayout.SMOOTH) {
                    Ffprobe.Smooth smooth = ffprobe.probeSmooth(manifest);
                    media = smooth.probed().info();
                    tracks = smooth.tracks().withNominalAudioBitRate(AudioArgs.bitsPerSecond(output.preset().audio()));
                } else {
                    media = measure(ffprobe, manifest, Map.of());
                }
            }
            case HLS_V3, HLS_V4 -> {
                files.add(new ProducedFile(plan.mediaKey(), manifest, "application/x-mpegURL", ProducedFile.Kind.PLAYLIST));
                long size = 0;
                for (Path segment : segments(manifest, layout == OutputLayout.HLS_V4
                        ? Pattern.quote(Path.of(settings.key()).getFileName() + ".ts")
                        : Pattern.quote(Path.of(settings.key()).getFileName().toString()) + "\\d{5}\\.ts")) {
                    files.add(new ProducedFile(key(outDir, segment), segment, "video/MP2T", ProducedFile.Kind.SEGMENT));
                    size += size(segment);
                }
                media = withSize(measureHls(ffprobe, manifest, keyFile, index), size);
            }
            case DASH -> {
                files.add(new ProducedFile(plan.mediaKey(), manifest, "application/dash+xml", ProducedFile.Kind.PLAYLIST));
                String base = Path.of(settings.key()).getFileName().toString();
                long size = 0;
                for (Path segment : segments(manifest, Pattern.quote(base) + "-.*\\.(mp4|m4s)")) {
                    files.add(new ProducedFile(key(outDir, segment), segment,
                            segment.toString().endsWith(".mp4") ? "video/mp4" : "video/iso.segment", ProducedFile.Kind.SEGMENT));
                    size += size(segment);
                }
                media = withSize(measureDash(ffprobe, manifest, base, workDir, index), size);
            }
            default -> throw new IllegalStateException(layout.name());
        }
        if (plan.thumbnailKeyPattern() != null) {
            for (int n = 1; ; n++) {
                String thumbKey = plan.thumbnailKeyPattern().replace("{count}", String.format("%05d", n));
                Path thumb = outDir.resolve(thumbKey);
                if (!Files.isRegularFile(thumb)) {
                    break;
                }
                files.add(new ProducedFile(thumbKey, thumb, "jpg".equals(plan.thumbnailExtension()) ? "image/jpeg" : "image/png",
                        ProducedFile.Kind.THUMBNAIL));
            }
        }
        files.addAll(CaptionFiles.sidecars(job, settings, outDir,
                args -> FfmpegProcess.run(tools.ffmpeg(), args, workDir, ProgressReader.ignored(), "4101")));
        Playlists.Variant variant = layout == OutputLayout.FILE ? null : new Playlists.Variant(settings.key(),
                plan.mediaKey(), manifest, media, media.width() != null, media.audioCodec() != null,
                media.videoCodec(), media.audioCodec(),
                output.preset().video() == null ? null : VideoArgs.option(output.preset().video(), "Profile"),
                output.preset().video() == null ? null : VideoArgs.option(output.preset().video(), "Level"), tracks);
        return new Produced(files, media, variant, plan.warnings());
    }

    private TranscodeResult.PlaylistResult playlist(CreateJobPlaylist p, Map<String, Playlists.Variant> variants, Path outDir) {
        List<Playlists.Variant> members = new ArrayList<>();
        for (String key : p.outputKeys() == null ? List.<String>of() : p.outputKeys()) {
            Playlists.Variant v = variants.get(key);
            if (v == null) {
                return new TranscodeResult.PlaylistResult(List.of(), "1001", "Elastic Transcoder could not generate the"
                        + " playlist because it encountered an error with one or more of the playlists dependencies: " + key);
            }
            members.add(v);
        }
        try {
            List<ProducedFile> files = switch (p.format()) {
                case "HLSv3", "HLSv4" -> List.of(Playlists.hls(p.name(), p.format(), members, outDir));
                case "MPEG-DASH" -> List.of(Playlists.dash(p.name(), members, outDir));
                case "Smooth" -> Playlists.smooth(p.name(), members, outDir);
                default -> throw new TranscodeException("1000", "Unknown playlist format " + p.format());
            };
            return new TranscodeResult.PlaylistResult(files, null, null);
        } catch (TranscodeException e) {
            return new TranscodeResult.PlaylistResult(List.of(), e.code(), e.getMessage());
        }
    }

    /**
     * An output's measures, read in-process by libavformat ({@link LibavProbe}); by ffprobe when the JVM cannot
     * link FFmpeg's libraries (both read the same fields the same way).
     */
    private MediaInfo measure(Ffprobe ffprobe, Path file, Map<String, String> options) {
        if (!libavUnlinked) {
            try {
                LibavProbe probe = libav;
                if (probe == null) {
                    probe = new LibavProbe();
                    libav = probe;
                }
                return probe.probe(file, options).info();
            } catch (LinkageError e) {
                libavUnlinked = true;
            }
        }
        List<String> inputOptions = new ArrayList<>();
        options.forEach((k, v) -> inputOptions.addAll(List.of("-" + k, v)));
        return ffprobe.probe(file, inputOptions).info();
    }

    /** The HLS output read back through its own manifest (a copy whose key URI points at the local key file). */
    private MediaInfo measureHls(Ffprobe ffprobe, Path manifest, Path keyFile, int index) {
        Path copy = manifest.resolveSibling(".probe-" + index + "-" + manifest.getFileName());
        try {
            String text = Files.readString(manifest).replaceAll("URI=\"[^\"]*\"", "URI=\"" + keyFile.toAbsolutePath() + "\"");
            Files.writeString(copy, text);
            return measure(ffprobe, copy, Map.of("allowed_extensions", "ALL", "protocol_whitelist", "file,crypto,data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // the work directory goes anyway
            }
        }
    }

    /** The DASH output's first representation joined (init segment, then media segments) and read as one file. */
    private MediaInfo measureDash(Ffprobe ffprobe, Path manifest, String base, Path workDir, int index) {
        Path joined = workDir.resolve("dash-probe-" + index + ".mp4");
        try {
            List<Path> init = segments(manifest, Pattern.quote(base) + "-init-0\\.mp4");
            List<Path> media = segments(manifest, Pattern.quote(base) + "-0-\\d+\\.m4s");
            try (OutputStream out = Files.newOutputStream(joined)) {
                for (Path p : init) {
                    Files.copy(p, out);
                }
                for (Path p : media) {
                    Files.copy(p, out);
                }
            }
            return measure(ffprobe, joined, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(joined);
            } catch (IOException ignored) {
                // the work directory goes anyway
            }
        }
    }

    private static MediaInfo withSize(MediaInfo m, long size) {
        return new MediaInfo(m.durationMillis(), m.width(), m.height(), m.frameRate(), size, m.container(),
                m.videoCodec(), m.audioCodec(), m.rotation());
    }

    /** Files beside the manifest whose names match, in name order (segment numbers are zero-padded). */
    private static List<Path> segments(Path manifest, String nameRegex) {
        Pattern pattern = Pattern.compile(nameRegex);
        try (var stream = Files.list(manifest.getParent())) {
            return stream.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Path outDir, Path file) {
        return outDir.relativize(file).toString().replace('\\', '/');
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's completion: output {@code i} at {@code t} seconds of {@code total} is {@code (i + t/total) / n}. */
    private static final class Progress {
        private final ProgressListener listener;
        private final int outputs;
        private final double totalMicros;
        private int reported = -1;

        Progress(ProgressListener listener, int outputs, double totalSeconds) {
            this.listener = listener;
            this.outputs = Math.max(1, outputs);
            this.totalMicros = totalSeconds * 1_000_000;
        }

        void at(int output, long micros) {
            report((output + Math.min(1, Math.max(0, micros / totalMicros))) / outputs);
        }

        void done(int output) {
            report((output + 1.0) / outputs);
        }

        private synchronized void report(double fraction) {
            int percent = (int) Math.min(99, Math.floor(fraction * 100));
            if (percent > reported) {
                reported = percent;
                listener.progress(percent);
            }
        }
    }
}
