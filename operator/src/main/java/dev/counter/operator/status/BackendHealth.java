package dev.counter.operator.status;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.BackendStatus;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.EtcdTopology;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.RedisConnection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/** {@code status.backend}: the counter's store, from the spec and the StatefulSets it runs. */
final class BackendHealth {

    private BackendHealth() {}

    /** Empty when the spec names no backend (it is refused then). */
    static Optional<BackendStatus> of(CounterApp app, Stores stores) {
        CounterAppSpec spec = app.getSpec();
        if (spec == null || spec.getBackend() == null) {
            return Optional.empty();
        }
        var status = new BackendStatus();
        status.setType(spec.getBackend());
        status.setReady(true);
        if (spec.getBackend() == Backend.REDIS) {
            status.setManaged(Backends.managedRedis(spec));
            status.setEndpoint(RedisConnection.endpoint(app).orElse(null));
            if (Backends.managedRedis(spec)) {
                redis(app, stores.redis(), status);
            }
        } else if (spec.getBackend() == Backend.ETCD) {
            status.setManaged(Backends.managedEtcd(spec));
            if (Backends.managedEtcd(spec)) {
                status.setEndpoint(EtcdTopology.clientUrl(app));
                etcd(app, stores.etcd(), status);
            } else {
                List<String> endpoints = Backends.etcd(spec).getEndpoints();
                status.setEndpoint(String.join(",", endpoints));
                status.setMembers(endpoints.size());
            }
        } else {
            status.setManaged(false);
        }
        return Optional.of(status);
    }

    private static void redis(
            CounterApp app, Optional<StatefulSet> statefulSet, BackendStatus status) {
        if (readyReplicas(statefulSet) >= 1) {
            return;
        }
        status.setReady(false);
        status.setMessage(
                statefulSet.isEmpty()
                        ? "the Redis StatefulSet " + Names.redis(app) + " does not exist yet"
                        : "the Redis pod of " + Names.redis(app) + " is not ready");
    }

    private static void etcd(
            CounterApp app, Optional<StatefulSet> statefulSet, BackendStatus status) {
        // the running cluster's size, which differs from the spec until a resize has finished
        int members =
                statefulSet
                        .map(s -> s.getSpec().getReplicas())
                        .orElseGet(() -> EtcdTopology.members(app));
        int ready = readyReplicas(statefulSet);
        status.setMembers(members);
        status.setReadyMembers(ready);
        int quorum = EtcdTopology.quorum(members);
        if (ready >= quorum) {
            return;
        }
        status.setReady(false);
        status.setMessage(
                statefulSet.isEmpty()
                        ? "the etcd StatefulSet " + Names.etcd(app) + " does not exist yet"
                        : "%d/%d etcd members ready; the cluster serves once %d are"
                                .formatted(ready, members, quorum));
    }

    private static int readyReplicas(Optional<StatefulSet> statefulSet) {
        return statefulSet.map(StatefulSet::getStatus).map(s -> s.getReadyReplicas()).orElse(0);
    }
}
