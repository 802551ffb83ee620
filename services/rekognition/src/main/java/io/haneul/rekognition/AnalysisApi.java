package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.image.ColorNames;
import io.haneul.rekognition.image.PixelStats;
import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.labels.DetectedLabel;
import io.haneul.rekognition.labels.LabelRules;
import io.haneul.rekognition.text.TextRules;
import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.TextFinding;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.ArrayList;
import java.util.List;

import static io.haneul.rekognition.RekognitionErrors.call;

/**
 * What is in an image: DetectLabels (the detector's classes named by {@link io.haneul.rekognition.labels.LabelTable},
 * ImageProperties from pixel statistics) and DetectText. Foreground and Background of ImageProperties
 * need a segmentation model Haneul lacks and are omitted.
 */
public final class AnalysisApi {

    static final String LABEL_MODEL_VERSION = "haneul-coco-1.0";
    static final String TEXT_MODEL_VERSION = "haneul-ocr-1.0";

    private final Images images;
    private final Vision vision;
    private final LabelRules labels;
    private final ColorNames colors;

    AnalysisApi(Images images, Vision vision, LabelRules labels, ColorNames colors) {
        this.images = images;
        this.vision = vision;
        this.labels = labels;
        this.colors = colors;
    }

    public DetectLabelsResponse detectLabels(RequestContext ctx, DetectLabelsRequest r) {
        return call(() -> {
            List<String> features = r.hasFeatures() && !r.featuresAsStrings().isEmpty() ? r.featuresAsStrings() : List.of("GENERAL_LABELS");
            UprightImage image = images.load(ctx.accountId(), r.image());
            DetectLabelsResponse.Builder out = DetectLabelsResponse.builder().labelModelVersion(LABEL_MODEL_VERSION);
            if (features.contains("GENERAL_LABELS")) {
                GeneralLabelsSettings g = r.settings() == null ? null : r.settings().generalLabels();
                LabelRules.Filters filters = g == null ? LabelRules.Filters.NONE : new LabelRules.Filters(g.labelInclusionFilters(),
                        g.labelExclusionFilters(), g.labelCategoryInclusionFilters(), g.labelCategoryExclusionFilters());
                float min = r.minConfidence() == null ? 55f : r.minConfidence();
                int max = r.maxLabels() == null ? 1000 : r.maxLabels();
                out.labels(labels.labels(vision.objects(image), min, max, filters).stream().map(AnalysisApi::label).toList());
            } else {
                out.labels(List.of());
            }
            if (features.contains("IMAGE_PROPERTIES")) {
                Integer maxColors = r.settings() == null || r.settings().imageProperties() == null ? null
                        : r.settings().imageProperties().maxDominantColors();
                out.imageProperties(imageProperties(image, maxColors == null ? 10 : maxColors));
            }
            return out.build();
        });
    }

    public DetectTextResponse detectText(RequestContext ctx, DetectTextRequest r) {
        return call(() -> {
            TextRules.WordFilter words = TextRules.WordFilter.NONE;
            List<Box> regions = new ArrayList<>();
            if (r.filters() != null) {
                DetectionFilter f = r.filters().wordFilter();
                if (f != null) {
                    words = new TextRules.WordFilter(orZero(f.minConfidence()), orZero(f.minBoundingBoxHeight()), orZero(f.minBoundingBoxWidth()));
                }
                for (RegionOfInterest roi : r.filters().regionsOfInterest()) {
                    regions.add(region(roi));
                }
            }
            UprightImage image = images.load(ctx.accountId(), r.image());
            List<TextDetection> found = TextRules.filter(vision.text(image), words, regions).stream().map(AnalysisApi::text).toList();
            return DetectTextResponse.builder().textDetections(found).textModelVersion(TEXT_MODEL_VERSION).build();
        });
    }

    private DetectLabelsImageProperties imageProperties(UprightImage image, int maxColors) {
        PixelStats.Quality q = PixelStats.quality(image.image());
        List<DominantColor> dominant = PixelStats.dominantColors(image.image(), maxColors).stream()
                .map(d -> DominantColor.builder().red(d.red()).green(d.green()).blue(d.blue()).hexCode(d.hex())
                        .cssColor(colors.css(d.red(), d.green(), d.blue()))
                        .simplifiedColor(ColorNames.simplified(d.red(), d.green(), d.blue())).pixelPercent(d.pixelPercent()).build())
                .toList();
        return DetectLabelsImageProperties.builder()
                .quality(DetectLabelsImageQuality.builder().brightness(q.brightness()).sharpness(q.sharpness()).contrast(q.contrast()).build())
                .dominantColors(dominant).build();
    }

    static Label label(DetectedLabel l) {
        return Label.builder().name(l.name()).confidence(l.confidence())
                .instances(l.instances().stream().map(i -> Instance.builder().boundingBox(FaceShapes.box(i.box())).confidence(i.confidence()).build()).toList())
                .parents(l.parents().stream().map(p -> Parent.builder().name(p).build()).toList())
                .aliases(l.aliases().stream().map(a -> LabelAlias.builder().name(a).build()).toList())
                .categories(l.categories().stream().map(c -> LabelCategory.builder().name(c).build()).toList())
                .build();
    }

    static TextDetection text(TextFinding t) {
        List<Point> polygon = t.polygon() == null ? List.of() : t.polygon().stream().map(p -> Point.builder().x(p[0]).y(p[1]).build()).toList();
        return TextDetection.builder().detectedText(t.text()).type(t.type()).id(t.id()).parentId(t.parentId()).confidence(t.confidence())
                .geometry(Geometry.builder().boundingBox(FaceShapes.box(t.box())).polygon(polygon).build()).build();
    }

    /** A region by its box, or by the box around its polygon. */
    static Box region(RegionOfInterest roi) {
        if (roi.boundingBox() != null) {
            BoundingBox b = roi.boundingBox();
            return new Box(orZero(b.left()), orZero(b.top()), orZero(b.width()), orZero(b.height()));
        }
        if (!roi.hasPolygon() || roi.polygon().isEmpty()) {
            throw RekognitionException.invalidParameter();
        }
        float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (Point p : roi.polygon()) {
            minX = Math.min(minX, orZero(p.x()));
            minY = Math.min(minY, orZero(p.y()));
            maxX = Math.max(maxX, orZero(p.x()));
            maxY = Math.max(maxY, orZero(p.y()));
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    static float orZero(Float f) {
        return f == null ? 0f : f;
    }
}
