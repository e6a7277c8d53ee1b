package dev.counter.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the YAML the project ships (install manifests, samples, CRD) into fabric8 model objects.
 */
final class Manifests {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    /** fabric8's serialization, knowing the CounterApp kind besides the built-in ones. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        SERIALIZATION.registerKubernetesResource(CounterApp.class);
    }

    /** The repository root: the operator module's parent. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private Manifests() {}

    /** Every document of a YAML file, deserialized into the model class of its kind. */
    static List<HasMetadata> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<HasMetadata> out = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text)) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            KubernetesResource resource =
                    SERIALIZATION.unmarshal(document, KubernetesResource.class);
            assertThat(resource)
                    .as("%s: every document is a Kubernetes object of a kind fabric8 knows", file)
                    .isInstanceOf(HasMetadata.class)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getClass().getSimpleName(), unknown);
            assertThat(unknown).as("%s: fields the model does not know (typos?)", file).isEmpty();
            out.add((HasMetadata) resource);
        }
        return out;
    }

    /**
     * fabric8's model classes keep fields they do not know in {@code additionalProperties} instead
     * of failing, so a misspelt field would pass unmarshalling: look for them everywhere.
     */
    static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.kubernetes.api.model")
                && !type.startsWith("dev.counter.operator.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknownFields(child, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
