package io.haneul.ses;

import io.haneul.core.spi.EmailDelivery;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers SES with the server: the v1 (query) and v2 (rest-json) APIs over one shared runtime,
 * started with the server so that the SMTP listener is up at once, the internal routes, and the
 * SMTP port in the health report.
 */
public final class SesModule implements ServiceModule {

    static final String V1 = "ses-2010-12-01";
    static final String V2 = "sesv2-2019-09-27";

    private SesRuntime runtime;

    @Override
    public String id() {
        return "ses";
    }

    @Override
    public List<String> modelFiles() {
        return List.of(V1, V2);
    }

    private synchronized SesRuntime runtime(ServiceEnvironment env) {
        if (runtime == null) {
            runtime = new SesRuntime(env);
        }
        return runtime;
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        SesRuntime rt = runtime(env);
        return modelFile.equals(V2) ? new SesV2Provider(rt) : new SesV1Provider(rt);
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return modelFile.equals(V2) ? SesV2Provider.class : SesV1Provider.class;
    }

    /** {@link EmailDelivery}: service-originated mail (SNS email subscriptions) on SES's outbound path. */
    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        if (type == EmailDelivery.class && provider instanceof SesRuntimeHolder h) {
            return Optional.of(new SesEmailDelivery(h.runtime()));
        }
        return Optional.empty();
    }

    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Map<String, Object> health(Object provider) {
        if (provider instanceof SesRuntimeHolder h) {
            // the listener's real state: a second node on one host cannot bind the same port
            Map<String, Object> smtp = new LinkedHashMap<>();
            smtp.put("state", h.runtime().smtpState());
            if (h.runtime().smtpPort() >= 0) {
                smtp.put("port", h.runtime().smtpPort());
                smtp.put("starttls", true);
            } else if (h.runtime().smtpFailure() != null) {
                smtp.put("port", h.runtime().settings().smtpPort());
                smtp.put("error", h.runtime().smtpFailure());
            }
            smtp.put("delivery", h.runtime().settings().relay() ? "smtp" : "capture");
            return Map.of("smtp", smtp);
        }
        return Map.of();
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return SesRoutes.routes();
    }

    /**
     * SES's largest calls carry a raw message, base64-encoded in the request (4/3 of its size):
     * up to 10 MB through the v1 API's SendRawEmail, whose query form percent-encodes base64's
     * {@code + / =} (up to three bytes each, so at most three times), and up to 40 MB through v2's
     * SendEmail (JSON leaves base64 as it is). 1 MiB more for the envelope (addresses, tags, templates).
     */
    @Override
    public long maxRequestBytes(String modelId) {
        long envelope = 1_048_576;
        return modelId.equals("sesv2") ? Outgoing.V2_MAX * 4 / 3 + envelope : Outgoing.V1_MAX * 4 / 3 * 3 + envelope;
    }

    /**
     * SES v1 (query) leaves empty lists out, as AWS's recorded answers do (DescribeConfigurationSet without
     * {@code EventDestinations}, CloneReceiptRuleSet's rules without {@code Recipients}); SES v2 keeps its
     * answers as they were until its members are decided one by one.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        // SES v2 models no ValidationException: bad input (an unknown ScalingMode, a name too long) is its BadRequestException
        return modelId.equals("sesv2") ? io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*").validating(p -> p.withCode("BadRequestException"))
                : io.haneul.core.engine.WireStyle.DEFAULT;
    }
}
