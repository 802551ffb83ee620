package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.S3Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Endpoint data capture as SageMaker writes it: for the sampled share of requests, one JSON line
 * ({@code captureData.endpointInput/endpointOutput} with observedContentType, mode, data and encoding
 * — CSV, JSON or BASE64 by the CaptureContentTypeHeader lists — and {@code eventMetadata} with
 * eventId, inferenceId and inferenceTime, {@code eventVersion} "0") in an object under
 * {@code <DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/}. SageMaker batches lines for a few
 * minutes into one object; Haneul writes one object per request, so captures are visible at once.
 */
final class DataCapture {

    private static final Logger LOG = LoggerFactory.getLogger(DataCapture.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.ROOT);
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("mm-ss-SSS", Locale.ROOT);

    private final Hosting h;

    DataCapture(Hosting h) {
        this.h = h;
    }

    void record(String account, String region, String endpoint, String variant, DataCaptureConfig config, byte[] input,
                String inputType, Predictor.Prediction output, String inferenceId) {
        if (config == null || Boolean.FALSE.equals(config.enableCapture())) {
            return;
        }
        int percent = config.initialSamplingPercentage() == null ? 0 : config.initialSamplingPercentage();
        if (percent < 100 && ThreadLocalRandom.current().nextInt(100) >= percent) {
            return;
        }
        ZonedDateTime now = h.clock.instant().atZone(ZoneOffset.UTC);
        ObjectNode line = JSON.createObjectNode();
        ObjectNode data = line.putObject("captureData");
        for (CaptureOption option : config.captureOptions()) {
            String mode = option.captureModeAsString();
            if ("Input".equals(mode)) {
                data.set("endpointInput", part(config, inputType, "INPUT", input));
            } else if ("Output".equals(mode)) {
                data.set("endpointOutput", part(config, output.contentType(), "OUTPUT", output.body()));
            }
        }
        ObjectNode meta = line.putObject("eventMetadata").put("eventId", UUID.randomUUID().toString());
        if (inferenceId != null) {
            meta.put("inferenceId", inferenceId);
        }
        meta.put("inferenceTime", DateTimeFormatter.ISO_INSTANT.format(now.toInstant()));
        line.put("eventVersion", "0");
        S3Location at = S3Location.parse(config.destinationS3Uri(), "DestinationS3Uri")
                .child(endpoint + "/" + variant + "/" + HOUR_PATH.format(now) + "/" + FILE.format(now) + "-" + UUID.randomUUID() + ".jsonl");
        try {
            h.storage.get().putObject(account, region, at.bucket(), at.key(), (line + "\n").getBytes(StandardCharsets.UTF_8), "application/jsonlines");
        } catch (RuntimeException e) {
            LOG.warn("data capture of endpoint {} to {} failed: {}", endpoint, at.uri(), e.getMessage());
        }
    }

    private static ObjectNode part(DataCaptureConfig config, String contentType, String mode, byte[] body) {
        String type = contentType == null ? "application/octet-stream" : contentType;
        String base = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        List<String> csv = config.captureContentTypeHeader() != null && config.captureContentTypeHeader().hasCsvContentTypes()
                ? config.captureContentTypeHeader().csvContentTypes() : List.of("text/csv");
        List<String> json = config.captureContentTypeHeader() != null && config.captureContentTypeHeader().hasJsonContentTypes()
                ? config.captureContentTypeHeader().jsonContentTypes() : List.of("application/json");
        ObjectNode n = JSON.createObjectNode().put("observedContentType", type).put("mode", mode);
        if (csv.contains(base)) {
            n.put("data", new String(body, StandardCharsets.UTF_8)).put("encoding", "CSV");
        } else if (json.contains(base)) {
            n.put("data", new String(body, StandardCharsets.UTF_8)).put("encoding", "JSON");
        } else {
            n.put("data", Base64.getEncoder().encodeToString(body)).put("encoding", "BASE64");
        }
        return n;
    }
}
