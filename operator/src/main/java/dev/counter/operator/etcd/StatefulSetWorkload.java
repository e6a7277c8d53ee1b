package dev.counter.operator.etcd;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The Kubernetes side of a membership step. The StatefulSet dependent keeps the live replica
 * count, so the count set here stays until the next step; under {@code OnDelete} deleting a pod
 * is what makes it start again with the current template and the members ConfigMap.
 */
final class StatefulSetWorkload implements MemberWorkload {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    StatefulSetWorkload(KubernetesClient client, StatefulSet statefulSet) {
        this.client = client;
        this.namespace = statefulSet.getMetadata().getNamespace();
        this.name = statefulSet.getMetadata().getName();
    }

    @Override
    public void scaleTo(int replicas) {
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    @Override
    public void restart(int ordinal) {
        client.pods().inNamespace(namespace).withName(name + "-" + ordinal).delete();
    }
}
