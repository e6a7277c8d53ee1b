package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
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
@Categories("counter")
// The columns in the order kubectl shows them (NAME comes first by itself), the order users know
// from Deployments, AGE last; wide adds the endpoint. The generator sorts them by path:
// CrdLayout puts them back in this order.
@AdditionalPrinterColumn(
        name = "BACKEND",
        jsonPath = ".spec.backend",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Where the counter value is kept: memory, redis or etcd.")
@AdditionalPrinterColumn(
        name = "REPLICAS",
        jsonPath = ".spec.replicas",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Desired number of counter pods.")
@AdditionalPrinterColumn(
        name = "READY",
        jsonPath = ".status.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Counter pods that are ready to serve.")
@AdditionalPrinterColumn(
        name = "PHASE",
        jsonPath = ".status.phase",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Pending, Progressing, Ready, Degraded or Invalid.")
@AdditionalPrinterColumn(
        name = "REASON",
        jsonPath = ".status.reason",
        type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The reason of the condition that decided the phase.")
@AdditionalPrinterColumn(
        name = "AGE",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
        name = "ENDPOINT",
        jsonPath = ".status.endpoint",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1,
        getDescription = "In-cluster URL of the counter Service.")
public class CounterApp extends CustomResource<CounterAppSpec, CounterAppStatus>
        implements Namespaced {

    public static final String GROUP = "counter.dev";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "counterapps." + GROUP;

    /** What {@code kubectl explain counterapp} says first (set by CrdLayout). */
    public static final String DESCRIPTION =
            "A counter HTTP service (counter-app) run by the counter operator: its pods, Service,"
                + " optional Ingress and, for backend redis or etcd, the store it shares, run by"
                + " the operator or given by URL.";

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
