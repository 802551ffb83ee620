package io.haneul.sagemaker.algorithms;

import java.util.List;
import java.util.Optional;

/**
 * Finds the built-in algorithm an image URI names: AWS's per-region ECR registries and repository
 * names (e.g. {@code 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1},
 * {@code 382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1}) and the names docs/sagemaker.md lists.
 */
public final class Algorithms {

    private final List<Algorithm> known;

    public Algorithms(List<Algorithm> known) {
        this.known = List.copyOf(known);
    }

    /** The algorithm of an image URI, by its repository name (registry, region and tag do not matter). */
    public Optional<Algorithm> forImage(String imageUri) {
        String repository = repositoryOf(imageUri);
        return known.stream().filter(a -> ImageNames.matches(a.name(), repository)).findFirst();
    }

    public List<Algorithm> all() {
        return known;
    }

    /** The repository name of an image URI: registry, tag and digest removed. */
    public static String repositoryOf(String imageUri) {
        String withoutTag = imageUri;
        int at = withoutTag.indexOf('@');
        if (at >= 0) {
            withoutTag = withoutTag.substring(0, at);
        }
        int slash = withoutTag.indexOf('/');
        String path = slash >= 0 ? withoutTag.substring(slash + 1) : withoutTag;
        int colon = path.lastIndexOf(':');
        return colon >= 0 ? path.substring(0, colon) : path;
    }
}
