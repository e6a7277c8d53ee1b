package dev.counter.operator.workload;

import dev.counter.operator.OperatorVersion;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import io.javaoperatorsdk.operator.api.reconciler.Context;

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

    /**
     * The key under which the reconciler hands the installation's default image (see {@code
     * COUNTER_APP_IMAGE}) to the dependents of one reconcile.
     */
    public static final String DEFAULT_IMAGE_KEY = "counter-app-default-image";

    /** The spec's image, or {@code defaultImage} when the spec names none. */
    public static String of(CounterAppSpec spec, String defaultImage) {
        String image = spec.getImage();
        return image == null || image.isBlank() ? defaultImage : image.trim();
    }

    /** The default image put in the context by the reconciler; the bundled one otherwise. */
    public static String defaultIn(Context<CounterApp> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .get(DEFAULT_IMAGE_KEY, String.class)
                .orElseGet(CounterImage::bundled);
    }
}
