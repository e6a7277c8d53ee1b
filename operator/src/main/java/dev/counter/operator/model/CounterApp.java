package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A counter service run by the operator: {@code kind: CounterApp}, {@code counter.dev/v1alpha1}.
 */
@Group(CounterApp.GROUP)
@Version(CounterApp.VERSION)
@Kind("CounterApp")
@Plural("counterapps")
@Singular("counterapp")
@ShortNames("cnt")
@AdditionalPrinterColumn(
        name = "AGE",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class CounterApp extends CustomResource<CounterAppSpec, CounterAppStatus>
        implements Namespaced {

    public static final String GROUP = "counter.dev";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "counterapps." + GROUP;

    @Override
    @JsonPropertyDescription("The desired counter service.")
    public CounterAppSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription(
            "What the operator observed and decided; written by the operator only.")
    public CounterAppStatus getStatus() {
        return super.getStatus();
    }
}
