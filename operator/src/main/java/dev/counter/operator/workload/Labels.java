package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The Kubernetes recommended labels on everything the operator makes. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";

    public static final String COUNTER_APP = "counter-app";
    public static final String SERVER_COMPONENT = "server";
    public static final String OPERATOR = "counter-operator";
    public static final String REDIS = "redis";
    public static final String ETCD = "etcd";
    public static final String NFS_SERVER = "nfs-server";
    public static final String ETCD_SNAPSHOT = "etcd-snapshot";

    /**
     * Informers of dependents watch only objects carrying this label, so the operator does not
     * cache every ConfigMap or Deployment of the cluster.
     */
    public static final String MANAGED_BY_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    /*
     * Informers of one part watch only that part's objects: a kind used by several parts (Services,
     * StatefulSets, claims) is then cached once per part, not once per dependent of that kind.
     */
    public static final String COUNTER_SELECTOR =
            MANAGED_BY_SELECTOR + "," + NAME + "=" + COUNTER_APP;
    public static final String REDIS_SELECTOR = MANAGED_BY_SELECTOR + "," + NAME + "=" + REDIS;
    public static final String ETCD_SELECTOR = MANAGED_BY_SELECTOR + "," + NAME + "=" + ETCD;
    public static final String NFS_SERVER_SELECTOR =
            MANAGED_BY_SELECTOR + "," + NAME + "=" + NFS_SERVER;
    public static final String ETCD_SNAPSHOT_SELECTOR =
            MANAGED_BY_SELECTOR + "," + NAME + "=" + ETCD_SNAPSHOT;

    private Labels() {}

    /**
     * Labels the counter pods are selected by. Only name and instance: a Deployment selector is
     * immutable, so it must never include a label that could change. Backend pods (Redis, etcd) use
     * another {@code app.kubernetes.io/name}, so they are never selected by it.
     */
    public static Map<String, String> counterSelector(CounterApp app) {
        return selector(app, Part.COUNTER);
    }

    /** All recommended labels of the counter server's objects. */
    public static Map<String, String> counter(CounterApp app) {
        return of(app, Part.COUNTER);
    }

    /** The immutable selector labels of one part's pods: name and instance. */
    public static Map<String, String> selector(CounterApp app, Part part) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(NAME, part.appName());
        labels.put(INSTANCE, app.getMetadata().getName());
        return labels;
    }

    /** All recommended labels of one part's objects. */
    public static Map<String, String> of(CounterApp app, Part part) {
        var labels = selector(app, part);
        labels.put(COMPONENT, part.component());
        labels.put(PART_OF, COUNTER_APP);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** The selector in the string form of the scale subresource ({@code status.selector}). */
    public static String counterSelectorString(CounterApp app) {
        return new TreeMap<>(counterSelector(app))
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
    }
}
