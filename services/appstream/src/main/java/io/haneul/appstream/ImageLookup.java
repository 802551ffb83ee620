package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Arns;
import software.amazon.awssdk.services.appstream.model.Image;
import software.amazon.awssdk.services.appstream.model.ImagePermissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images an account can use: the built-in PUBLIC ones, its own (PRIVATE) and those other
 * accounts shared with it (SHARED, with the permissions the owner granted).
 */
final class ImageLookup {

    private final Catalog catalog;

    ImageLookup(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every image visible to the account, built-in first, then by name. */
    List<Image> visible(Scope s) {
        List<Image> out = new ArrayList<>(BuiltInImages.all(s.region()));
        out.addAll(catalog.all(s, Kinds.IMAGE));
        for (var link : catalog.links().byBAnyAccount(s.region(), Kinds.IMAGE_SHARE, s.account())) {
            catalog.find(new Scope(link.account(), s.region()), Kinds.IMAGE, link.a())
                    .ifPresent(i -> out.add(i.toBuilder().visibility("SHARED")
                            .imagePermissions(catalog.read(link.doc(), ImagePermissions.class)).build()));
        }
        return out;
    }

    /** An image by name or ARN, as the account sees it. */
    Optional<Image> find(Scope s, String name, String arn) {
        if (arn != null) {
            Optional<Arns.Parsed> parsed = Arns.parse(arn);
            if (parsed.isEmpty() || !"image".equals(parsed.get().type())) {
                return Optional.empty();
            }
            return visible(s).stream().filter(i -> arn.equals(i.arn())).findFirst();
        }
        return visible(s).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The image a fleet or image builder is created from: exactly one of name and ARN, AVAILABLE, and
     * (for a shared image) shared for that use.
     */
    Image forUse(Scope s, String name, String arn, boolean builder) {
        if (name == null && arn == null) {
            throw AppStreamException.combination("Either ImageName or ImageArn must be specified.");
        }
        if (name != null && arn != null) {
            throw AppStreamException.combination("Only one of ImageName or ImageArn can be specified.");
        }
        Image image = find(s, name, arn).orElseThrow(() -> AppStreamException.notFound(
                "The image " + (name != null ? name : arn) + " could not be found."));
        if (!"AVAILABLE".equals(image.stateAsString())) {
            throw AppStreamException.notAvailable("The image " + image.name() + " is not available. Its state is " + image.stateAsString() + ".");
        }
        if ("SHARED".equals(image.visibilityAsString()) && image.imagePermissions() != null) {
            Boolean allowed = builder ? image.imagePermissions().allowImageBuilder() : image.imagePermissions().allowFleet();
            if (!Boolean.TRUE.equals(allowed)) {
                throw AppStreamException.notPermitted("The image " + image.name() + " is not shared with your account for use by "
                        + (builder ? "image builders." : "fleets."));
            }
        }
        return image;
    }
}
