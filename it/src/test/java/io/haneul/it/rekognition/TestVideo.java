package io.haneul.it.rekognition;

import io.haneul.transcoder.ffmpeg.BundledFfmpeg;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The video the Rekognition Video tests analyse, made at test time by the bundled FFmpeg: 8 s of
 * 640x360 H.264 at 25 fps in an MP4 with an AAC tone. 0-3 s: the astronaut's portrait (a face and a
 * person) on grey; 3-5 s: the words {@value #WORDS} in black on white; 5-6 s: black; 6-8 s: flat
 * orange. So there are cuts at 3, 5 and 6 s, and a black section from 5 to 6 s.
 */
final class TestVideo {

    static final String WORDS = "HANEUL VIDEO";
    static final long FACE_END_MS = 3000;
    static final long TEXT_END_MS = 5000;
    static final long BLACK_END_MS = 6000;
    static final long DURATION_MS = 8000;

    private TestVideo() {
    }

    static Path make(Path dir) throws IOException, InterruptedException {
        Path face = dir.resolve("face.png");
        Path text = dir.resolve("text.png");
        Files.write(face, portrait());
        Files.write(text, words());
        Path out = dir.resolve("scenes.mp4");
        String still = "fps=25,scale=640:360,format=yuv420p,setsar=1";
        run(List.of("-loop", "1", "-t", "3", "-i", face.toString(), "-loop", "1", "-t", "2", "-i", text.toString(),
                "-f", "lavfi", "-i", "color=c=black:s=640x360:r=25:d=1", "-f", "lavfi", "-i", "color=c=orange:s=640x360:r=25:d=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=8",
                "-filter_complex", "[0:v]" + still + "[a];[1:v]" + still + "[b];[2:v]" + still + "[c];[3:v]" + still + "[d];"
                        + "[a][b][c][d]concat=n=4:v=1:a=0[v]",
                "-map", "[v]", "-map", "4:a", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-r", "25",
                "-c:a", "aac", "-shortest", out.toString()));
        return out;
    }

    /** A WebM (VP8): a real video, in a format Rekognition Video does not take. */
    static Path webm(Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("clip.webm");
        run(List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-c:v", "libvpx", out.toString()));
        return out;
    }

    private static byte[] portrait() {
        BufferedImage photo = Pictures.decode(Pictures.photo("astronaut.jpg"));
        BufferedImage canvas = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 640, 360);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 140, 0, 360, 360, null);
        g.dispose();
        return Pictures.encode(canvas, "png");
    }

    private static byte[] words() {
        BufferedImage canvas = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 360);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
        g.drawString(WORDS, 60, 200);
        g.dispose();
        return Pictures.encode(canvas, "png");
    }

    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(new BundledFfmpeg().ffmpeg().toString(), "-y", "-nostdin", "-loglevel", "error"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + output);
        }
    }
}
