package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeException;
import io.haneul.transcoder.engine.TranscodeJob;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionFormat;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionSource;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Captions as FFmpeg carries them. Sources: SRT, WebVTT and SCC files (FFmpeg has no DFXP/TTML
 * reader) and the input's own subtitle tracks. Outputs: sidecar {@code srt}, {@code webvtt} and
 * {@code dfxp} (FFmpeg's TTML writer) files, one per source language, and embedded {@code mov-text}
 * in MP4. {@code scc} and {@code cea-708} need CEA-608/708 byte pairs that FFmpeg cannot make from
 * text, so an output asking for them fails with a message saying so.
 */
final class CaptionFiles {

    private CaptionFiles() {
    }

    /** A caption file of the job, its language and its TimeOffset. */
    record Source(Path file, String language, double offsetSeconds) {
    }

    static String mergePolicy(TranscodeJob job, CreateJobOutput output) {
        var inputCaptions = job.inputs().getFirst().settings().inputCaptions();
        if (inputCaptions != null && inputCaptions.mergePolicy() != null) {
            return inputCaptions.mergePolicy();
        }
        if (output.captions() != null && output.captions().mergePolicy() != null) {
            return output.captions().mergePolicy();
        }
        return "MergeOverride";
    }

    static List<Source> sources(TranscodeJob job, CreateJobOutput output) {
        List<CaptionSource> declared = new ArrayList<>();
        var inputCaptions = job.inputs().getFirst().settings().inputCaptions();
        if (inputCaptions != null && inputCaptions.captionSources() != null) {
            declared.addAll(inputCaptions.captionSources());
        }
        if (output.captions() != null && output.captions().captionSources() != null) {
            declared.addAll(output.captions().captionSources());
        }
        List<Source> sources = new ArrayList<>();
        for (CaptionSource cs : declared) {
            Path file = job.files().get(cs.key());
            if (file == null) {
                throw new TranscodeException("3001", "The caption file " + cs.key() + " does not exist.");
            }
            String name = cs.key().toLowerCase(Locale.ROOT);
            if (name.endsWith(".dfxp") || name.endsWith(".ttml") || name.endsWith(".xml")) {
                throw new TranscodeException("4101", "Elastic Transcoder could not interpret the specified caption file"
                        + " key=" + cs.key() + " (FFmpeg reads SRT, WebVTT and SCC caption files).");
            }
            double offset = cs.timeOffset() == null ? 0 : Times.seconds(cs.timeOffset());
            sources.add(new Source(file, cs.language() == null ? "und" : cs.language(), offset));
        }
        return sources;
    }

    /** Writes each sidecar format for each source; returns the files (CAPTION) with their keys. */
    static List<ProducedFile> sidecars(TranscodeJob job, CreateJobOutput output, Path outDir,
                                       Consumer<List<String>> ffmpeg) {
        List<ProducedFile> produced = new ArrayList<>();
        if (output.captions() == null || output.captions().captionFormats() == null) {
            return produced;
        }
        List<Source> sources = null;
        for (CaptionFormat format : output.captions().captionFormats()) {
            String f = format.format();
            if ("mov-text".equals(f)) {
                continue;
            }
            if ("scc".equals(f) || "cea-708".equals(f)) {
                throw new TranscodeException("1000", "Caption format " + f + " is not supported here: FFmpeg cannot"
                        + " encode CEA-608/708 captions from text (supported: srt, webvtt, dfxp, mov-text).");
            }
            if (sources == null) {
                sources = sources(job, output);
            }
            String[] codec = switch (f) {
                case "srt" -> new String[] {"srt", "srt", "srt", "application/x-subrip"};
                case "webvtt" -> new String[] {"webvtt", "webvtt", "vtt", "text/vtt"};
                case "dfxp" -> new String[] {"ttml", "ttml", "dfxp", "application/ttml+xml"};
                default -> throw new TranscodeException("1000", "Unknown caption format " + f);
            };
            String pattern = format.pattern() != null && !format.pattern().isBlank() ? format.pattern()
                    : stripExtension(output.key()) + "-{language}";
            for (Source source : sources) {
                String key = pattern.replace("{language}", source.language()) + "." + codec[2];
                Path file = Keys.file(outDir, key);
                List<String> args = new ArrayList<>();
                if (source.offsetSeconds() != 0) {
                    args.addAll(List.of("-itsoffset", Times.ffmpeg(source.offsetSeconds())));
                }
                args.addAll(List.of("-i", source.file().toString(), "-map", "0:s:0", "-c:s", codec[0], "-f", codec[1],
                        file.toString()));
                try {
                    Files.createDirectories(file.getParent());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                try {
                    ffmpeg.accept(args);
                } catch (TranscodeException e) {
                    if (e.isCancelled()) {
                        throw e;
                    }
                    throw new TranscodeException("4101", "Elastic Transcoder could not interpret the specified caption"
                            + " file for language " + source.language() + ": " + e.getMessage());
                }
                produced.add(new ProducedFile(key, file, codec[3], ProducedFile.Kind.CAPTION));
            }
        }
        return produced;
    }

    /** MP4 stores three-letter languages: {@code en} becomes {@code eng}; unknown codes pass as they are. */
    static String iso639_2(String language) {
        if (language.length() == 2) {
            try {
                return Locale.of(language).getISO3Language();
            } catch (java.util.MissingResourceException e) {
                return language;
            }
        }
        return language;
    }

    private static String stripExtension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash ? key.substring(0, dot) : key;
    }
}
