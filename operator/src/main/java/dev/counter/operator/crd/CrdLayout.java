package dev.counter.operator.crd;

import dev.counter.operator.model.CounterApp;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finishes the CRD that fabric8's generator writes, in the build (process-classes): the generator
 * sorts printer columns by JSON path and has no top-level description, so {@code kubectl get} would
 * show AGE first and {@code kubectl explain counterapp} would say nothing. The columns take the
 * order in which {@link CounterApp} declares them.
 */
public final class CrdLayout {

    private static final String HEADER =
            "# Generated from the Java model by Fabric8 CRDGenerator and CrdLayout: do not edit;"
                    + " make manifests refreshes it\n";

    private CrdLayout() {}

    /**
     * @param args the generated CRD file, rewritten in place
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        CustomResourceDefinition crd =
                Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        String yaml = Serialization.asYaml(finish(crd)).replaceFirst("^---\n", "");
        Files.writeString(file, HEADER + yaml);
    }

    static CustomResourceDefinition finish(CustomResourceDefinition crd) {
        List<String> order =
                Arrays.stream(CounterApp.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                        .map(AdditionalPrinterColumn::name)
                        .toList();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            for (CustomResourceColumnDefinition column : columns) {
                if (!order.contains(column.getName())) {
                    throw new IllegalStateException(
                            "printer column "
                                    + column.getName()
                                    + " is not declared on CounterApp, so it has no place");
                }
            }
            columns.sort(Comparator.comparingInt(column -> order.indexOf(column.getName())));
            version.getSchema().getOpenAPIV3Schema().setDescription(CounterApp.DESCRIPTION);
        }
        return crd;
    }
}
