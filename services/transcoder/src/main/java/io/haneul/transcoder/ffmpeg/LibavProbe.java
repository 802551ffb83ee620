package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.TranscodeException;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Measures the files the engine wrote with FFmpeg's libavformat inside the JVM (JavaCPP's bindings of the
 * same libraries the bundled ffprobe runs on), reading what {@link Ffprobe} reads from ffprobe's JSON and
 * the way ffprobe gets it: {@code avformat_open_input} (with ffprobe's default {@code scan_all_pmts}), then
 * {@code avformat_find_stream_info}; the format's duration, else the first video stream's; the first video
 * stream's size, {@code avg_frame_rate} (else {@code r_frame_rate}), field order and display-matrix rotation.
 * This saves an ffprobe process per output (its start alone is FFmpeg's libraries loaded and relocated).
 * Only the engine's own outputs are read this way: a job's inputs, bytes from anyone, stay in ffprobe's
 * process, where a demuxer's crash cannot take the server down.
 */
final class LibavProbe {

    LibavProbe() {
        av_log_set_level(AV_LOG_QUIET); // failures are return codes; nothing for the server's stderr
    }

    /** @throws TranscodeException {@code 4000} when libavformat cannot read the file as media */
    Ffprobe.Probed probe(Path file) {
        return probe(file, Map.of());
    }

    /** @param options demuxer and protocol options (an HLS manifest's {@code allowed_extensions}, {@code protocol_whitelist}) */
    Ffprobe.Probed probe(Path file, Map<String, String> options) {
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary dictionary = new AVDictionary(null);
        av_dict_set(dictionary, "scan_all_pmts", "1", 0);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        try {
            if (avformat_open_input(context, file.toString(), null, dictionary) < 0) {
                throw unreadable(file);
            }
            try {
                if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
                    throw unreadable(file);
                }
                return probed(context, file);
            } finally {
                avformat_close_input(context);
            }
        } finally {
            av_dict_free(dictionary);
        }
    }

    private static Ffprobe.Probed probed(AVFormatContext context, Path file) {
        AVStream video = null;
        AVStream audio = null;
        boolean cover = false;
        int subtitles = 0;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream s = context.streams(i);
            int type = s.codecpar().codec_type();
            boolean attached = (s.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
            if (type == AVMEDIA_TYPE_VIDEO && attached) {
                cover = true;
            } else if (type == AVMEDIA_TYPE_VIDEO && video == null) {
                video = s;
            } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                audio = s;
            } else if (type == AVMEDIA_TYPE_SUBTITLE) {
                subtitles++;
            }
        }
        if (context.nb_streams() == 0) {
            throw unreadable(file);
        }
        double seconds = context.duration() == AV_NOPTS_VALUE ? 0 : context.duration() / 1_000_000.0;
        if (seconds == 0 && video != null && video.duration() != AV_NOPTS_VALUE) {
            seconds = video.duration() * rate(video.time_base());
        }
        double fps = video == null ? 0 : rate(video.avg_frame_rate());
        if (video != null && fps == 0) {
            fps = rate(video.r_frame_rate());
        }
        AVCodecParameters v = video == null ? null : video.codecpar();
        MediaInfo info = new MediaInfo(Math.round(seconds * 1000),
                v == null ? null : v.width(), v == null ? null : v.height(),
                v == null || fps == 0 ? null : FrameRates.format(fps),
                size(file), Ffprobe.container(context.iformat().name().getString(), file),
                v == null ? null : avcodec_get_name(v.codec_id()).getString(),
                audio == null ? null : avcodec_get_name(audio.codecpar().codec_id()).getString(),
                video == null ? 0 : rotation(video));
        int order = v == null ? 0 : v.field_order();
        return new Ffprobe.Probed(info, video != null, audio != null, cover, subtitles, fps,
                audio == null ? 0 : audio.codecpar().ch_layout().nb_channels(),
                order == AV_FIELD_TT || order == AV_FIELD_BB || order == AV_FIELD_TB || order == AV_FIELD_BT);
    }

    /** Clockwise degrees, as {@link Ffprobe} reads them: the display matrix (counter-clockwise), else the {@code rotate} tag. */
    private static int rotation(AVStream video) {
        AVCodecParameters par = video.codecpar();
        AVPacketSideData matrix = par.nb_coded_side_data() == 0 ? null
                : av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (matrix != null && !matrix.isNull() && matrix.data() != null && !matrix.data().isNull()) {
            // ffprobe prints the rotation as an integer (truncated) and Ffprobe negates it
            return Math.floorMod(-(long) av_display_rotation_get(new IntPointer(matrix.data())), 360);
        }
        AVDictionaryEntry rotate = video.metadata() == null ? null : av_dict_get(video.metadata(), "rotate", null, 0);
        if (rotate == null || rotate.isNull()) {
            return 0;
        }
        try {
            return Math.floorMod(Integer.parseInt(rotate.value().getString().strip()), 360);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double rate(AVRational r) {
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TranscodeException unreadable(Path file) {
        return new TranscodeException("4000", "The input file is in a format that is currently not supported: " + file.getFileName());
    }
}
