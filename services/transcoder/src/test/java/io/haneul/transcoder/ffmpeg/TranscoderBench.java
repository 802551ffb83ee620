package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import io.haneul.transcoder.presets.SystemPresets;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * bench/transcoder/run.sh's measurement: each preset through {@link FfmpegEngine} against the very
 * ffmpeg command the engine builds, run directly on the same input (wall time, and CPU time of the
 * child processes and of this JVM from /proc/self/stat), median of N after one unmeasured job; then P jobs
 * in parallel.
 * Not a test: a main run by the script.
 *
 * <p>Arguments: work directory, input seconds, runs, parallel jobs, preset ids...
 */
public final class TranscoderBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int parallel = Integer.parseInt(args[3]);
        List<String> presets = Arrays.asList(args).subList(4, args.length);
        BundledFfmpeg tools = new BundledFfmpeg();
        FfmpegEngine engine = new FfmpegEngine(tools);
        SystemPresets systemPresets = new SystemPresets();
        Files.createDirectories(dir);
        Path input = dir.resolve("input.mp4");
        run(tools.ffmpeg(), List.of("-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds, "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", input.toString()));
        Ffprobe ffprobe = new Ffprobe(tools.ffprobe());
        // one job first, outside the medians: the JIT's and the libraries' first loads (once per JVM) are not a job's cost
        Preset warm = systemPresets.byId(presets.getFirst()).orElseThrow();
        long[] firstJob = measure(() -> engine.transcode(job(input, "warm." + extension(warm), warm), dir.resolve("warm"), p -> { }));
        System.out.printf(Locale.ROOT, "RESULT first_job preset=%s wall_ms=%d cpu_ms=%d%n", warm.id(), firstJob[0], firstJob[1]);
        for (String id : presets) {
            Preset preset = systemPresets.byId(id).orElseThrow();
            TranscodeJob job = job(input, "out-" + id + "." + extension(preset), preset);
            long[][] viaEngine = new long[runs][];
            long[][] direct = new long[runs][];
            for (int r = 0; r < runs; r++) {
                Path work = dir.resolve("e-" + id + "-" + r);
                viaEngine[r] = measure(() -> {
                    TranscodeResult result = engine.transcode(job, work, p -> { });
                    if (result.outputs().getFirst().failed()) {
                        throw new IllegalStateException(result.outputs().getFirst().errorMessage());
                    }
                });
                Path out = dir.resolve("d-" + id + "-" + r);
                Files.createDirectories(out);
                OutputCommand.Source source = new OutputCommand.Source(job.inputs().getFirst(), ffprobe.probe(input), seconds);
                OutputCommand.Plan plan = OutputCommand.build(job, job.outputs().getFirst().settings(), preset, List.of(source),
                        OutputLayout.FILE, out, null, ffprobe::probe);
                List<String> bare = new ArrayList<>(List.of("-v", "error", "-y", "-nostdin"));
                bare.addAll(plan.args());
                direct[r] = measure(() -> run(tools.ffmpeg(), bare));
            }
            long[] e = median(viaEngine);
            long[] d = median(direct);
            System.out.printf(Locale.ROOT, "RESULT preset=%s name=\"%s\" engine_wall_ms=%d engine_cpu_ms=%d direct_wall_ms=%d"
                            + " direct_cpu_ms=%d throughput_vs_direct=%.1f%% cpu_vs_direct=%.1f%%%n", id, preset.name(), e[0], e[1],
                    d[0], d[1], 100.0 * d[0] / e[0], 100.0 * d[1] / Math.max(1, e[1]));
        }
        // where the engine's extra goes: its ffprobe runs (the input's, and an output's), and a bare process start
        Path sample = dir.resolve("e-" + presets.getFirst() + "-0");
        Path output;
        try (var files = Files.walk(sample)) {
            output = files.filter(f -> f.getFileName().toString().startsWith("out-")).findFirst().orElseThrow();
        }
        long[][] probeIn = new long[runs][];
        long[][] probeOut = new long[runs][];
        long[][] start = new long[runs][];
        for (int r = 0; r < runs; r++) {
            probeIn[r] = measure(() -> ffprobe.probe(input));
            probeOut[r] = measure(() -> ffprobe.probe(output));
            start[r] = measure(() -> run(tools.ffprobe(), List.of("-version")));
        }
        System.out.printf(Locale.ROOT, "RESULT probe_input_wall_ms=%d probe_input_cpu_ms=%d probe_output_wall_ms=%d"
                        + " probe_output_cpu_ms=%d ffprobe_start_wall_ms=%d ffprobe_start_cpu_ms=%d%n", median(probeIn)[0],
                median(probeIn)[1], median(probeOut)[0], median(probeOut)[1], median(start)[0], median(start)[1]);
        inProcessProbe(output);
        Preset first = systemPresets.byId(presets.getFirst()).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long[] together = measure(() -> {
            List<Future<TranscodeResult>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Path work = dir.resolve("p-" + i);
                TranscodeJob job = job(input, "par-" + i + "." + extension(first), first);
                futures.add(pool.submit(() -> engine.transcode(job, work, p -> { })));
            }
            for (Future<TranscodeResult> f : futures) {
                f.get();
            }
        });
        pool.shutdown();
        System.out.printf(Locale.ROOT, "RESULT parallel=%d preset=%s wall_ms=%d cpu_ms=%d jobs_per_min=%.1f%n", parallel,
                first.id(), together[0], together[1], parallel * 60_000.0 / together[0]);
    }

    /** The output measured in-process 50 times (CPU ticks are 10 ms): CPU per measure; skipped on engines without it. */
    private static void inProcessProbe(Path output) throws Exception {
        try {
            LibavProbe libav = new LibavProbe();
            libav.probe(output);
            int n = 50;
            long[] all = measure(() -> {
                for (int i = 0; i < n; i++) {
                    libav.probe(output);
                }
            });
            System.out.printf(Locale.ROOT, "RESULT probe_output_in_process_wall_ms=%.2f probe_output_in_process_cpu_ms=%.2f%n",
                    all[0] / (double) n, all[1] / (double) n);
        } catch (LinkageError e) {
            System.out.println("RESULT probe_output_in_process=none (this engine has no LibavProbe)");
        }
    }

    private static TranscodeJob job(Path input, String key, Preset preset) {
        return new TranscodeJob(List.of(new TranscodeJob.Input(JobInput.builder().key("input.mp4").build(), input)),
                List.of(new TranscodeJob.Output(CreateJobOutput.builder().key(key).presetId(preset.id()).build(), preset)),
                List.of(), Map.of());
    }

    private static String extension(Preset p) {
        return switch (p.container()) {
            case "fmp4" -> "mp4";
            case "mpg" -> "mpg";
            default -> p.container();
        };
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Wall and CPU milliseconds of one piece of work: the child processes' CPU (ffmpeg, ffprobe) plus this JVM's
     * own (the engine's work in-process: measuring outputs with libavformat, reading the progress pipe), so that
     * work moved from a child process into the JVM is still counted.
     */
    private static long[] measure(Work work) throws Exception {
        long[] before = cpuMillis();
        long start = System.nanoTime();
        work.run();
        long wall = (System.nanoTime() - start) / 1_000_000;
        long[] after = cpuMillis();
        return new long[] {wall, (after[0] - before[0]) + (after[1] - before[1])};
    }

    /** This JVM's utime+stime and its waited-for children's cutime+cstime, in milliseconds. */
    private static long[] cpuMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new long[] {self * 10, children * 10}; // USER_HZ is 100 on Linux
    }

    private static long[] median(long[][] samples) {
        long[] walls = Arrays.stream(samples).mapToLong(s -> s[0]).sorted().toArray();
        long[] cpus = Arrays.stream(samples).mapToLong(s -> s[1]).sorted().toArray();
        return new long[] {walls[walls.length / 2], cpus[cpus.length / 2]};
    }

    private static void run(Path ffmpeg, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + out);
        }
    }
}
