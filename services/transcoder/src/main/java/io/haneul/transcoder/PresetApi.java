package io.haneul.transcoder;

import io.haneul.core.engine.RequestContext;
import io.haneul.transcoder.store.Page;
import software.amazon.awssdk.services.elastictranscoder.model.*;

import static io.haneul.transcoder.TranscoderErrors.call;

/** Elastic Transcoder's presets: SDK shapes in and out, rules in {@link PresetService}. A part of {@link TranscoderProvider}. */
public final class PresetApi {

    private final PresetService presets;

    PresetApi(PresetService presets) {
        this.presets = presets;
    }

    public CreatePresetResponse createPreset(RequestContext ctx, CreatePresetRequest r) {
        PresetService.Created created = call(() -> presets.create(ctx.accountId(), ctx.region(), r));
        return CreatePresetResponse.builder().preset(created.preset()).warning(created.warning()).build();
    }

    public ReadPresetResponse readPreset(RequestContext ctx, ReadPresetRequest r) {
        return ReadPresetResponse.builder().preset(call(() -> presets.read(ctx.accountId(), ctx.region(), r.id()))).build();
    }

    public ListPresetsResponse listPresets(RequestContext ctx, ListPresetsRequest r) {
        Page<Preset> page = call(() -> presets.list(ctx.accountId(), ctx.region(), r.pageToken(), !"false".equals(r.ascending())));
        return ListPresetsResponse.builder().presets(page.items()).nextPageToken(page.nextToken()).build();
    }

    public DeletePresetResponse deletePreset(RequestContext ctx, DeletePresetRequest r) {
        call(() -> {
            presets.delete(ctx.accountId(), ctx.region(), r.id());
            return null;
        });
        return DeletePresetResponse.builder().build();
    }
}
