package io.haneul.rekognition.image;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelStatsTest {

    @Test
    void dominantColoursAreTheLargestAreas() {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0, 128, 0));
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.YELLOW);
        g.fillRect(0, 300, 400, 100);
        g.dispose();
        List<PixelStats.Dominant> colours = PixelStats.dominantColors(image, 10);
        assertEquals(2, colours.size());
        assertEquals(75, colours.get(0).pixelPercent(), 1);
        assertEquals("#008000", colours.get(0).hex());
        ColorNames names = new ColorNames();
        assertEquals("green", names.css(0, 128, 0));
        assertEquals("green", ColorNames.simplified(0, 128, 0));
        assertEquals("yellow", ColorNames.simplified(255, 255, 0));
        assertEquals("yellow", names.css(colours.get(1).red(), colours.get(1).green(), colours.get(1).blue()));
        assertEquals(1, PixelStats.dominantColors(image, 1).size());
    }

    @Test
    void simplifiedNames() {
        assertEquals("black", ColorNames.simplified(10, 10, 10));
        assertEquals("white", ColorNames.simplified(250, 250, 250));
        assertEquals("gray", ColorNames.simplified(128, 128, 128));
        assertEquals("red", ColorNames.simplified(220, 20, 20));
        assertEquals("blue", ColorNames.simplified(20, 40, 220));
        assertEquals("brown", ColorNames.simplified(120, 70, 20));
        assertEquals("pink", ColorNames.simplified(255, 160, 180));
        assertEquals("purple", ColorNames.simplified(128, 0, 200));
        assertEquals("orange", ColorNames.simplified(255, 140, 0));
    }

    @Test
    void qualityFollowsThePixels() {
        BufferedImage flatDark = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        PixelStats.Quality dark = PixelStats.quality(flatDark);
        assertEquals(0, dark.brightness(), 0.01);
        assertEquals(0, dark.sharpness(), 0.01);
        assertEquals(0, dark.contrast(), 0.01);
        BufferedImage checker = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                checker.setRGB(x, y, (x / 2 + y / 2) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        PixelStats.Quality sharp = PixelStats.quality(checker);
        assertEquals(50, sharp.brightness(), 1);
        assertTrue(sharp.sharpness() > 90, "sharpness " + sharp.sharpness());
        assertTrue(sharp.contrast() > 90, "contrast " + sharp.contrast());
    }
}
