package io.haneul.sagemaker.algorithms;

import java.util.Map;
import java.util.Set;

/** The ECR repository names under which AWS publishes each built-in algorithm (one table, documented in docs/sagemaker.md). */
final class ImageNames {

    private static final Map<String, Set<String>> REPOSITORIES = Map.of(
            "xgboost", Set.of("sagemaker-xgboost", "xgboost"),
            "kmeans", Set.of("kmeans"),
            "linear-learner", Set.of("linear-learner"),
            "randomcutforest", Set.of("randomcutforest"),
            "pca", Set.of("pca"),
            "knn", Set.of("knn"),
            "factorization-machines", Set.of("factorization-machines"));

    private ImageNames() {
    }

    static boolean matches(String algorithm, String repository) {
        return REPOSITORIES.getOrDefault(algorithm, Set.of(algorithm)).contains(repository);
    }
}
