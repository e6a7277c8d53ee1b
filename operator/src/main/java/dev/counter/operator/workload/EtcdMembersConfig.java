package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys of the {@code <app>-etcd-members} ConfigMap that the etcd start script reads as mounted
 * files ({@code etcd-start.sh}). The pod template mounts the ConfigMap instead of carrying the
 * member list, so changing the member count leaves the template, and so the pods, as they are.
 */
public final class EtcdMembersConfig {

    public static final String BOOTSTRAP = "bootstrap";
    public static final String BOOTSTRAPPED = "bootstrapped";

    private EtcdMembersConfig() {}

    /** A cluster that never formed: every member of the target starts as {@code new}. */
    public static Map<String, String> bootstrap(CounterApp app) {
        return Map.of(BOOTSTRAP, EtcdTopology.initialCluster(app));
    }

    /** The first cluster formed: from now on a member without data must be told to join. */
    public static Map.Entry<String, String> bootstrapped() {
        return Map.entry(BOOTSTRAPPED, "true");
    }

    public static String joinIdKey(String member) {
        return "join." + member + ".id";
    }

    public static String joinClusterKey(String member) {
        return "join." + member + ".cluster";
    }

    /**
     * The entries for a learner just added: the current members plus it, and an id the script
     * compares with the marker beside its data dir, so data of an earlier membership under the
     * same name is wiped rather than started from.
     */
    public static Map<String, String> join(
            CounterApp app, List<String> currentMembers, String joining, String joinId) {
        String cluster =
                Stream.concat(
                                currentMembers.stream().filter(m -> !m.equals(joining)),
                                Stream.of(joining))
                        .map(member -> member + "=" + EtcdTopology.peerUrl(app, member))
                        .collect(Collectors.joining(","));
        var entries = new LinkedHashMap<String, String>();
        entries.put(joinIdKey(joining), joinId);
        entries.put(joinClusterKey(joining), cluster);
        return entries;
    }
}
