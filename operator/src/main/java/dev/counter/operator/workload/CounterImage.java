package dev.counter.operator.workload;

import dev.counter.operator.OperatorVersion;
import dev.counter.operator.model.CounterAppSpec;

/** Which counter-app image a CounterApp runs. */
public final class CounterImage {

    public static final String REPOSITORY = "ghcr.io/counter-operator/counter-app";

    private CounterImage() {}

    /**
     * The image released together with this operator. Not a CRD default on purpose: an operator
     * upgrade then upgrades every CounterApp that does not pin an image.
     */
    public static String bundled() {
        return REPOSITORY + ":" + OperatorVersion.current();
    }

    public static String of(CounterAppSpec spec) {
        String image = spec.getImage();
        return image == null || image.isBlank() ? bundled() : image.trim();
    }
}
