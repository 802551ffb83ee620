package io.haneul.sagemaker.algorithms;

import io.haneul.sagemaker.algorithms.fm.FactorizationMachinesAlgorithm;
import io.haneul.sagemaker.algorithms.kmeans.KMeansAlgorithm;
import io.haneul.sagemaker.algorithms.knn.KnnAlgorithm;
import io.haneul.sagemaker.algorithms.linear.LinearLearnerAlgorithm;
import io.haneul.sagemaker.algorithms.pca.PcaAlgorithm;
import io.haneul.sagemaker.algorithms.rcf.RandomCutForestAlgorithm;
import io.haneul.sagemaker.algorithms.xgboost.XgboostAlgorithm;

import java.util.List;

/** The built-in algorithms Haneul runs, for the training side and the hosting side alike (see docs/sagemaker.md). */
public final class BuiltInAlgorithms {

    private BuiltInAlgorithms() {
    }

    /** A fresh registry of every built-in algorithm; algorithms hold no state, so one per module is enough. */
    public static Algorithms create() {
        return new Algorithms(List.of(
                new XgboostAlgorithm(),
                new KMeansAlgorithm(),
                new LinearLearnerAlgorithm(),
                new RandomCutForestAlgorithm(),
                new PcaAlgorithm(),
                new KnnAlgorithm(),
                new FactorizationMachinesAlgorithm()));
    }
}
