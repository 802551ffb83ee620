package io.haneul.transcoder;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.transcoder.domain.Ids;
import io.haneul.transcoder.domain.PresetRules;
import io.haneul.transcoder.domain.TranscoderException;
import io.haneul.transcoder.store.Page;
import io.haneul.transcoder.store.SqlDocuments;
import software.amazon.awssdk.services.elastictranscoder.model.CreatePresetRequest;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Presets: the system presets every account sees (ids {@code 1351620000001-*}, which sort before any
 * custom preset's) and each account's custom presets, validated by {@link PresetRules} and stored as
 * the SDK {@code Preset} document.
 */
final class PresetService {

    static final int PAGE_SIZE = 50;

    /** A created preset and the Warning to answer with it. */
    record Created(Preset preset, String warning) {
    }

    private final SqlDocuments presets;
    private final List<Preset> system;
    private final Ids ids;
    private final SdkDocuments sdk = new SdkDocuments();

    /** @param system the system presets, in id order, without Arn (filled per account and region) */
    PresetService(SqlDocuments presets, List<Preset> system, Ids ids) {
        this.presets = presets;
        this.system = system.stream().sorted(Comparator.comparing(Preset::id)).toList();
        this.ids = ids;
    }

    Created create(String account, String region, CreatePresetRequest r) {
        Optional<String> warning = PresetRules.check(r.container(), r.video(), r.audio(), r.thumbnails());
        String id = ids.next();
        Preset preset = Preset.builder().id(id).arn(arn(account, region, id)).name(r.name()).description(r.description())
                .container(r.container()).audio(r.audio()).video(r.video()).thumbnails(r.thumbnails()).type("Custom").build();
        presets.insert(account, region, id, sdk.write(preset));
        return new Created(preset, warning.orElse(null));
    }

    Preset read(String account, String region, String id) {
        return find(account, region, id).orElseThrow(() -> TranscoderException.notFound(
                "The specified preset was not found: account=" + account + ", presetId=" + id + "."));
    }

    Optional<Preset> find(String account, String region, String id) {
        Optional<Preset> builtIn = system.stream().filter(p -> p.id().equals(id)).findFirst();
        if (builtIn.isPresent()) {
            return builtIn.map(p -> asSystem(p, account, region));
        }
        return presets.find(account, region, id).map(doc -> sdk.read(doc, Preset.class));
    }

    /** System and custom presets together in id order (system first when ascending), 50 a page. */
    Page<Preset> list(String account, String region, String pageToken, boolean ascending) {
        List<Preset> builtIn = system.stream()
                .filter(p -> pageToken == null || (ascending ? p.id().compareTo(pageToken) >= 0 : p.id().compareTo(pageToken) <= 0))
                .map(p -> asSystem(p, account, region)).toList();
        List<Preset> custom = presets.list(account, region, pageToken, ascending, PAGE_SIZE + 1).stream()
                .map(r -> sdk.read(r.doc(), Preset.class)).toList();
        List<Preset> all = new ArrayList<>(ascending ? builtIn : custom);
        all.addAll(ascending ? custom : builtIn.reversed());
        return Page.of(all.subList(0, Math.min(all.size(), PAGE_SIZE + 1)), PAGE_SIZE, Preset::id);
    }

    void delete(String account, String region, String id) {
        if (system.stream().anyMatch(p -> p.id().equals(id))) {
            throw TranscoderException.accessDenied("Deleting a system preset is not allowed: account=" + account + ", presetId=" + id + ".");
        }
        if (!presets.delete(account, region, id)) {
            throw TranscoderException.notFound("The specified preset was not found: account=" + account + ", presetId=" + id + ".");
        }
    }

    private static Preset asSystem(Preset p, String account, String region) {
        return p.toBuilder().arn(arn(account, region, p.id())).type("System").build();
    }

    static String arn(String account, String region, String id) {
        return "arn:aws:elastictranscoder:" + region + ":" + account + ":preset/" + id;
    }
}
