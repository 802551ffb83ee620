package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Closes several predictors (or variants), each one even when another fails to close. */
final class Closing {

    private static final Logger LOG = LoggerFactory.getLogger(Closing.class);

    private Closing() {
    }

    static void all(Iterable<? extends Predictor> predictors) {
        each(predictors, Predictor::close);
    }

    /** Closes each item with {@code close}; the first failure is thrown once all were tried, the others suppressed in it. */
    static <T> void each(Iterable<T> items, Consumer<? super T> close) {
        RuntimeException first = null;
        for (T item : items) {
            try {
                close.accept(item);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Runs {@code closing} where a failure to close must not replace what the caller answers: the failure is logged. */
    static void logged(String what, Runnable closing) {
        try {
            closing.run();
        } catch (RuntimeException e) {
            LOG.warn("Closing {} failed", what, e);
        }
    }
}
