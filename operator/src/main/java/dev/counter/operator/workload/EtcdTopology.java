package dev.counter.operator.workload;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Names and URLs of the etcd cluster the operator runs. Members are the StatefulSet's pods; each
 * has a stable DNS name through the headless peer Service, which is what the static bootstrap
 * ({@code --initial-cluster}) needs.
 */
public final class EtcdTopology {

    public static final int CLIENT_PORT = 2379;
    public static final String CLIENT_PORT_NAME = "client";
    public static final int PEER_PORT = 2380;
    public static final String PEER_PORT_NAME = "peer";

    private EtcdTopology() {}

    public static int members(CounterApp app) {
        return Objects.requireNonNullElse(
                Backends.etcd(app.getSpec()).getMembers(), EtcdSpec.DEFAULT_MEMBERS);
    }

    /** Members that must be up for the cluster to accept writes. */
    public static int quorum(int members) {
        return members / 2 + 1;
    }

    /** https for a cluster with TLS: clients and peers alike. */
    public static String scheme(CounterApp app) {
        return Backends.managedEtcdTls(app.getSpec()) ? "https" : "http";
    }

    /** The client Service's URL: what the counter pods and the snapshot Job use. */
    public static String clientUrl(CounterApp app) {
        return scheme(app)
                + "://"
                + Names.etcd(app)
                + "."
                + app.getMetadata().getNamespace()
                + ".svc:"
                + CLIENT_PORT;
    }

    public static List<String> memberNames(CounterApp app) {
        return IntStream.range(0, members(app)).mapToObj(i -> Names.etcd(app) + "-" + i).toList();
    }

    /** A member's DNS name under the peer Service. */
    public static String memberHost(CounterApp app, String member) {
        return member
                + "."
                + Names.etcdPeers(app)
                + "."
                + app.getMetadata().getNamespace()
                + ".svc";
    }

    /** {@code --initial-cluster}: every member's name and peer URL. */
    public static String initialCluster(CounterApp app) {
        return memberNames(app).stream()
                .map(member -> member + "=" + peerUrl(app, member))
                .collect(Collectors.joining(","));
    }

    public static String peerUrl(CounterApp app, String member) {
        return scheme(app) + "://" + memberHost(app, member) + ":" + PEER_PORT;
    }

    /** A member's own client URL, as it advertises it. */
    public static String memberClientUrl(CounterApp app, String member) {
        return scheme(app) + "://" + memberHost(app, member) + ":" + CLIENT_PORT;
    }

    /** Keeps members of this cluster from joining another one that reuses the names. */
    public static String clusterToken(CounterApp app) {
        return app.getMetadata().getNamespace() + "-" + Names.etcd(app);
    }
}
