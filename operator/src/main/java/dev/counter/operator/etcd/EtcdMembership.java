package dev.counter.operator.etcd;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.EtcdMembersConfig;
import dev.counter.operator.workload.EtcdTopology;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.Part;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * One membership round of a managed etcd cluster: observe the pods and etcd, plan one step,
 * apply it. Called by the reconciler after the dependents; it is the only writer of the
 * StatefulSet's replicas after creation and of the members ConfigMap's join entries.
 *
 * <p>Until the first cluster has formed (the ConfigMap's {@code bootstrapped} key) nothing is
 * planned: the members bootstrap statically, and a cluster whose pods never answer (a simulated
 * node, a broken image) must not be reported as a lost quorum it never had.
 */
public final class EtcdMembership {

    /** Opens an admin client on the given member client URLs. */
    @FunctionalInterface
    public interface AdminFactory {
        EtcdAdmin open(List<URI> clientUrls, Optional<SSLContext> tls);
    }

    private final AdminFactory admins;
    private final Function<CounterApp, MemberEndpoints> endpoints;

    public EtcdMembership(AdminFactory admins, Function<CounterApp, MemberEndpoints> endpoints) {
        this.admins = admins;
        this.endpoints = endpoints;
    }

    /** Production: pod DNS names under the peer Service, a deadline on every call. */
    public static EtcdMembership overGateway(Duration deadline) {
        return new EtcdMembership(
                (urls, tls) -> new GatewayEtcdAdmin(urls, tls, deadline),
                MemberEndpoints::dns);
    }

    /**
     * @param tls the operator's client certificate for a cluster with TLS
     */
    public Optional<MembershipReport> round(
            CounterApp app, KubernetesClient client, StatefulSet statefulSet, Optional<SSLContext> tls) {
        String namespace = app.getMetadata().getNamespace();
        List<Pod> pods =
                client.pods()
                        .inNamespace(namespace)
                        .withLabels(Labels.selector(app, Part.ETCD))
                        .list()
                        .getItems();
        List<MemberPod> memberPods =
                withTarget(
                        app,
                        MemberPods.of(statefulSet, pods, endpoints.apply(app)),
                        endpoints.apply(app));
        Map<String, String> config = membersConfig(client, app);
        boolean bootstrapped = config.containsKey(EtcdMembersConfig.BOOTSTRAPPED);
        if (!bootstrapped && memberPods.stream().noneMatch(MemberPod::ready)) {
            return Optional.empty();
        }
        List<URI> urls =
                memberPods.stream()
                        .filter(MemberPod::exists)
                        .map(pod -> URI.create(pod.clientUrl()))
                        .toList();
        if (urls.isEmpty() && !bootstrapped) {
            return Optional.empty();
        }
        int replicas = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 0);
        try (EtcdAdmin admin = admins.open(urls, tls)) {
            ClusterView view =
                    ClusterObserver.observe(
                            EtcdTopology.members(app), replicas, memberPods, admin);
            if (!bootstrapped) {
                if (!formed(view, replicas)) {
                    return Optional.empty();
                }
                writeConfig(client, app, Map.of(EtcdMembersConfig.BOOTSTRAPPED, "true"));
            }
            MembershipStep step = MembershipPlanner.next(view);
            if (step instanceof MembershipStep.AddLearner add) {
                // before the add: a pod that starts (or restarts) after it finds how to join,
                // and a crash in between leaves an entry the next add simply replaces
                writeConfig(client, app, joinEntry(app, view, add.ordinal()));
            }
            var outcome =
                    new MembershipExecutor(admin, new StatefulSetWorkload(client, statefulSet))
                            .execute(view, step);
            return Optional.of(report(view, step, outcome));
        }
    }

    /**
     * The planner looks at every ordinal up to the larger of target and replicas: the ones a
     * scale-up will add have no pod yet.
     */
    private static List<MemberPod> withTarget(
            CounterApp app, List<MemberPod> pods, MemberEndpoints endpoints) {
        var all = new ArrayList<>(pods);
        for (int ordinal = pods.size(); ordinal < EtcdTopology.members(app); ordinal++) {
            final int o = ordinal;
            if (all.stream().noneMatch(p -> p.ordinal() == o)) {
                String name = Names.etcd(app) + "-" + o;
                all.add(
                        new MemberPod(
                                o,
                                name,
                                endpoints.peerUrl(name),
                                endpoints.clientUrl(name),
                                false,
                                false,
                                false,
                                false));
            }
        }
        return all;
    }

    /** Every member the StatefulSet runs has started and is a voter: the static bootstrap worked. */
    private static boolean formed(ClusterView view, int replicas) {
        return view.members()
                .filter(
                        members ->
                                members.size() == replicas
                                        && members.stream()
                                                .allMatch(m -> m.started() && !m.learner()))
                .isPresent();
    }

    private static Map<String, String> joinEntry(CounterApp app, ClusterView view, int ordinal) {
        List<String> current =
                view.members().orElse(List.of()).stream()
                        .filter(EtcdMember::started)
                        .map(EtcdMember::name)
                        .toList();
        return EtcdMembersConfig.join(
                app, current, Names.etcd(app) + "-" + ordinal, UUID.randomUUID().toString());
    }

    private static MembershipReport report(
            ClusterView view, MembershipStep step, MembershipExecutor.Outcome outcome) {
        List<EtcdMember> members = view.members().orElse(List.of());
        Optional<String> leader =
                view.statuses().values().stream()
                        .map(EndpointStatus::leaderId)
                        .filter(id -> id != 0)
                        .findFirst()
                        .flatMap(
                                id ->
                                        members.stream()
                                                .filter(m -> m.id() == id)
                                                .findFirst()
                                                .map(m -> podName(view, m)));
        int learners = (int) members.stream().filter(EtcdMember::learner).count();
        return new MembershipReport(
                step,
                outcome.applied(),
                outcome.message(),
                members.size() - learners,
                learners,
                leader);
    }

    /** Members are named after their pods in production; the peer URL is what identifies them. */
    private static String podName(ClusterView view, EtcdMember member) {
        return view.pods().stream()
                .filter(pod -> member.peerUrls().contains(pod.peerUrl()))
                .map(MemberPod::name)
                .findFirst()
                .orElse(member.name());
    }

    private static Map<String, String> membersConfig(KubernetesClient client, CounterApp app) {
        ConfigMap map =
                client.configMaps()
                        .inNamespace(app.getMetadata().getNamespace())
                        .withName(Names.etcdMembers(app))
                        .get();
        return map == null || map.getData() == null ? Map.of() : map.getData();
    }

    private static void writeConfig(
            KubernetesClient client, CounterApp app, Map<String, String> entries) {
        client.configMaps()
                .inNamespace(app.getMetadata().getNamespace())
                .withName(Names.etcdMembers(app))
                .edit(
                        map -> {
                            var data =
                                    new HashMap<>(
                                            Objects.requireNonNullElse(map.getData(), Map.of()));
                            data.putAll(entries);
                            map.setData(data);
                            return map;
                        });
    }
}
